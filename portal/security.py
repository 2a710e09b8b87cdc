"""Security headers (a Content-Security-Policy without unsafe-inline) and safe redirects."""

from urllib.parse import quote, urlsplit

from flask import Flask, request

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
