"""Needs (behov) and planned procurements, with CPV codes, places, attachments, co-buyers, history."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow
from portal.organisations.models import Organisation


class NeedStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    IN_DIALOGUE = "in_dialogue"
    ANNOUNCED = "announced"
    AWARDED = "awarded"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in {NeedStatus.AWARDED, NeedStatus.CLOSED, NeedStatus.CANCELLED}


# Public and still open: the needs matching and alerts offer.
OPEN_STATUSES = tuple(s.value for s in NeedStatus if s is not NeedStatus.DRAFT and not s.is_final)


class NeedKind(enum.StrEnum):
    NEED = "need"
    PLANNED_PROCUREMENT = "planned_procurement"


class Procedure(enum.StrEnum):
    OPEN = "open"
    RESTRICTED = "restricted"
    COMPETITIVE_DIALOGUE = "competitive_dialogue"
    NEGOTIATED = "negotiated"
    INNOVATION_PARTNERSHIP = "innovation_partnership"
    PRE_COMMERCIAL = "pre_commercial"
    SMALL_PURCHASE = "small_purchase"


class Threshold(enum.StrEnum):
    BELOW = "below"
    NATIONAL = "national"
    EEA = "eea"



class Need(db.Model):
    __tablename__ = "needs"
    # An external id is the organisation's own case number: unique within it, never across organisations.
    __table_args__ = (Index("ix_needs_status_published_dt", "status", "published_dt"),
                      UniqueConstraint("organisation_id", "external_id", name="uq_needs_organisation_id_external_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[NeedKind] = mapped_column(str_enum(NeedKind), default=NeedKind.NEED, index=True)
    status: Mapped[NeedStatus] = mapped_column(str_enum(NeedStatus), default=NeedStatus.DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(600), default="")
    # Markdown, rendered with portal.text.render_markdown (nh3-sanitised).
    problem_md: Mapped[str] = mapped_column(Text, default="")
    effects: Mapped[str] = mapped_column(Text, default="")
    affected: Mapped[str] = mapped_column(Text, default="")
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    value_min_nok: Mapped[int | None] = mapped_column(BigInteger, index=True)
    value_max_nok: Mapped[int | None] = mapped_column(BigInteger, index=True)
    threshold: Mapped[Threshold | None] = mapped_column(str_enum(Threshold))
    dialogue_start: Mapped[date | None] = mapped_column(Date)
    dialogue_end: Mapped[date | None] = mapped_column(Date)
    planned_notice_date: Mapped[date | None] = mapped_column(Date, index=True)
    planned_contract_start: Mapped[date | None] = mapped_column(Date)
    procedure: Mapped[Procedure | None] = mapped_column(str_enum(Procedure))
    is_innovation: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    lots_planned: Mapped[int | None] = mapped_column(Integer)
    lots_notes: Mapped[str] = mapped_column(Text, default="")
    env_weight_pct: Mapped[int | None] = mapped_column(Integer)
    eco_labels: Mapped[str] = mapped_column(String(500), default="")
    circular_notes: Mapped[str] = mapped_column(Text, default="")
    wants_apprentices: Mapped[bool] = mapped_column(Boolean, default=False)
    is_reserved_social: Mapped[bool] = mapped_column(Boolean, default=False)
    social_notes: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    doffin_reference: Mapped[str | None] = mapped_column(String(100))
    status_reason: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date)
    external_id: Mapped[str | None] = mapped_column(String(100))
    is_imported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    status_changed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
    cpvs: Mapped[list["NeedCpv"]] = relationship(
        back_populates="need", cascade="all, delete-orphan",
        order_by="(NeedCpv.is_main.desc(), NeedCpv.code)",
    )
    places: Mapped[list["NeedPlace"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", order_by="NeedPlace.id"
    )
    attachments: Mapped[list["NeedAttachment"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", order_by="NeedAttachment.id"
    )
    co_buyers: Mapped[list["NeedCoBuyer"]] = relationship(
        back_populates="need", cascade="all, delete-orphan", order_by="NeedCoBuyer.id"
    )
    changes: Mapped[list["NeedChange"]] = relationship(
        back_populates="need", cascade="all, delete-orphan",
        order_by="(NeedChange.changed_dt.desc(), NeedChange.id.desc())",
    )

    @property
    def is_public(self) -> bool:
        return self.status != NeedStatus.DRAFT

    @property
    def main_cpv(self) -> str | None:
        return next((c.code for c in self.cpvs if c.is_main), None)

    @property
    def additional_cpvs(self) -> list[str]:
        return [c.code for c in self.cpvs if not c.is_main]

    @property
    def cpv_codes(self) -> list[str]:
        main = self.main_cpv
        return ([main] if main else []) + self.additional_cpvs

    @property
    def confirmed_co_buyers(self) -> list["NeedCoBuyer"]:
        return [c for c in self.co_buyers if c.confirmed_dt is not None]

    def __repr__(self) -> str:
        return f"<Need {self.id} {self.status} {self.title!r}>"


class NeedCpv(db.Model):
    """One CPV code (8 digits, no check digit) of a need; exactly one is_main when any."""

    __tablename__ = "need_cpvs"
    __table_args__ = (UniqueConstraint("need_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8), index=True)
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)

    need: Mapped[Need] = relationship(back_populates="cpvs")


class NeedPlace(db.Model):
    """A place of delivery: a whole county (municipality None) or one municipality in it."""

    __tablename__ = "need_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    county: Mapped[str] = mapped_column(String(2), index=True)
    municipality: Mapped[str | None] = mapped_column(String(4), index=True)

    need: Mapped[Need] = relationship(back_populates="places")


class NeedAttachment(db.Model):
    __tablename__ = "need_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need: Mapped[Need] = relationship(back_populates="attachments")


class NeedCoBuyer(db.Model):
    """Another buyer organisation joining a need; counts only once its own admin confirmed."""

    __tablename__ = "need_co_buyers"
    __table_args__ = (UniqueConstraint("need_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    invited_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    need: Mapped[Need] = relationship(back_populates="co_buyers")
    organisation: Mapped[Organisation] = relationship()


class NeedChange(db.Model):
    """One change to a published field, shown publicly in the need's change history."""

    __tablename__ = "need_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    changed_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    need: Mapped[Need] = relationship(back_populates="changes")
