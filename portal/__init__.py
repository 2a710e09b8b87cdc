"""Møteplassen: the application factory."""

import importlib
import logging
from pathlib import Path

from flask import Flask

from portal.config import development_secret, load_config
from portal.security import DatabaseIdConverter


def _folder(name: str) -> str:
    """templates/, static/ or migrations/: inside the package when installed from a wheel (setup.py
    copies them there), else the top-level folder of the source tree."""
    here = Path(__file__).parent
    return str(here / name if (here / name).is_dir() else here.parent / name)


def create_app(overrides: dict | None = None) -> Flask:
    """Create the app from PORTAL_* environment variables, then `overrides` (tests)."""
    app = Flask(__name__, template_folder=_folder("templates"), static_folder=_folder("static"))
    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added
    app.config.update(load_config())
    app.config.update(overrides or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = development_secret(Path(app.config["INSTANCE_DIR"]))
    for key in ("INSTANCE_DIR", "SEARCH_INDEX_DIR", "UPLOAD_DIR"):
        Path(app.config[key]).mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_COUNT"]:  # behind nginx: rate limits count the client's address, not the proxy's
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)

    from portal import errors, i18n, security
    from portal.extensions import babel, csrf, db, limiter, login_manager, migrate
    from portal.organisations import context as org_context

    db.init_app(app)
    migrate.init_app(app, db, directory=_folder("migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Europe/Oslo")
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    org_context.init_app(app)
    _register_models()
    _register_blueprints(app)
    _register_cli(app)

    from portal.notifications.services import send_after_commit

    app.teardown_appcontext(send_after_commit)
    return app


# Every domain package; each has models.py and views.py (with `bp`), some also api.py (with `bp`).
DOMAINS = ["pages", "auth", "organisations", "admin", "notifications", "needs", "suppliers", "dashboard", "search", "dialogue", "audit", "opendata", "alerts"]
API_MODULES = ["needs", "suppliers", "search", "dialogue", "opendata"]


def _register_models() -> None:
    """Import every models module so the metadata is complete (migrations, create_all)."""
    for name in DOMAINS:
        if (Path(__file__).parent / name / "models.py").exists():
            importlib.import_module(f"portal.{name}.models")
    import portal.audit.events  # noqa: F401  (registers the audit flush listeners)


def _register_blueprints(app: Flask) -> None:
    for name in DOMAINS:
        if (Path(__file__).parent / name / "views.py").exists():
            app.register_blueprint(importlib.import_module(f"portal.{name}.views").bp)
    for name in API_MODULES:
        if (Path(__file__).parent / name / "api.py").exists():
            app.register_blueprint(importlib.import_module(f"portal.{name}.api").bp)


def _register_cli(app: Flask) -> None:
    from portal.cli import register

    register(app)
