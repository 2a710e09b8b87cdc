"""The search page (/sok) and the match pages of needs and suppliers."""

import logging
from contextlib import AbstractContextManager
from functools import lru_cache

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.db import db
from portal.extensions import limiter
from portal.needs.blueprint import load_public_need
from portal.paging import page_number
from portal.search import limits
from portal.search import params as sp
from portal.search.backend import get_backend
from portal.search.index import IndexUnavailable
from portal.search.queue import retry_pending

bp = Blueprint("search", __name__)
log = logging.getLogger(__name__)
PAGELEN = 20
MAX_PAGE = 500
RETRY_AFTER = "2"  # seconds, on the «busy» answer
# One budget per client address for /sok and /api/v1/search together (Flask-Limiter answers 429).
SEARCH_LIMIT = limiter.shared_limit(lambda: current_app.config["SEARCH_RATELIMIT"], scope="search")


@bp.teardown_app_request
def _retry_index_queue(exc=None):
    retry_pending(exc)


def cpv_hints(q: str) -> list[str]:
    """CPV codes the query text suggests (a gentle boost, never a filter)."""
    if len(q) < 3:
        return []
    try:
        return list(_cpv_hints(" ".join(q.lower().split())))
    except Exception:  # the boost is optional
        log.exception("CPV hints failed")
        return []


@lru_cache(maxsize=2048)
def _cpv_hints(q: str) -> tuple[str, ...]:
    """The same query (next page, another filter or sort) reuses the hints: the model is fixed per process."""
    from portal.search.cpv_suggest import suggest

    return tuple(s["code"] for s in suggest(q, limit=3) if s["score"] >= 0.5)


def search_slot() -> AbstractContextManager[None]:
    """This worker's search slot, waited for briefly: limits.SearchBusy when other searches hold it."""
    return limits.slot(current_app.config["SEARCH_SLOT_WAIT"], queue=True)


def run_search(p: sp.SearchParams, page: int, pagelen: int, facets: bool = True):
    """Search within the time budget (Results.truncated when it ran out); limits.SearchBusy when busy."""
    with search_slot():  # the hints cost CPU too (and train the suggester on a worker's first search)
        boost = cpv_hints(p.q)
        with limits.time_budget(current_app.config["SEARCH_TIME_BUDGET"]):
            return get_backend().search(p.q, p.type, p.filters, p.sort, page, pagelen, boost_cpv=boost,
                                        facets=facets)


@bp.get("/sok")
@SEARCH_LIMIT
def search():
    p, errors = sp.parse(request.args)
    q_error = errors.pop("q", None)  # shown next to the search field
    if q_error:
        used = _("Bare de %(max)d første ordene ble brukt.", max=sp.MAX_WORDS)
        q_error = f"{q_error} {used}"
    page = page_number(MAX_PAGE, "page")  # the last page is known only after the search
    results, unavailable, busy = None, False, False
    try:
        results = run_search(p, page, PAGELEN)
    except limits.SearchBusy:
        busy = True
    except IndexUnavailable:
        unavailable = True
    except Exception:  # never fail the page because of the index
        log.exception("search failed")
        unavailable = True
    html = render_template(
        "search/search.html", p=p, errors=errors, q_error=q_error, results=results, unavailable=unavailable,
        busy=busy, page=page, facet_values=sp.facet_values, facet_titles=sp.FACET_TITLES, sort_labels=sp.SORT_LABELS,
    )
    return (html, 503, {"Retry-After": RETRY_AFTER}) if busy else html


def _profile_or_404(profile_id: int):
    """A listed profile (the directory's rule for everyone, so never a rejected one), or one's own."""
    from portal.organisations.permissions import is_member
    from portal.suppliers.models import SupplierProfile
    from portal.suppliers.permissions import is_listed

    profile = db.session.get(SupplierProfile, profile_id)
    if profile is None or not (is_listed(profile) or is_member(current_user, profile.organisation)):
        abort(404)
    return profile


def safe_matches(fn, obj, limit=20):
    """(matches, unavailable): matching needs the index (and a free search slot); say so instead of failing."""
    try:
        with search_slot():
            return fn(obj, limit), False
    except Exception:
        log.exception("matching failed")
        return [], True


@bp.get("/behov/<int:need_id>/treff")
def need_matches(need_id: int):
    from portal.search.matching import match_suppliers

    need = load_public_need(need_id)
    matches, unavailable = safe_matches(match_suppliers, need)
    return render_template("search/need_matches.html", need=need, matches=matches, unavailable=unavailable)


@bp.get("/leverandorer/<int:profile_id>/treff")
def supplier_matches(profile_id: int):
    from portal.search.matching import match_needs

    profile = _profile_or_404(profile_id)
    matches, unavailable = safe_matches(match_needs, profile)
    return render_template("search/supplier_matches.html", profile=profile, matches=matches,
                           unavailable=unavailable)
