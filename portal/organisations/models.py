"""Organisations (buyers and suppliers), memberships and invitations."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, str_enum, utcnow


class OrgSide(enum.StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"


class OrgKind(enum.StrEnum):
    KOMMUNE = "kommune"
    FYLKESKOMMUNE = "fylkeskommune"
    STATLIG = "statlig"
    HELSEFORETAK = "helseforetak"
    ANNEN_OFFENTLIG = "annen_offentlig"
    BEDRIFT = "bedrift"
    SOSIAL_ENTREPRENOR = "sosial_entreprenor"
    IDEELL = "ideell"

    @property
    def side(self) -> OrgSide:
        buyers = {"kommune", "fylkeskommune", "statlig", "helseforetak", "annen_offentlig"}
        return OrgSide.BUYER if self.value in buyers else OrgSide.SUPPLIER


class VerificationStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class MemberRole(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class ClaimStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    orgnr: Mapped[str | None] = mapped_column(String(9), unique=True)
    kind: Mapped[OrgKind] = mapped_column(str_enum(OrgKind))
    side: Mapped[OrgSide] = mapped_column(str_enum(OrgSide), index=True)
    municipality: Mapped[str | None] = mapped_column(String(4))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    verification: Mapped[VerificationStatus] = mapped_column(
        str_enum(VerificationStatus), default=VerificationStatus.PENDING, index=True
    )
    verification_reason: Mapped[str | None] = mapped_column(String(1000))
    verified_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_imported: Mapped[bool] = mapped_column(Boolean, default=False)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def is_buyer(self) -> bool:
        return self.side == OrgSide.BUYER

    @property
    def is_verified(self) -> bool:
        return self.verification == VerificationStatus.VERIFIED

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(str_enum(MemberRole), default=MemberRole.MEMBER)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")  # noqa: F821
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    @property
    def is_admin(self) -> bool:
        return self.role == MemberRole.ADMIN


class Invitation(db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()


class OrganisationClaim(db.Model):
    """A request to join an organisation that already exists (imported or registered by someone else)."""

    __tablename__ = "organisation_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ClaimStatus] = mapped_column(str_enum(ClaimStatus), default=ClaimStatus.PENDING, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821
    organisation: Mapped[Organisation] = relationship()

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING
