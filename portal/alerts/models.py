"""Saved searches, what was told to whom (deliveries) and the daily digests sent."""

import enum
import secrets
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow


class Frequency(enum.StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    PORTAL = "portal"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class SavedSearch(db.Model):
    """A user's search (query + filters + type), or "new suppliers for my need" when need_id is set."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    doc_type: Mapped[str] = mapped_column(String(16), default="need")  # "need" | "supplier"
    query: Mapped[str] = mapped_column(String(200), default="")
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # facet → [values], as in SearchParams
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, length=16), default=Frequency.IMMEDIATE)
    # "Følg nye leverandører som passer": the buyer's need whose matches are followed.
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    # Random and unguessable: whoever has it reads the feed (regenerated on request).
    feed_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_feed_token)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # When `flask alerts send` last looked for new matches (it looks back a little further).
    checked_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
    need = relationship("Need")

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.doc_type} {self.query!r}>"


class AlertDigest(db.Model):
    """One daily digest mail per user per Europe/Oslo calendar day (the unique key makes it so)."""

    __tablename__ = "alert_digests"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    sent_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_mails.id", ondelete="SET NULL"))


class AlertDelivery(db.Model):
    """A need (or supplier) told to a user: at most once per user and object, whatever the search."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "doc_type", "object_id"),
        Index("ix_alert_deliveries_user_id_seen_dt", "user_id", "seen_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Kept when the search is deleted, so a new search never repeats what was already told.
    saved_search_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="SET NULL"), index=True)
    doc_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, length=16))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Immediate: the mail queued in the same transaction; daily: set when the digest goes out.
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_mails.id", ondelete="SET NULL"))
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("alert_digests.id", ondelete="SET NULL"), index=True)
    seen_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    saved_search: Mapped[SavedSearch | None] = relationship()
