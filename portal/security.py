"""Security headers (a Content-Security-Policy without unsafe-inline), safe redirects, bounded ids in URLs."""

from urllib.parse import quote, urlsplit

from flask import Flask, request
from werkzeug.routing import IntegerConverter

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def safe_next(target: str | None, fallback: str) -> str:
    """Return `target` only if it is a local path on this site, else `fallback`."""
    if not target:
        return fallback
    target = target.replace("\\", "/").strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def safe_href(url: str | None) -> str:
    """A user-given web address fit for href: http(s) only, illegal characters percent-encoded."""
    url = (url or "").strip()
    if not url.lower().startswith(("https://", "http://")):
        return "#"
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["href"] = safe_href

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if app.config["PORTAL_ENV"] == "production":
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint and not request.endpoint.endswith("static") and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store" if request.cookies.get("session") else "no-cache"
        return response


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` in every route: 1 … 2^31-1. A larger id cannot exist (and would overflow a PostgreSQL
    integer), so the route does not match and the user gets a plain 404."""

    # 1 … 2147483647 spelled out as a pattern: werkzeug checks the method before the converter's bounds,
    # so a PATCH to /api/v1/needs/99999999999 would otherwise answer 405 instead of 404.
    regex = (r"(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}"
             r"|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])")

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)
