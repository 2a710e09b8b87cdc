"""Language choice (bokmål default, English) and display helpers in Europe/Oslo."""

from datetime import datetime

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

LANG_COOKIE = "lang"


def select_locale() -> str:
    """Chosen language: session, then remembered cookie, then the user's, then bokmål."""
    langs = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    for candidate in (
        session.get("lang"),
        request.cookies.get(LANG_COOKIE),
        getattr(current_user, "locale", None) if current_user and current_user.is_authenticated else None,
    ):
        if candidate in langs:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def oslo_datetime(value: datetime | None, fmt: str = "short") -> str:
    """Format an aware UTC datetime in Europe/Oslo for the current language."""
    return format_datetime(value, fmt) if value else ""


def oslo_date(value, fmt: str = "medium") -> str:
    return format_date(value, fmt) if value else ""


def init_app(app: Flask) -> None:
    app.jinja_env.filters["datetime"] = oslo_datetime
    app.jinja_env.filters["date"] = oslo_date
    app.jinja_env.add_extension("jinja2.ext.i18n")

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale() or "nb")}
