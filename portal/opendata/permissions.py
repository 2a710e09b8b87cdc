"""Who may manage API keys."""

from portal.organisations.permissions import is_org_admin


def can_manage_api_keys(user, org) -> bool:
    """Admins of a buyer organisation (keys write needs, which only buyers have)."""
    return bool(org is not None and org.is_buyer and is_org_admin(user, org))
