"""Find what a saved search matches, through the search backend interface, re-checked in the database.

New needs: published after the search was saved (Need.published_dt), still public and open.
New suppliers: public profiles created after the search was saved (SupplierProfile.created_dt).
The backend is asked with sort="newest" (the index's `published` field: a need's publication time,
a profile's last change) and paging stops at the first hit older than the cut-off.
"""

from datetime import timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import contains_eager, selectinload
from werkzeug.datastructures import MultiDict

from portal.db import db
from portal.search import params as sp
from portal.search.backend import get_backend

PAGELEN = 50
MAX_PAGES = 20
# Look this far behind the last run: an index update that was queued (locked index) arrives late.
LOOKBACK = timedelta(days=1)
# A followed need's supplier matches count from this score (docs/matching.md: 0..1).
MIN_FOLLOW_SCORE = 0.3
FOLLOW_CANDIDATES = 200


def params_of(search) -> sp.SearchParams:
    """The stored search as validated SearchParams (facet values no longer known are left out)."""
    args = MultiDict([("q", search.query or ""), ("type", search.doc_type)])
    for name, values in (search.filters or {}).items():
        for v in values if isinstance(values, list) else [values]:
            args.add(name, str(v))
    return sp.parse(args)[0]


def search_hits(search, since_ts: int | None = None, limit: int = 1000) -> list[int]:
    """Primary keys of the search's hits, newest first; stop at hits older than `since_ts`."""
    p = params_of(search)
    backend, pks = get_backend(), []
    for page in range(1, MAX_PAGES + 1):
        # every query word (or its synonyms, compound parts): the typo fallback is for browsing, not mail
        res = backend.search(p.q, p.type, p.filters, "newest", page, PAGELEN, facets=False, loose=False)
        for hit in res.hits:
            if since_ts is not None and (hit.fields.get("published") or 0) < since_ts:
                return pks
            pks.append(hit.pk)
            if len(pks) >= limit:
                return pks
        if page >= res.pages:
            break
    return pks


def public_needs(pks, published_since=None, open_only: bool = True) -> list:
    from portal.needs.models import OPEN_STATUSES, Need, NeedStatus
    from portal.needs.queries import with_details

    if not pks:
        return []
    stmt = with_details(select(Need).where(Need.id.in_(pks), Need.status.in_(OPEN_STATUSES) if open_only
                                           else Need.status != NeedStatus.DRAFT))
    if published_since is not None:
        stmt = stmt.where(Need.published_dt >= published_since)
    found = {n.id: n for n in db.session.scalars(stmt)}
    return [found[pk] for pk in pks if pk in found]


def public_profiles(pks, created_since=None) -> list:
    from portal.organisations.models import Organisation
    from portal.suppliers.models import SupplierProfile
    from portal.suppliers.queries import listed

    if not pks:
        return []
    stmt = (select(SupplierProfile).join(Organisation, Organisation.id == SupplierProfile.organisation_id)
            .where(SupplierProfile.id.in_(pks), listed())
            .options(contains_eager(SupplierProfile.organisation), selectinload(SupplierProfile.cpvs)))
    if created_since is not None:
        stmt = stmt.where(SupplierProfile.created_dt >= created_since)
    found = {p.id: p for p in db.session.scalars(stmt)}
    return [found[pk] for pk in pks if pk in found]


def _any_new_profile(since) -> bool:
    from portal.suppliers.models import SupplierProfile
    from portal.suppliers.queries import listed

    return bool(db.session.scalar(select(exists().where(listed(), SupplierProfile.created_dt >= since))))


def followed_suppliers(search, since=None, limit: int = FOLLOW_CANDIDATES) -> list:
    """Public supplier profiles matching the followed need (score ≥ MIN_FOLLOW_SCORE), best first."""
    from portal.search.matching import match_suppliers

    if since is not None and not _any_new_profile(since):
        return []  # nothing new: skip the matching
    matches = [m for m in match_suppliers(search.need, limit) if m.score >= MIN_FOLLOW_SCORE]
    return public_profiles([m.pk for m in matches], since)


def cutoff(search, now):
    """Objects newer than this are looked at: since saving, and a day before the last run."""
    if search.checked_dt is None:
        return search.created_dt
    return max(search.created_dt, min(now, search.checked_dt) - LOOKBACK)


def new_matches(search, now) -> list:
    """Objects (needs or profiles) the search matches that are new since it was saved."""
    since = cutoff(search, now)
    if search.need_id is not None:
        return followed_suppliers(search, since)
    pks = search_hits(search, int(since.timestamp()))
    if search.doc_type == "need":
        return public_needs(pks, search.created_dt)
    return public_profiles(pks, search.created_dt)


def feed_objects(search, limit: int = 50) -> list:
    """The search's newest matches for its Atom feed (public objects only)."""
    if search.need_id is not None:
        profiles = followed_suppliers(search, None, limit)
        return sorted(profiles, key=lambda p: p.created_dt, reverse=True)
    pks = search_hits(search, None, limit)
    return public_needs(pks) if search.doc_type == "need" else public_profiles(pks)
