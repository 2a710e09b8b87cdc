"""Supplier profiles with CPV codes, service areas, certifications and references."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow
from portal.organisations.models import Organisation


class SizeClass(enum.StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"



class SupplierProfile(db.Model):
    __tablename__ = "supplier_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    capability_md: Mapped[str] = mapped_column(Text, default="")
    products_services: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[SizeClass | None] = mapped_column(str_enum(SizeClass), index=True)
    is_nationwide: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    is_social_enterprise: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    social_mission: Mapped[str] = mapped_column(Text, default="")
    target_groups: Mapped[list] = mapped_column(JSON, default=list)
    is_reserved_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    logo_name: Mapped[str | None] = mapped_column(String(64))
    is_public: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    cpvs: Mapped[list["SupplierCpv"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="SupplierCpv.code"
    )
    areas: Mapped[list["SupplierArea"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="SupplierArea.id"
    )
    certifications: Mapped[list["Certification"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Certification.name"
    )
    references: Mapped[list["SupplierReference"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="SupplierReference.id.desc()"
    )

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def cpv_codes(self) -> list[str]:
        return [c.code for c in self.cpvs]

    @property
    def municipality_numbers(self) -> list[str]:
        return [a.municipality for a in self.areas if a.municipality]

    @property
    def county_numbers(self) -> list[str]:
        return [a.county for a in self.areas if not a.municipality]


class SupplierCpv(db.Model):
    __tablename__ = "supplier_cpvs"
    __table_args__ = (UniqueConstraint("profile_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("supplier_profiles.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8), index=True)
    division: Mapped[str] = mapped_column(String(2), index=True)

    profile: Mapped[SupplierProfile] = relationship(back_populates="cpvs")


class SupplierArea(db.Model):
    """A served municipality (with its county), or a whole county when municipality is NULL."""

    __tablename__ = "supplier_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("supplier_profiles.id", ondelete="CASCADE"), index=True)
    county: Mapped[str] = mapped_column(String(2), index=True)
    municipality: Mapped[str | None] = mapped_column(String(4), index=True)

    profile: Mapped[SupplierProfile] = relationship(back_populates="areas")


class Certification(db.Model):
    __tablename__ = "supplier_certifications"
    __table_args__ = (UniqueConstraint("profile_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("supplier_profiles.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    valid_until: Mapped[date | None] = mapped_column(Date)

    profile: Mapped[SupplierProfile] = relationship(back_populates="certifications")

    def is_expired(self, today: date | None = None) -> bool:
        return self.valid_until is not None and self.valid_until < (today or date.today())


class SupplierReference(db.Model):
    __tablename__ = "supplier_references"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("supplier_profiles.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    customer: Mapped[str] = mapped_column(String(200), default="")
    is_public_buyer: Mapped[bool] = mapped_column(Boolean, default=False)
    year: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")

    profile: Mapped[SupplierProfile] = relationship(back_populates="references")


class Interest(db.Model):
    """A supplier organisation's interest in a need (withdrawing deletes it)."""

    __tablename__ = "interests"
    __table_args__ = (UniqueConstraint("need_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need: Mapped["Need"] = relationship()  # noqa: F821
    organisation: Mapped[Organisation] = relationship()


class NeedInput(db.Model):
    """Non-binding written input on a need; confidential input is seen only by the buyer and the author."""

    __tablename__ = "need_inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    attachment_storage: Mapped[str | None] = mapped_column(String(64))
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    attachment_type: Mapped[str | None] = mapped_column(String(120))
    attachment_size: Mapped[int | None] = mapped_column(Integer)
    is_confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    reply_text: Mapped[str | None] = mapped_column(Text)
    reply_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reply_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    need: Mapped["Need"] = relationship()  # noqa: F821
    organisation: Mapped[Organisation] = relationship()
    author: Mapped["User | None"] = relationship(foreign_keys=[author_id])  # noqa: F821
    reply_by: Mapped["User | None"] = relationship(foreign_keys=[reply_by_id])  # noqa: F821
