"""State changes for organisations, memberships and invitations (flush, never commit)."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.auth.models import User
from portal.auth.services import export_section, export_time
from portal.db import db, utcnow
from portal.notifications.services import queue_mail
from portal.organisations.forms import ORGNR_TAKEN
from portal.organisations.models import (
    ClaimStatus,
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    OrganisationClaim,
    OrgSide,
    VerificationStatus,
)

INVITATION_TTL = timedelta(days=14)


class OrganisationError(Exception):
    """A rule was broken; `field` names the form field the message belongs to (or None)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _absolute(endpoint: str, **values) -> str:
    """An absolute link for mail (BASE_URL + path), also outside a request (CLI, imports)."""
    if has_request_context():
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)
    with current_app.test_request_context():
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def _admins(org: Organisation) -> list[User]:
    return [m.user for m in org.memberships if m.is_admin and m.user.email and m.user.is_active]


def _apply(org: Organisation, data: dict) -> None:
    for key in ("name", "kind", "orgnr", "municipality", "website", "contact_email"):
        setattr(org, key, data[key])
    org.side = data["kind"].side


def create_organisation(actor: User, data: dict) -> Organisation:
    """Register a new organisation with `actor` as its admin (an existing orgnr is a claim: services_claims)."""
    if db.session.scalar(select(Organisation.id).where(Organisation.orgnr == data["orgnr"])) is not None:
        raise OrganisationError(ORGNR_TAKEN, "orgnr")
    org = Organisation()
    _apply(org, data)
    # Only buyers are verified: buyer status unlocks publishing needs in the buyer's name.
    if org.side == OrgSide.SUPPLIER:
        org.verification, org.verified_dt = VerificationStatus.VERIFIED, utcnow()
    else:
        org.verification = VerificationStatus.PENDING
    db.session.add(org)
    org.memberships.append(Membership(user=actor, role=MemberRole.ADMIN))
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:  # someone registered the same number a moment ago
        raise OrganisationError(ORGNR_TAKEN, "orgnr") from exc
    if org.verification == VerificationStatus.PENDING:
        _tell_platform_admins(org)
    return org


def platform_admins() -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.is_platform_admin.is_(True), User.deleted_dt.is_(None), User.email.is_not(None))
    ))


def _tell_platform_admins(org: Organisation) -> None:
    for admin in platform_admins():
        queue_mail(admin.email, "org_pending", admin.locale, _l("Ny organisasjon venter på verifisering"),
                   org=org, url=_absolute("admin.review", org_id=org.id))


# Invitations ---------------------------------------------------------------------------------

def invitation_state(inv: Invitation) -> str:
    """'open', 'accepted', 'revoked' or 'expired'."""
    if inv.accepted_dt:
        return "accepted"
    if inv.revoked_dt:
        return "revoked"
    if utcnow() - inv.created_dt > INVITATION_TTL:
        return "expired"
    return "open"


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def open_invitation(token: str | None) -> Invitation | None:
    """The invitation behind `token` if it can still be accepted."""
    inv = find_invitation(token) if token else None
    return inv if inv is not None and invitation_state(inv) == "open" else None


def is_invited(user: object, inv: Invitation) -> bool:
    """The invitation belongs to whoever has its address (any case), not to whoever holds the link."""
    email = getattr(user, "email", None) if getattr(user, "is_authenticated", False) else None
    return bool(email and email.strip().lower() == inv.email.strip().lower())


