"""Equal treatment: questions and answers on a need, and the need's information log."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow


class InfoKind(enum.StrEnum):
    ANSWER = "answer"
    ANSWER_UPDATED = "answer_updated"
    EVENT = "event"
    SUMMARY = "summary"
    SUMMARY_UPDATED = "summary_updated"
    MATERIAL = "material"


class Question(db.Model):
    """A supplier's question; private to asker and buyer until answered, then public and anonymous."""

    __tablename__ = "dialogue_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    need: Mapped["Need"] = relationship()  # noqa: F821
    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821

    @property
    def is_answered(self) -> bool:
        return self.answered_dt is not None


class InfoLogEntry(db.Model):
    """Something published to every supplier on a need (answers, events, summaries, materials)."""

    __tablename__ = "need_info_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[InfoKind] = mapped_column(
        str_enum(InfoKind)
    )
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300), default="")
    object_id: Mapped[int | None] = mapped_column(Integer)
    published_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
