"""The search engine: query → plan → match → rank → highlight → suggest, as plain data.

No module here imports Flask or the web layer (``tests/test_layers.py``): the command line,
the benchmarks and the web app all search through :class:`service.SearchService`.
"""
