"""Queue index updates in the changing transaction (flush events); apply them after commit."""

import logging
import time

from flask import current_app, has_app_context
from sqlalchemy import delete, event, insert, select, update
from sqlalchemy.orm import Session

from portal.db import db, utcnow
from portal.search.documents import NEED, SUPPLIER, build
from portal.search.models import SearchIndexQueue

log = logging.getLogger(__name__)
BATCH = 500
ORG = "org"           # an organisation whose name shows in its needs and profile
NEED_CHILDREN = {"need_cpvs", "need_places"}
PROFILE_CHILDREN = {"supplier_cpvs", "supplier_areas", "supplier_certifications", "supplier_references"}
ORG_FIELDS = ("name", "municipality", "kind", "external_id", "verification")  # rejected → out of the index
_last_retry = 0.0


def _targets(obj, action: str, session) -> list[tuple[str, int]]:
    table = getattr(obj, "__tablename__", None)
    if table == "needs":
        return [(NEED, obj.id)]
    if table in NEED_CHILDREN and obj.need_id:
        return [(NEED, obj.need_id)]
    if table == "supplier_profiles":
        return [(SUPPLIER, obj.id)]
    if table in PROFILE_CHILDREN and obj.profile_id:
        return [(SUPPLIER, obj.profile_id)]
    if table == "organisations" and action == "update":
        from sqlalchemy import inspect

        state = inspect(obj)
        if any(state.attrs[f].history.has_changes() for f in ORG_FIELDS):
            return [(ORG, obj.id)]
    return []


@event.listens_for(Session, "after_flush")
def queue_changes(session, flush_context) -> None:
    found = set()
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            found.update(_targets(obj, action, session))
    seen = session.info.setdefault("search_seen", set())
    found -= seen  # one row per document and transaction is enough: it is rebuilt from the database
    if not found:
        return
    seen |= found
    now = utcnow()
    rows = [{"doc_type": t, "obj_id": i, "created_dt": now, "attempts": 0} for t, i in sorted(found)]
    session.connection().execute(insert(SearchIndexQueue.__table__), rows)
    session.info["search_queued"] = True


@event.listens_for(Session, "after_commit")
def apply_after_commit(session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT was released (it fires after_commit too); the outer transaction is still open
    session.info.pop("search_seen", None)
    if not session.info.pop("search_queued", False):
        return
    if not has_app_context() or not current_app.config.get("SEARCH_INDEX_AFTER_COMMIT", True):
        return
    try:
        process_queue()
    except Exception:  # the rows stay queued; the next request or `flask search process-queue` retries
        log.exception("search index update failed; will retry")


@event.listens_for(Session, "after_soft_rollback")
def forget_seen_on_savepoint_rollback(session, previous_transaction) -> None:
    session.info.pop("search_seen", None)  # rows of a rolled-back savepoint are gone: queue again


@event.listens_for(Session, "after_rollback")
def forget_on_rollback(session) -> None:
    session.info.pop("search_seen", None)
    session.info.pop("search_queued", None)


def _resolve(session, rows) -> dict[str, set[int]]:
    from portal.needs.models import Need
    from portal.suppliers.models import SupplierProfile

    wanted = {NEED: set(), SUPPLIER: set()}
    orgs = set()
    for _, doc_type, obj_id in rows:
        if doc_type in wanted:
            wanted[doc_type].add(obj_id)
        elif doc_type == ORG:
            orgs.add(obj_id)
    if orgs:
        wanted[NEED] |= set(session.scalars(select(Need.id).where(Need.organisation_id.in_(orgs))))
        wanted[SUPPLIER] |= set(session.scalars(
            select(SupplierProfile.id).where(SupplierProfile.organisation_id.in_(orgs))))
    return wanted


def process_queue(max_batches: int | None = None) -> tuple[int, int]:
    """Apply pending rows to the index; return (applied, still pending). Safe in several processes."""
    from portal.search.backend import get_backend

    backend = get_backend()
    applied, batches = 0, 0
    while max_batches is None or batches < max_batches:
        batches += 1
        ids: list[int] = []

        def build(ids=ids):
            with Session(db.engine) as session:
                rows = session.execute(
                    select(SearchIndexQueue.id, SearchIndexQueue.doc_type, SearchIndexQueue.obj_id)
                    .order_by(SearchIndexQueue.id).limit(BATCH)).all()
                ids.extend(r[0] for r in rows)
                docs, deletes = [], []
                for doc_type, obj_ids in _resolve(session, rows).items():
                    if obj_ids:
                        d, k = build_docs(session, doc_type, obj_ids)
                        docs += d
                        deletes += k
                return docs, deletes, len(rows)

        try:
            count = backend.apply(build)
        except Exception as exc:
            _record_failure(ids, exc)
            raise
        if ids:
            with Session(db.engine) as session:
                session.execute(delete(SearchIndexQueue).where(SearchIndexQueue.id.in_(ids)))
                session.commit()
        applied += count
        if count < BATCH:
            break
    return applied, pending_count()


build_docs = build


def _record_failure(ids, exc) -> None:
    if not ids:
        return
    try:
        with Session(db.engine) as session:
            session.execute(update(SearchIndexQueue).where(SearchIndexQueue.id.in_(ids)).values(
                attempts=SearchIndexQueue.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:1000]))
            session.commit()
    except Exception:
        log.exception("could not record the search-index failure")


def pending_count() -> int:
    from sqlalchemy import func

    with Session(db.engine) as session:
        return session.scalar(select(func.count()).select_from(SearchIndexQueue)) or 0


def failed_count() -> int:
    from sqlalchemy import func

    with Session(db.engine) as session:
        return session.scalar(select(func.count()).select_from(SearchIndexQueue)
                              .where(SearchIndexQueue.attempts > 0)) or 0


def retry_pending(exc=None) -> None:
    """Teardown hook: every RETRY_SECONDS per process, apply rows an earlier failure left behind."""
    global _last_retry
    if exc is not None or not current_app.config.get("SEARCH_INDEX_AFTER_COMMIT", True):
        return
    now = time.monotonic()
    if now - _last_retry < current_app.config.get("SEARCH_RETRY_SECONDS", 30):
        return
    _last_retry = now
    try:
        if pending_count():
            process_queue(max_batches=4)
    except Exception:
        log.warning("search index still not updatable; rows stay queued", exc_info=True)
