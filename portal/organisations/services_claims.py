"""Requests to join an organisation that already exists (flush, never commit).

Anyone can type an organisation number, so registering an existing orgnr (imported or
registered, buyer or supplier) changes nothing in that organisation: it asks its verified
admins, or the platform admins when it has none, to let the person in.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.models import User
from portal.db import db, utcnow
from portal.notifications.services import queue_mail
from portal.organisations.models import (
    ClaimStatus,
    MemberRole,
    Membership,
    Organisation,
    OrganisationClaim,
    VerificationStatus,
)
from portal.organisations.permissions import is_platform_admin, own_membership
from portal.organisations.services import (
    OrganisationError,
    _absolute,
    _admins,
    create_organisation,
    decide_claim,
    platform_admins,
)

ALREADY_MEMBER = _l("Du er allerede medlem av denne organisasjonen.")
ALREADY_DECIDED = _l("Forespørselen er allerede behandlet.")
REJECTED_ORG = _l("Organisasjonen er avvist av Møteplassen og kan ikke få nye medlemmer. Ta kontakt med oss om du mener dette er feil.")


def register_organisation(actor: User, data: dict) -> Organisation | OrganisationClaim:
    """A new organisation with `actor` as admin, or, for an orgnr that exists, a request to join it."""
    existing = db.session.scalar(select(Organisation).where(Organisation.orgnr == data["orgnr"]))
    if existing is None:
        return create_organisation(actor, data)
    return claim_organisation(actor, existing)


def pending_claim(user: User, org: Organisation) -> OrganisationClaim | None:
    return db.session.scalar(select(OrganisationClaim).where(
        OrganisationClaim.user_id == user.id, OrganisationClaim.organisation_id == org.id,
        OrganisationClaim.status == ClaimStatus.PENDING))


def claim_organisation(actor: User, org: Organisation) -> OrganisationClaim:
    """Ask to join `org` (one open request per person); mail whoever decides."""
    if org.verification == VerificationStatus.REJECTED:  # a rejected organisation keeps no members
        raise OrganisationError(REJECTED_ORG, "orgnr")
    if own_membership(actor, org) is not None:
        raise OrganisationError(ALREADY_MEMBER, "orgnr")
    claim = pending_claim(actor, org)
    if claim is not None:
        return claim
    claim = OrganisationClaim(user=actor, organisation=org)
    db.session.add(claim)
    db.session.flush()
    deciders = _admins(org) if org.is_verified else []
    url = (_absolute("organisations.detail", org_id=org.id, _anchor="foresporsler") if deciders
           else _absolute("admin.review", org_id=org.id))
    for person in deciders or platform_admins():
        queue_mail(person.email, "org_claim", person.locale, _l("%(name)s ber om tilgang til %(org)s",
                                                                name=actor.name, org=org.name),
                   org=org, claimant=actor, user=person, url=url)
    return claim


def approve_claim(actor: User, claim: OrganisationClaim) -> Membership:
    """Let the person in: admin of an organisation without members, else member.

    A platform admin approving a claim on an imported, unverified organisation has checked the
    person and the organisation, so the organisation is verified too.
    """
    if not claim.is_pending:
        raise OrganisationError(ALREADY_DECIDED)
    org = claim.organisation
    if org.verification == VerificationStatus.REJECTED:
        raise OrganisationError(REJECTED_ORG)
    membership = own_membership(claim.user, org)
    if membership is None:
        role = MemberRole.MEMBER if org.memberships else MemberRole.ADMIN
        membership = Membership(user=claim.user, organisation=org, role=role)
        db.session.add(membership)
    if is_platform_admin(actor) and org.is_imported and not org.is_verified:
        org.verification, org.verified_dt, org.verification_reason = VerificationStatus.VERIFIED, utcnow(), None
    decide_claim(actor, claim, ClaimStatus.APPROVED)
    db.session.flush()
    return membership


def decline_claim(actor: User, claim: OrganisationClaim) -> None:
    if not claim.is_pending:
        raise OrganisationError(ALREADY_DECIDED)
    decide_claim(actor, claim, ClaimStatus.DECLINED)
    db.session.flush()
