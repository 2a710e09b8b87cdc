"""/api/v1: OCDS releases, the OpenAPI spec and docs page, and token-authenticated need writes."""

from flask import Blueprint, current_app, jsonify, request, url_for

from portal.errors import render_error
from portal.extensions import db, limiter
from portal.needs.models import Need, NeedStatus
from portal.opendata import api_write, ocds
from portal.opendata.paging import link_header, paginate

bp = Blueprint("opendata_api", __name__, url_prefix="/api/v1")

# One limit object for every /api/v1 blueprint (per client address, per blueprint).
API_LIMIT = limiter.limit(lambda: current_app.config.get("API_RATELIMIT", "120 per minute"))


api_write.register(bp)


# The only query parameters whose spec allows an empty string; every other one is a number or a code.
EMPTY_ALLOWED = {"q"}


def _refuse_empty_parameters():
    """`?offset=` or `?county=` is no value the spec allows: say so rather than silently ignore it."""
    if request.path.startswith("/api/v1/"):
        empty = sorted({k for k, v in request.args.items(multi=True) if not v and k not in EMPTY_ALLOWED})
        if empty:
            return render_error(400, f"Tom verdi for {', '.join(empty)}: utelat parameteren eller gi en verdi.")
    return None


@bp.record_once
def _limit_all_api_blueprints(state) -> None:
    state.app.before_request(_refuse_empty_parameters)
    API_LIMIT(bp)
    for blueprint in state.app.blueprints.values():
        if (blueprint.url_prefix or "").startswith("/api/v1") and blueprint is not bp:
            API_LIMIT(blueprint)


@bp.get("/ocds/releases")
def ocds_releases():
    """A release package of every public need, paginated (oldest first)."""
    page = paginate(ocds.public_needs_stmt())
    if not page.items:  # an OCDS release package holds at least one release
        return render_error(404, "Ingen publiserte behov på denne siden." if page.total
                            else "Ingen behov er publisert ennå.")
    links = page.links("opendata_api.ocds_releases")
    body = ocds.package([ocds.release(n) for n in page.items], links["self"], links)
    resp = jsonify(body)
    resp.headers["Link"] = link_header(links)
    resp.headers["X-Total-Count"] = str(page.total)
    return resp


@bp.get("/ocds/releases/<int:need_id>")
def ocds_release(need_id: int):
    """A release package with the one release of a public need."""
    need = db.session.get(Need, need_id)
    if need is None or need.status == NeedStatus.DRAFT:
        return render_error(404, "Fant ikke noe publisert behov med denne id-en.")
    return jsonify(ocds.package([ocds.release(need)], request.base_url))


@bp.get("/openapi.json")
def openapi_json():
    from portal.opendata.openapi import spec

    return jsonify(spec(current_app))


@bp.get("/docs")
def docs():
    from flask import render_template

    from portal.opendata.openapi import spec
    from portal.text import render_markdown

    data = spec(current_app)
    return render_template("opendata/api_docs.html", spec=data, intro=render_markdown(data["info"]["description"]),
                           spec_url=url_for("opendata_api.openapi_json"))
