"""Named predicates for supplier profiles, interest and input."""

from portal.organisations.models import OrgSide, VerificationStatus
from portal.organisations.permissions import is_member, is_platform_admin, user_is_verified_buyer


def can_edit_profile(user, org) -> bool:
    """Only members of the supplier organisation edit its profile."""
    return bool(org is not None and org.side == OrgSide.SUPPLIER and is_member(user, org))


def is_listed(profile) -> bool:
    """Listed for everyone (directory, search index, matches, alerts): public, a supplier, not rejected."""
    org = profile.organisation
    return bool(profile.is_public and org.side == OrgSide.SUPPLIER and org.verification != VerificationStatus.REJECTED)


def can_view_profile(user, profile) -> bool:
    """Public profiles for everyone; hidden ones for verified buyers and the supplier's own members."""
    if profile.organisation.verification == VerificationStatus.REJECTED:
        return is_member(user, profile.organisation) or is_platform_admin(user)
    if profile.is_public:
        return True
    return user_is_verified_buyer(user) or is_member(user, profile.organisation) or is_platform_admin(user)


def can_see_hidden_profiles(user) -> bool:
    return user_is_verified_buyer(user) or is_platform_admin(user)


def _need_statuses():
    from portal.needs.models import NeedStatus

    interest = {NeedStatus.PUBLISHED, NeedStatus.IN_DIALOGUE, NeedStatus.ANNOUNCED}
    return interest, {NeedStatus.PUBLISHED, NeedStatus.IN_DIALOGUE}


def is_supplier_member(user, org) -> bool:
    return bool(org is not None and org.side == OrgSide.SUPPLIER
                and org.verification != VerificationStatus.REJECTED and is_member(user, org))


def need_open_for_interest(need) -> bool:
    return need.status in _need_statuses()[0]


def need_open_for_input(need) -> bool:
    return need.status in _need_statuses()[1]


def can_express_interest(user, org, need) -> bool:
    return is_supplier_member(user, org) and need_open_for_interest(need)


def can_submit_input(user, org, need) -> bool:
    return is_supplier_member(user, org) and need_open_for_input(need)


def is_need_owner(user, need) -> bool:
    """Members of the buyer organisation that owns the need see its interests and all its input."""
    return is_member(user, need.organisation)


def can_view_input(user, inp) -> bool:
    """Truth table: owner buyer → all; author → own; confidential → nobody else; published → everyone."""
    if is_need_owner(user, inp.need):
        return True
    if inp.is_confidential:
        return bool(user and user.is_authenticated and inp.author_id == user.id)
    if inp.is_published and inp.need.is_public:
        return True
    return is_member(user, inp.organisation)


def can_publish_input(user, inp) -> bool:
    return is_need_owner(user, inp.need) and not inp.is_confidential
