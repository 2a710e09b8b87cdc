"""The audit log: who changed what, when, old → new. Append-only."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import UTCDateTime, db, utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # No foreign keys: the log outlives what it describes.
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    api_key_id: Mapped[int | None] = mapped_column(Integer)  # writes through /api/v1 with an API key
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # create, update, delete
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [old, new]}
