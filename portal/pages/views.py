"""Front page, static information pages, language switch and /healthz."""

from flask import (
    Blueprint,
    current_app,
    has_request_context,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import text

from portal.extensions import csrf, db
from portal.i18n import LANG_COOKIE
from portal.security import safe_next

bp = Blueprint("pages", __name__)

# (endpoint, label, who): shown when the endpoint exists; who is "all", "user" or "admin".
NAV = [
    ("needs.index", _l("Behov"), "all"),
    ("suppliers.directory", _l("Leverandører"), "all"),
    ("search.search", _l("Søk"), "all"),
    ("opendata.index", _l("Innsikt"), "all"),
    ("dashboard.index", _l("Min side"), "user"),
    ("organisations.mine", _l("Mine organisasjoner"), "user"),
    ("admin.queue", _l("Administrasjon"), "admin"),
]


@bp.app_context_processor
def inject_nav():
    if not has_request_context():
        return {"nav_items": [], "nav_endpoints": set()}
    user = current_user
    allowed = {"all"}
    if user.is_authenticated:
        allowed.add("user")
        if user.is_platform_admin:
            allowed.add("admin")
    return {
        "nav_endpoints": current_app.view_functions.keys(),
        "nav_items": [
            (ep, label) for ep, label, who in NAV if who in allowed and ep in current_app.view_functions
        ]
    }


@bp.get("/")
def index():
    return render_template("pages/index.html")


@bp.get("/om")
def about():
    return render_template("pages/about.html")


@bp.get("/personvern")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/tilgjengelighet")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.post("/sprak")
def set_language():
    """Switch language and remember it (cookie, and on the account when logged in)."""
    lang = request.form.get("lang")
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_app.config["BABEL_DEFAULT_LOCALE"]
    session["lang"] = lang
    if current_user.is_authenticated:
        current_user.locale = lang
        db.session.commit()
    resp = make_response(redirect(safe_next(request.form.get("next"), "/")))
    resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                    secure=current_app.config["SESSION_COOKIE_SECURE"])
    return resp


@bp.get("/favicon.ico")
def favicon():
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the icon."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/healthz")
@csrf.exempt
def healthz():
    """Report database and search-index status as JSON (503 when the database is down)."""
    from portal.search.health import index_status

    try:
        db.session.execute(text("SELECT 1"))
        database = {"status": "ok"}
    except Exception as exc:  # report, never raise: this is the health probe
        db.session.rollback()
        database = {"status": "error", "detail": type(exc).__name__}
    search = index_status()
    ok = database["status"] == "ok"
    body = {"status": "ok" if ok and search["status"] == "ok" else "degraded" if ok else "error",
            "database": database, "search": search}
    return jsonify(body), 200 if ok else 503
