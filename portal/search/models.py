"""Pending search-index updates, written in the same transaction as the change they follow."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import UTCDateTime, db, utcnow


class SearchIndexQueue(db.Model):
    """One document to (re)index or delete; removed once Whoosh has committed it."""

    __tablename__ = "search_index_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(16))
    obj_id: Mapped[int] = mapped_column(Integer, index=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


# Registers the flush/commit listeners that keep the index in step (after the model is defined).
from portal.search import queue as _queue  # noqa: E402,F401
