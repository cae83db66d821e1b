"""Searches the index built by `indexer` and serves the results."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from reform_search import settings
from reform_search.settings import SettingError

if TYPE_CHECKING:
    from flask import Flask

# The bounds on a request's cost (search_app.engine.limits), all whole numbers.
LIMIT_SETTINGS = (
    "REFORM_SEARCH_MAX_QUERY_CHARS",
    "REFORM_SEARCH_MAX_ALTERNATIVES",
    "REFORM_SEARCH_HIGHLIGHT_CHARS",
    "REFORM_SEARCH_TIME_BUDGET_MS",
    "REFORM_SEARCH_HEAVY_POSTINGS",
    "REFORM_SEARCH_HEAVY_AT_ONCE",
)
WEB_SETTINGS = (
    "REFORM_SEARCH_INDEX",
    "REFORM_SEARCH_CORS_ORIGINS",
    "REFORM_SEARCH_FRAME_ORIGINS",
    "REFORM_SEARCH_TRUST_PROXY",
    "REFORM_SEARCH_MAX_PER_PAGE",
    "REFORM_SEARCH_CACHE_SIZE",
    "REFORM_SEARCH_PUBLIC_URL",
    "REFORM_SEARCH_MAX_EXPORT_ROWS",
    *LIMIT_SETTINGS,
)
LIST_SETTINGS = ("REFORM_SEARCH_CORS_ORIGINS", "REFORM_SEARCH_FRAME_ORIGINS")
INT_SETTINGS = (
    "REFORM_SEARCH_TRUST_PROXY",
    "REFORM_SEARCH_MAX_PER_PAGE",
    "REFORM_SEARCH_CACHE_SIZE",
    "REFORM_SEARCH_MAX_EXPORT_ROWS",
    *LIMIT_SETTINGS,
)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web app: settings from the environment, then ``test_config`` on top."""
    # Imported here: the command line imports search_app.engine.service and needs no Flask.
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    from search_app.web import api, backend, embed, errors, i18n, public_url, security, ui
    from search_app.web.analytics_views import bp as analytics_bp
    from search_app.web.export_views import bp as export_bp

    app = Flask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    # Flask turns debug on from FLASK_DEBUG in the environment, under gunicorn too: errors
    # would then escape the error pages, and a debugger would run code for any visitor.
    # Only code (``test_config``) may turn it on.
    app.config["DEBUG"] = False
    app.config.from_mapping({name: settings.get(name) for name in WEB_SETTINGS})
    app.config.from_mapping(test_config or {})
    _parse_config(app.config)
    public_url.init_app(app)  # checks its setting: before pyvi takes its seconds to load
    backend.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(ui.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(analytics_bp)
    app.register_blueprint(export_bp)

    proxies = app.config["REFORM_SEARCH_TRUST_PROXY"]
    if proxies:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
    return app


def resource_dir(name: str) -> Path:
    """``templates`` or ``static``: inside the installed package, else the checkout's top level."""
    installed = Path(str(files("search_app") / name))
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / name


def _parse_config(config) -> None:
    for name in LIST_SETTINGS:
        value = config[name]
        if isinstance(value, str):
            config[name] = [item.strip() for item in value.split(",") if item.strip()]
    for name in INT_SETTINGS:
        value = config[name]
        if isinstance(value, str):
            value = {"true": "1", "yes": "1", "false": "0", "no": "0"}.get(value.lower(), value)
            if not value.strip().isascii() or not value.strip().isdigit():
                raise SettingError(f"{name} must be a whole number, 0 or more; got {value!r}")
        config[name] = int(value)
