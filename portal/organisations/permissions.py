"""Named predicates about users and organisations.

One rule at the root: a membership grants rights only while its organisation is VERIFIED.
Every predicate builds on `membership_in`/`verified_memberships`; only the pages that show a
member of a pending or rejected organisation its own status use `own_membership`.
"""

from portal.organisations.models import Membership, Organisation


def own_membership(user, org: Organisation | None) -> Membership | None:
    """The user's membership row in `org` whatever its status: for showing status only, never for rights."""
    if org is None or not user or not user.is_authenticated:
        return None
    return next((m for m in user.memberships if m.organisation_id == org.id), None)


def verified_memberships(user) -> list[Membership]:
    """The memberships that count: those in verified organisations."""
    if not user or not user.is_authenticated:
        return []
    return [m for m in user.memberships if m.organisation.is_verified]


def membership_in(user, org: Organisation | None) -> Membership | None:
    """The membership that grants rights in `org`: none until the organisation is verified."""
    m = own_membership(user, org)
    return m if m is not None and m.organisation.is_verified else None


def is_member(user, org: Organisation | None) -> bool:
    return membership_in(user, org) is not None


def is_org_admin(user, org: Organisation | None) -> bool:
    m = membership_in(user, org)
    return bool(m and m.is_admin)


def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_platform_admin)


def is_verified_buyer_member(user, org: Organisation | None) -> bool:
    """A member of `org`, which is a verified buyer organisation."""
    return bool(org and org.is_buyer and org.is_verified and is_member(user, org))


def user_is_verified_buyer(user) -> bool:
    """The user belongs to at least one verified buyer organisation."""
    return any(m.organisation.is_buyer for m in verified_memberships(user))


def can_view_members(user, org: Organisation | None) -> bool:
    """Members and platform admins see who belongs to an organisation."""
    return is_member(user, org) or is_platform_admin(user)


def can_manage_members(user, org: Organisation | None) -> bool:
    """Invite, remove, promote and demote members: the organisation's own admins."""
    return is_org_admin(user, org)


def can_decide_claim(user, claim) -> bool:
    """A request to join: the organisation's own (verified) admins, or platform admins."""
    return is_org_admin(user, claim.organisation) or is_platform_admin(user)


def can_view_org_page(user, org: Organisation) -> bool:
    """A supplier that hides its profile is hidden on its organisation page too (name included)."""
    if org.is_buyer:
        return True
    from sqlalchemy import select

    from portal.extensions import db
    from portal.suppliers.models import SupplierProfile
    from portal.suppliers.permissions import can_view_profile

    profile = db.session.scalar(select(SupplierProfile).where(SupplierProfile.organisation_id == org.id))
    return profile is None or can_view_profile(user, profile)
