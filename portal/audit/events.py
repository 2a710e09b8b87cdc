"""Record every change to audited tables in the same transaction (SQLAlchemy flush events)."""

import json
from datetime import UTC, date, datetime

from flask import has_request_context
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from portal.audit.models import AuditEntry

# Tables whose rows are audited; others join this list by name (no import cycles).
AUDITED_TABLES = {
    "needs", "organisations", "memberships", "invitations", "need_co_buyers",
    "dialogue_events", "meeting_slots", "bookings", "registrations", "availability_windows",
    "api_keys", "organisation_claims",
}
SKIPPED_COLUMNS = {"token_hash", "key_hash", "search_vector"}
MAX_VALUE = 500


def _value(v):
    if v is None or isinstance(v, bool | int | float):
        return v
    if isinstance(v, datetime):
        return v.astimezone(UTC).isoformat() if v.tzinfo else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    text = str(v.value if hasattr(v, "value") else v)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _organisation_id(obj) -> int | None:
    if obj.__tablename__ == "organisations":
        return obj.id
    if getattr(obj, "organisation_id", None) and obj.__tablename__ in {"needs", "memberships", "invitations", "api_keys"}:
        return obj.organisation_id
    for via in ("need", "event", "slot"):
        parent = getattr(obj, via, None)
        if parent is not None:
            return _organisation_id(parent)
    return getattr(obj, "organisation_id", None)


def _actor_id() -> int | None:
    if not has_request_context():
        return None
    from flask_login import current_user

    return current_user.id if current_user and current_user.is_authenticated else None


def _api_key_id() -> int | None:
    if not has_request_context():
        return None
    from flask import g

    return g.get("api_key_id")


def _changes(obj, action: str, before: dict | None = None) -> dict:
    state = inspect(obj)
    out = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SKIPPED_COLUMNS:
            continue
        hist = state.attrs[key].history
        if action == "create":
            value = getattr(obj, key)
            if value is not None:
                out[key] = [None, _value(value)]
        elif action == "delete":
            old = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            if old is None and before:
                old = before.get(attr.columns[0].name)
            out[key] = [_value(old), None]
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else (before or {}).get(attr.columns[0].name)
            new = hist.added[0] if hist.added else None
            if _value(old) != _value(new):
                out[key] = [_value(old), _value(new)]
    return out


@event.listens_for(Session, "after_flush")
def record_changes(session, flush_context) -> None:
    rows = []
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if getattr(obj, "__tablename__", None) not in AUDITED_TABLES:
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            before = session.info.get("audit_before", {}).get(id(obj))
            changes = _changes(obj, action, before)
            if not changes:
                continue
            rows.append({
                "created_dt": datetime.now(UTC),
                "user_id": _actor_id(),
                "api_key_id": _api_key_id(),
                "organisation_id": _organisation_id(obj),
                "table_name": obj.__tablename__,
                "row_id": getattr(obj, "id", None),
                "action": action,
                "changes": json.dumps(changes, ensure_ascii=False),
            })
    session.info.pop("audit_before", None)
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


@event.listens_for(Session, "before_flush")
def refuse_edits_and_remember_old_values(session, flush_context, instances) -> None:
    """The log is append-only; for audited rows whose old values were expired, read them first."""
    before = {}
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise PermissionError("audit entries cannot be changed")
        if getattr(obj, "__tablename__", None) not in AUDITED_TABLES:
            continue
        state = inspect(obj)
        if state.key is None:
            continue
        unknown = any(
            state.attrs[a.key].history.added and not state.attrs[a.key].history.deleted
            for a in state.mapper.column_attrs
        )
        if unknown or obj in session.deleted:
            table = state.mapper.local_table
            pk = state.mapper.primary_key[0]
            row = session.connection().execute(select(table).where(pk == state.identity[0])).first()
            if row is not None:
                before[id(obj)] = dict(row._mapping)
    session.info["audit_before"] = before
