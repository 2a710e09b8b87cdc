"""Read helpers for the audit log."""

from sqlalchemy import Select, select

from portal.audit.models import AuditEntry


def entries(organisation_id: int | None = None, table: str | None = None) -> Select:
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if organisation_id is not None:
        stmt = stmt.where(AuditEntry.organisation_id == organisation_id)
    if table:
        stmt = stmt.where(AuditEntry.table_name == table)
    return stmt