def masked_email(email: str) -> str:
    """k***@bergen.kommune.no: enough to recognise one's own address, not to learn someone else's."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def invite_member(actor: User, org: Organisation, email: str) -> tuple[Invitation, str]:
    """Create an invitation (only the token's hash is stored) and mail the link; return it and the token."""
    email = email.strip().lower()
    if any(m.user.email and m.user.email.lower() == email for m in org.memberships):
        raise OrganisationError(_l("Personen med denne e-postadressen er allerede medlem."), "email")
    now = utcnow()
    for old in db.session.scalars(select(Invitation).where(
        Invitation.organisation_id == org.id, func.lower(Invitation.email) == email,
        Invitation.accepted_dt.is_(None), Invitation.revoked_dt.is_(None),
    )):
        old.revoked_dt = now  # a new invitation replaces the earlier link
    token = secrets.token_urlsafe(32)
    inv = Invitation(organisation=org, email=email, token_hash=hash_token(token), invited_by_id=actor.id)
    db.session.add(inv)
    db.session.flush()
    existing = db.session.scalar(select(User).where(func.lower(User.email) == email))
    locale = existing.locale if existing else str(get_locale() or "nb")
    queue_mail(email, "org_invitation", locale, _l("Invitasjon til %(org)s på Møteplassen", org=org.name),
               org=org, inviter=actor, url=_absolute("organisations.accept_invitation", token=token),
               expires=now + INVITATION_TTL)
    return inv, token


@export_section("invitations")
def _export_invitations(user: User) -> list[dict]:
    """Invitations sent to the user's address (the token is never stored, only its hash: left out)."""
    rows = db.session.scalars(select(Invitation).where(func.lower(Invitation.email) == (user.email or "").lower())
                              .order_by(Invitation.id)) if user.email else []
    return [{"organisation": i.organisation.name, "email": i.email, "state": invitation_state(i),
             "sent": export_time(i.created_dt), "accepted": export_time(i.accepted_dt)} for i in rows]


def revoke_invitation(actor: User, inv: Invitation) -> None:
    if invitation_state(inv) != "open":
        raise OrganisationError(_l("Invitasjonen er allerede brukt, trukket tilbake eller utløpt."))
    inv.revoked_dt = utcnow()
    db.session.flush()


def accept_invitation(user: User, inv: Invitation) -> Membership:
    """Make `user` a member (single use, only the invited address, confirmed); return the membership."""
    if invitation_state(inv) != "open":
        raise OrganisationError(_l("Invitasjonen er allerede brukt, trukket tilbake eller utløpt."))
    if not is_invited(user, inv):
        raise OrganisationError(_l("Invitasjonen ble sendt til %(email)s. Logg inn med den adressen for å ta "
                                   "imot den.", email=masked_email(inv.email)))
    if not user.is_confirmed:
        raise OrganisationError(_l("Bekreft e-postadressen din før du tar imot invitasjonen."))
    inv.accepted_dt = utcnow()
    membership = next((m for m in user.memberships if m.organisation_id == inv.organisation_id), None)
    if membership is None:
        membership = Membership(user=user, organisation=inv.organisation, role=MemberRole.MEMBER)
        db.session.add(membership)
    db.session.flush()
    return membership


# Members ------------------------------------------------------------------------------------

LAST_ADMIN = _l("Organisasjonen må ha minst én administrator. Gi administratorrollen til en annen først.")


def _admin_count(org: Organisation) -> int:
    return sum(1 for m in org.memberships if m.is_admin)


def remove_member(actor: User, membership: Membership) -> None:
    """Remove a member; a verified organisation keeps at least one admin (a pending one may be left empty)."""
    org = membership.organisation
    if membership.is_admin and org.is_verified and _admin_count(org) <= 1:
        raise OrganisationError(LAST_ADMIN)
    for owner in (membership.organisation.memberships, membership.user.memberships):
        if membership in owner:
            owner.remove(membership)  # keep the loaded collections right for this request
    db.session.delete(membership)
    db.session.flush()


def leave_organisation(user: User, membership: Membership) -> None:
    remove_member(user, membership)


def set_member_role(actor: User, membership: Membership, role: MemberRole) -> None:
    """Make a member admin, or an admin a plain member (never the last admin)."""
    if role == MemberRole.MEMBER and membership.is_admin and _admin_count(membership.organisation) <= 1:
        raise OrganisationError(LAST_ADMIN)
    membership.role = role
    db.session.flush()


# Verification (platform admins) ------------------------------------------------------------

def verify_organisation(actor: User, org: Organisation) -> None:
    if org.verification == VerificationStatus.VERIFIED:
        raise OrganisationError(_l("Organisasjonen er allerede verifisert."))
    org.verification, org.verified_dt, org.verification_reason = VerificationStatus.VERIFIED, utcnow(), None
    db.session.flush()
    for admin in _admins(org):
        queue_mail(admin.email, "org_verified", admin.locale, _l("%(org)s er verifisert på Møteplassen", org=org.name),
                   org=org, user=admin, url=_absolute("organisations.detail", org_id=org.id))


def reject_organisation(actor: User, org: Organisation, reason: str) -> None:
    """Reject `org`: mail its admins, then remove every membership, API key, open invitation and claim."""
    from portal.opendata.models import ApiKey  # opendata builds on organisations, not the other way round

    if org.verification == VerificationStatus.REJECTED:
        raise OrganisationError(_l("Organisasjonen er allerede avvist."))
    org.verification, org.verified_dt, org.verification_reason = VerificationStatus.REJECTED, None, reason
    for admin in _admins(org):
        queue_mail(admin.email, "org_rejected", admin.locale, _l("%(org)s ble ikke verifisert", org=org.name),
                   org=org, user=admin, reason=reason, url=_absolute("organisations.detail", org_id=org.id))
    now = utcnow()
    for membership in list(org.memberships):
        if membership in membership.user.memberships:
            membership.user.memberships.remove(membership)  # keep loaded collections right for this request
        org.memberships.remove(membership)
    for key in db.session.scalars(select(ApiKey).where(ApiKey.organisation_id == org.id,
                                                       ApiKey.revoked_dt.is_(None))):
        key.revoked_dt, key.revoked_by_id = now, actor.id
    for inv in db.session.scalars(select(Invitation).where(
            Invitation.organisation_id == org.id, Invitation.accepted_dt.is_(None), Invitation.revoked_dt.is_(None))):
        inv.revoked_dt = now
    for claim in db.session.scalars(select(OrganisationClaim).where(
            OrganisationClaim.organisation_id == org.id, OrganisationClaim.status == ClaimStatus.PENDING)):
        decide_claim(actor, claim, ClaimStatus.DECLINED)
    db.session.flush()


def decide_claim(actor: User, claim: OrganisationClaim, status: ClaimStatus) -> None:
    """Record the decision on a request to join and tell the person who asked."""
    claim.status, claim.decided_by_id, claim.decided_dt = status, actor.id, utcnow()
    user = claim.user
    if user.email and user.is_active:
        approved = status == ClaimStatus.APPROVED
        subject = (_l("Du har fått tilgang til %(org)s", org=claim.organisation.name) if approved
                   else _l("Forespørselen om tilgang til %(org)s ble avslått", org=claim.organisation.name))
        queue_mail(user.email, "org_claim_decided", user.locale, subject, org=claim.organisation, user=user,
                   approved=approved, url=_absolute("organisations.detail", org_id=claim.organisation_id))
