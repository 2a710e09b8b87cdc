"""Who may follow what, and whether a saved search may still tell its owner anything."""

from portal.organisations.permissions import is_member

MAX_SEARCHES_PER_USER = 50


def owns_search(user, search) -> bool:
    return bool(user and user.is_authenticated and search is not None and search.user_id == user.id)


def can_follow_suppliers(user, need) -> bool:
    """Members of the owning buyer organisation follow new suppliers for its public need."""
    return bool(user and user.is_authenticated and need is not None and need.is_public
                and need.organisation.is_buyer and is_member(user, need.organisation))


def search_is_active(search) -> bool:
    """The owner still exists and, for a need's supplier follow, still belongs to the buyer."""
    user = search.user
    if user is None or not user.is_active:
        return False
    return search.need_id is None or can_follow_suppliers(user, search.need)


def can_mail(user) -> bool:
    return bool(user.is_active and user.email and user.is_confirmed)
