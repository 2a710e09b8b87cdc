"""Read helpers for the audit log."""

import json

from sqlalchemy import Select, and_, or_, select

from portal.audit.models import AuditEntry
from portal.auth.services import export_section, export_time
from portal.db import db


def entries(organisation_id: int | None = None, table: str | None = None) -> Select:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if organisation_id is not None:
        stmt = stmt.where(AuditEntry.organisation_id == organisation_id)
    if table:
        stmt = stmt.where(AuditEntry.table_name == table)
    return stmt


@export_section("audit_log")
def _export_audit(user) -> list[dict]:
    """Changes the user made, and the log of the user's own memberships and invitations."""
    from portal.organisations.models import Invitation

    invitations = select(Invitation.id).where(Invitation.email == (user.email or "").lower())
    about = [and_(AuditEntry.table_name == "memberships", AuditEntry.row_id.in_([m.id for m in user.memberships])),
             and_(AuditEntry.table_name == "invitations", AuditEntry.row_id.in_(invitations))]
    rows = db.session.scalars(select(AuditEntry).where(or_(AuditEntry.user_id == user.id, *about))
                              .order_by(AuditEntry.id))
    return [{"time": export_time(e.created_dt), "by_you": e.user_id == user.id, "organisation_id": e.organisation_id,
             "table": e.table_name, "row_id": e.row_id, "action": e.action, "changes": json.loads(e.changes)}
            for e in rows]
