"""The web layer: request parameters, views, JSON API, i18n, security and the server.

Views read the engine's plain data and render it; they never touch the index themselves.
"""
