"""Read helpers returning select() statements."""

from sqlalchemy import Select, func, or_, select

from portal.auth.models import User
from portal.organisations.models import (
    ClaimStatus,
    Invitation,
    Membership,
    Organisation,
    OrganisationClaim,
    VerificationStatus,
)


def members_of(org: Organisation) -> Select:
    """(Membership, User) rows, admins first, then by name."""
    return (
        select(Membership, User)
        .join(User, Membership.user_id == User.id)
        .where(Membership.organisation_id == org.id)
        .order_by(Membership.role, func.lower(User.name))
    )


def open_invitations(org: Organisation) -> Select:
    """Invitations not yet accepted or revoked (expired ones are filtered by the caller)."""
    return (
        select(Invitation)
        .where(Invitation.organisation_id == org.id, Invitation.accepted_dt.is_(None),
               Invitation.revoked_dt.is_(None))
        .order_by(Invitation.created_dt.desc())
    )


def pending_organisations() -> Select:
    """The verification queue, oldest first."""
    return (
        select(Organisation)
        .where(Organisation.verification == VerificationStatus.PENDING, Organisation.memberships.any())
        .order_by(Organisation.created_dt, Organisation.id)
    )


def pending_claims(org: Organisation | None = None) -> Select:
    """Open requests to join (`org`'s, or all of them for the platform admins), oldest first."""
    stmt = select(OrganisationClaim).where(OrganisationClaim.status == ClaimStatus.PENDING)
    if org is not None:
        stmt = stmt.where(OrganisationClaim.organisation_id == org.id)
    return stmt.order_by(OrganisationClaim.created_dt, OrganisationClaim.id)


def claims_by(user: User) -> Select:
    """A user's own requests to join, newest first."""
    return (select(OrganisationClaim).where(OrganisationClaim.user_id == user.id)
            .order_by(OrganisationClaim.created_dt.desc(), OrganisationClaim.id.desc()))


def all_organisations(text: str | None = None) -> Select:
    stmt = select(Organisation).order_by(func.lower(Organisation.name), Organisation.id)
    if text:
        text = text.strip().lower()
        stmt = stmt.where(or_(func.lower(Organisation.name).contains(text, autoescape=True),
                              Organisation.orgnr.contains(text.replace(" ", ""), autoescape=True)))
    return stmt


def all_users(text: str | None = None) -> Select:
    stmt = select(User).order_by(func.lower(User.name), User.id)
    if text:
        text = text.strip().lower()
        stmt = stmt.where(or_(func.lower(User.name).contains(text, autoescape=True),
                              func.lower(User.email).contains(text, autoescape=True)))
    return stmt
