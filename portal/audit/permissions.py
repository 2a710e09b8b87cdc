"""Who may read which audit log."""

from portal.organisations.permissions import is_org_admin, is_platform_admin


def can_view_org_log(user, org) -> bool:
    return is_platform_admin(user) or is_org_admin(user, org)


def can_view_full_log(user) -> bool:
    return is_platform_admin(user)
