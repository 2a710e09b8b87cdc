"""Who may see and change a need.

Decisions: drafts are visible to members of the owning organisation and of co-buyer
organisations that have confirmed (an unconfirmed invitation shows only the title on the
confirmation page). Only the owning organisation edits; every member (admin or not) of a
buyer organisation may edit, publish and change the status of its needs. A membership counts
only once the organisation is verified (portal.organisations.permissions), so a pending buyer
writes no drafts either. Platform admins see what the
public sees and may cancel a public need (moderation), nothing else.
"""

from portal.needs.models import Need, NeedCoBuyer, NeedStatus
from portal.organisations.permissions import (
    is_member,
    is_org_admin,
    is_platform_admin,
    is_verified_buyer_member,
)


def _confirmed_co_buyer_member(user, need: Need) -> bool:
    return any(c.confirmed_dt is not None and is_member(user, c.organisation) for c in need.co_buyers)


def can_create_need(user, org) -> bool:
    """A member of a (verified) buyer organisation may write drafts."""
    return bool(org is not None and org.is_buyer and is_member(user, org))


def can_view_need(user, need: Need) -> bool:
    if need.is_public:
        return True
    return is_member(user, need.organisation) or _confirmed_co_buyer_member(user, need)


def can_edit_need(user, need: Need) -> bool:
    return not need.status.is_final and need.organisation.is_buyer and is_member(user, need.organisation)


def can_publish_need(user, need: Need) -> bool:
    return need.status == NeedStatus.DRAFT and is_verified_buyer_member(user, need.organisation)


def can_change_status(user, need: Need) -> bool:
    """Move a public need along its lifecycle (dialogue, announced, awarded, closed, cancelled)."""
    return need.is_public and not need.status.is_final and is_verified_buyer_member(user, need.organisation)


def can_cancel_need(user, need: Need) -> bool:
    if not need.is_public or need.status.is_final:
        return False
    return is_verified_buyer_member(user, need.organisation) or is_platform_admin(user)


def can_delete_draft(user, need: Need) -> bool:
    return need.status == NeedStatus.DRAFT and is_member(user, need.organisation)


def can_download_attachment(user, need: Need) -> bool:
    return can_view_need(user, need)


def can_manage_co_buyers(user, need: Need) -> bool:
    return can_edit_need(user, need)


def can_answer_co_buyer(user, co_buyer: NeedCoBuyer) -> bool:
    """Only an admin of the invited organisation confirms or declines."""
    return is_org_admin(user, co_buyer.organisation)
