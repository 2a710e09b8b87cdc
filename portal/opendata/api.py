"""/api/v1: OCDS releases, the OpenAPI spec and docs page, and token-authenticated need writes."""

from flask import Blueprint, current_app, jsonify, request, url_for

from portal.errors import render_error
from portal.extensions import db, limiter
from portal.needs.models import Need, NeedStatus
from portal.opendata import api_write, ocds, ocds_records
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


def _paged(endpoint: str, build):
    """A package of the public needs on this page (oldest first), with Link and X-Total-Count headers."""
    page = paginate(ocds.public_needs_stmt())
    if not page.items:  # an OCDS package holds at least one release or record
        return render_error(404, "Ingen publiserte behov på denne siden." if page.total
                            else "Ingen behov er publisert ennå.")
    links = page.links(endpoint)
    resp = jsonify(build(page.items, links))
    resp.headers["Link"] = link_header(links)
    resp.headers["X-Total-Count"] = str(page.total)
    return resp


@bp.get("/ocds/releases")
def ocds_releases():
    """A release package with the current release of every public need, paginated."""
    return _paged("opendata_api.ocds_releases",
                  lambda needs, links: ocds.package(ocds.current_releases(needs), links["self"], links))


def _public_need(need_id: int) -> Need | None:
    need = db.session.get(Need, need_id)
    return None if need is None or need.status == NeedStatus.DRAFT else need


@bp.get("/ocds/releases/<int:need_id>")
def ocds_release(need_id: int):
    """A release package with the current release of a public need."""
    need = _public_need(need_id)
    if need is None:
        return render_error(404, "Fant ikke noe publisert behov med denne id-en.")
    return jsonify(ocds.package(ocds.current_releases([need]), request.base_url))


@bp.get("/ocds/records")
def ocds_records_list():
    """A record package: per public need every release and the compiled release, paginated."""
    return _paged("opendata_api.ocds_records_list", lambda needs, links: ocds_records.record_package(
        ocds_records.records(needs), links["self"], links))


@bp.get("/ocds/records/<int:need_id>")
def ocds_record(need_id: int):
    """A record package with the record of one public need."""
    need = _public_need(need_id)
    if need is None:
        return render_error(404, "Fant ikke noe publisert behov med denne id-en.")
    return jsonify(ocds_records.record_package(ocds_records.records([need]), request.base_url))


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
