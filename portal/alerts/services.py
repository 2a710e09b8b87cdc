"""State changes of saved searches (flush, never commit); the owner is checked by the views."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from portal.alerts.models import AlertDelivery, Frequency, SavedSearch, new_feed_token
from portal.alerts.permissions import MAX_SEARCHES_PER_USER
from portal.auth.services import export_section, export_time, on_account_deleted, on_feed_tokens_replaced
from portal.db import db, utcnow


class AlertError(Exception):
    """A message for the whole form."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _check_limit(user) -> None:
    count = db.session.scalar(select(func.count(SavedSearch.id)).where(SavedSearch.user_id == user.id))
    if count >= MAX_SEARCHES_PER_USER:
        raise AlertError(_l("Du har allerede %(n)d lagrede søk, som er det meste. Slett et du ikke trenger.",
                            n=MAX_SEARCHES_PER_USER))


def create_saved_search(user, params, data: dict) -> SavedSearch:
    """Save `params` (SearchParams: query, type, filters) under a name with a frequency."""
    _check_limit(user)
    search = SavedSearch(user_id=user.id, name=data["name"].strip(), doc_type=params.type, query=params.q,
                         filters={k: list(v) for k, v in params.filters.items() if v},
                         frequency=Frequency(data["frequency"]))
    db.session.add(search)
    db.session.flush()
    return search


def follow_suppliers(user, need, data: dict) -> SavedSearch:
    """Follow new supplier profiles matching `need` (one follow per user and need)."""
    existing = db.session.scalar(select(SavedSearch).where(SavedSearch.user_id == user.id,
                                                           SavedSearch.need_id == need.id))
    if existing is not None:
        existing.frequency = Frequency(data["frequency"])
        db.session.flush()
        return existing
    _check_limit(user)
    name = str(_l("Nye leverandører: %(title)s", title=need.title))
    search = SavedSearch(user_id=user.id, name=name[:100], doc_type="supplier", need_id=need.id,
                         frequency=Frequency(data["frequency"]))
    db.session.add(search)
    db.session.flush()
    return search


def update_saved_search(user, search: SavedSearch, data: dict) -> SavedSearch:
    search.name, search.frequency = data["name"].strip(), Frequency(data["frequency"])
    db.session.flush()
    return search


def delete_saved_search(user, search: SavedSearch) -> None:
    """Delete the search; what it already told is remembered, so it is never told twice."""
    db.session.delete(search)
    db.session.flush()


def regenerate_feed_token(user, search: SavedSearch) -> SavedSearch:
    search.feed_token = new_feed_token()
    db.session.flush()
    return search


def mark_seen(user, search: SavedSearch) -> int:
    result = db.session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.user_id == user.id, AlertDelivery.saved_search_id == search.id,
               AlertDelivery.seen_dt.is_(None))
        .values(seen_dt=utcnow()))
    return result.rowcount


def unseen_counts(user) -> dict[int, int]:
    """Saved search id → number of matches the user has not looked at."""
    return dict(db.session.execute(
        select(AlertDelivery.saved_search_id, func.count(AlertDelivery.id))
        .where(AlertDelivery.user_id == user.id, AlertDelivery.seen_dt.is_(None),
               AlertDelivery.saved_search_id.is_not(None))
        .group_by(AlertDelivery.saved_search_id)).all())


@export_section("saved_searches")
def _export(user) -> list[dict]:
    searches = db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)).all()
    return [{"name": s.name, "type": s.doc_type, "query": s.query, "filters": s.filters,
             "frequency": s.frequency.value, "need_id": s.need_id, "created": s.created_dt.isoformat()}
            for s in searches]


@export_section("alerts")
def _export_alerts(user) -> list[dict]:
    """What the user's alerts told them about (needs or suppliers), and when."""
    rows = db.session.scalars(select(AlertDelivery).where(AlertDelivery.user_id == user.id).order_by(AlertDelivery.id))
    return [{"type": d.doc_type, "object_id": d.object_id, "saved_search_id": d.saved_search_id,
             "frequency": d.frequency.value, "created": export_time(d.created_dt), "seen": export_time(d.seen_dt)}
            for d in rows]


@on_account_deleted
def _forget(user) -> None:
    """Saved searches and what they told go with the account."""
    from portal.alerts.models import AlertDigest

    db.session.execute(delete(AlertDelivery).where(AlertDelivery.user_id == user.id))
    db.session.execute(delete(AlertDigest).where(AlertDigest.user_id == user.id))
    for search in db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)):
        db.session.delete(search)


@on_feed_tokens_replaced
def _replace_feed_tokens(user) -> None:
    """A new password (change or reset) gives every saved-search feed a new address."""
    for search in db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)):
        search.feed_token = new_feed_token()
