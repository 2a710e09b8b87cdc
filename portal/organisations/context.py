"""Which organisation the logged-in user acts for (they may belong to several)."""

from flask import Flask, g, has_request_context, session
from flask_login import current_user

from portal.organisations.models import Membership, Organisation
from portal.organisations.permissions import verified_memberships

SESSION_KEY = "org_id"


def user_memberships(user) -> list[Membership]:
    """The memberships one can act through (verified organisations only), by name."""
    return sorted(verified_memberships(user), key=lambda m: m.organisation.name.lower())


def waiting_memberships(user) -> list[Membership]:
    """Memberships in organisations not (yet) verified: shown on Min side with their status, grant nothing."""
    if not user or not user.is_authenticated:
        return []
    return sorted((m for m in user.memberships if not m.organisation.is_verified),
                  key=lambda m: m.organisation.name.lower())


def waiting(user) -> dict:
    """What a user waits for, for Min side: memberships in unverified organisations and requests to join."""
    from portal.extensions import db
    from portal.organisations.queries import claims_by

    if not user or not user.is_authenticated:
        return {"waiting_memberships": [], "claims": []}
    return {"waiting_memberships": waiting_memberships(user),
            "claims": db.session.scalars(claims_by(user).limit(20)).all()}


def active_membership() -> Membership | None:
    """The membership the current user acts through: the chosen one, else their first."""
    if "active_membership" in g:
        return g.active_membership
    memberships = user_memberships(current_user)
    chosen = session.get(SESSION_KEY)
    found = next((m for m in memberships if m.organisation_id == chosen), None)
    g.active_membership = found or (memberships[0] if memberships else None)
    return g.active_membership


def active_org() -> Organisation | None:
    m = active_membership()
    return m.organisation if m else None


def set_active_org(org_id: int) -> bool:
    """Switch to `org_id` if the current user is a member; return whether it worked."""
    if any(m.organisation_id == org_id for m in user_memberships(current_user)):
        session[SESSION_KEY] = org_id
        g.pop("active_membership", None)
        return True
    return False


def init_app(app: Flask) -> None:
    @app.context_processor
    def inject_org():
        if not has_request_context():
            return {"active_org": None}
        return {"active_org": active_org() if current_user.is_authenticated else None}
