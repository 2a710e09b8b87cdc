"""Error pages (HTML for people, JSON problem details for the API)."""

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import MethodNotAllowed

from portal.extensions import db

TITLES = {
    400: _l("Ugyldig forespørsel"),
    403: _l("Ingen tilgang"),
    404: _l("Siden finnes ikke"),
    405: _l("Metoden er ikke tillatt"),
    413: _l("Filen er for stor"),
    429: _l("For mange forsøk"),
    500: _l("Noe gikk galt"),
    503: _l("Tjenesten er midlertidig utilgjengelig"),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def render_error(status: int, detail: str | None = None):
    title = str(TITLES.get(status, _("Feil")))
    if _wants_json():
        body = {"type": "about:blank", "title": title, "status": status}
        if detail:
            body["detail"] = detail
        resp = jsonify(body)
        resp.status_code = status
        resp.mimetype = "application/problem+json"
        return resp
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


def init_app(app: Flask) -> None:
    for status in (400, 403, 404, 413):
        app.register_error_handler(status, lambda e, s=status: render_error(s))

    @app.errorhandler(MethodNotAllowed)
    def method_not_allowed(e: MethodNotAllowed):
        resp = make_response(render_error(405))
        # RFC 9110: a 405 names the methods the resource does support.
        if e.valid_methods:
            resp.headers["Allow"] = ", ".join(sorted(e.valid_methods))
        return resp

    @app.errorhandler(429)
    def too_many(e):
        return render_error(429, _("Du har prøvd for mange ganger. Vent litt og prøv igjen."))

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        return render_error(400, _("Skjemaet var utløpt eller ugyldig. Last inn siden på nytt og prøv igjen."))

    @app.errorhandler(500)
    def server_error(e):
        db.session.rollback()
        return render_error(500)
