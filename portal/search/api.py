"""JSON API: search, matches and CPV suggestions (bad parameters → 400 problem+json)."""

import logging

from flask import Blueprint, jsonify, request

from portal.db import db
from portal.errors import render_error
from portal.extensions import csrf
from portal.paging import is_digits
from portal.search import limits
from portal.search import params as sp
from portal.search.index import IndexUnavailable
from portal.search.views import RETRY_AFTER, SEARCH_LIMIT, run_search, search_slot

bp = Blueprint("search_api", __name__, url_prefix="/api/v1")
log = logging.getLogger(__name__)


class BadParam(ValueError):
    pass


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not is_digits(raw) or len(raw) > 9 or not low <= int(raw) <= high:
        raise BadParam(f"{name} må være et heltall fra {low} til {high}.")
    return int(raw)


def _unavailable():
    return render_error(503, "Søkeindeksen er midlertidig utilgjengelig.")


def _busy():
    resp = render_error(503, "Søket er travelt akkurat nå. Prøv igjen om litt.")
    resp.headers["Retry-After"] = RETRY_AFTER
    return resp


@bp.get("/search")
@SEARCH_LIMIT
def search():
    try:
        limit = _int("limit", 20, 1, 100)
        offset = _int("offset", 0, 0, 10_000)
    except BadParam as exc:
        return render_error(400, str(exc))
    if len(request.args.get("q", "")) > sp.MAX_QUERY:
        return render_error(400, f"q kan være høyst {sp.MAX_QUERY} tegn.")
    p, errors = sp.parse(request.args)
    if errors:
        return render_error(400, " ".join(errors.values()))
    if offset % limit == 0:
        page, pagelen, skip = offset // limit + 1, limit, 0
    else:
        page, pagelen, skip = 1, offset + limit, offset
    try:
        res = run_search(p, page, pagelen, facets=False)  # the API returns no facet counts
    except limits.SearchBusy:
        return _busy()
    except IndexUnavailable:
        return _unavailable()
    name = "title" if p.type == "need" else "name"
    return jsonify({
        "total": res.total,
        "results": [{"id": h.pk, "external_id": h.external_id, name: h.title, "snippet": str(h.snippet),
                     "score": h.score} for h in res.hits[skip:]],
        "suggestion": res.suggestion,
        "truncated": res.truncated,  # the time budget ran out: the hits found so far, maybe unranked
    })


def _matches(fn, obj, key: str):
    try:
        limit = _int("limit", 20, 1, 50)
    except BadParam as exc:
        return render_error(400, str(exc))
    try:
        with search_slot():
            matches = fn(obj, limit)
    except limits.SearchBusy:
        return _busy()
    except IndexUnavailable:
        return _unavailable()
    return jsonify({"results": [
        {key: {"id": m.pk, "external_id": m.external_id, "name": m.name}, "score": m.score, "reasons": m.reasons}
        for m in matches]})


@bp.get("/needs/<int:need_id>/matches")
def need_matches(need_id: int):
    from portal.needs.models import Need
    from portal.search.matching import match_suppliers

    need = db.session.get(Need, need_id)
    if need is None or not need.is_public:
        return render_error(404, "Behovet finnes ikke.")
    return _matches(match_suppliers, need, "supplier")


@bp.get("/suppliers/<int:supplier_id>/matches")
def supplier_matches(supplier_id: int):
    from portal.search.documents import supplier_is_indexable
    from portal.search.matching import match_needs
    from portal.suppliers.models import SupplierProfile

    profile = db.session.get(SupplierProfile, supplier_id)
    if not supplier_is_indexable(profile):
        return render_error(404, "Leverandøren finnes ikke.")
    return _matches(match_needs, profile, "need")


@bp.route("/cpv/suggest", methods=["GET", "POST"])
@csrf.exempt  # reads nothing from the session and changes nothing: a computation, not a form
@SEARCH_LIMIT  # as costly as a search: the same per-client budget and the worker's search slot
def cpv_suggest():
    """GET ?text= for short texts (URLs have a length limit); POST a JSON body for long ones."""
    from portal.search.cpv_suggest import suggest

    if request.method == "POST":
        body = request.get_json(silent=True) if request.is_json else None
        if not isinstance(body, dict):
            return render_error(400, "Send et JSON-objekt med text (og eventuelt limit).")
        text, raw_limit, max_text = body.get("text"), body.get("limit", 5), sp.CPV_POST_MAX
        if not isinstance(text, str) or isinstance(raw_limit, bool) or not isinstance(raw_limit, int) \
                or not 1 <= raw_limit <= 20:
            return render_error(400, "text må være tekst og limit et heltall fra 1 til 20.")
        limit = raw_limit
    else:
        text, max_text = request.args.get("text") or "", sp.CPV_GET_MAX
        try:
            limit = _int("limit", 5, 1, 20)
        except BadParam as exc:
            return render_error(400, str(exc))
    if len(text) > max_text:
        return render_error(400, f"text kan være høyst {max_text} tegn (lengre tekst: bruk POST).")
    if not text.strip():
        return render_error(400, "text må fylles ut.")
    try:
        with search_slot():
            return jsonify({"results": suggest(text.strip(), limit=limit)})
    except limits.SearchBusy:
        return _busy()
