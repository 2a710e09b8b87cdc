"""Named predicates for market dialogue (the truth table is in tests/dialogue/test_permissions.py)."""

from portal.organisations.models import Organisation
from portal.organisations.permissions import is_member, is_verified_buyer_member


def can_manage_need_dialogue(user, need) -> bool:
    """Members of the need's owning, verified buyer organisation create and run its events."""
    return need is not None and is_verified_buyer_member(user, need.organisation)


def can_manage_event(user, event) -> bool:
    return can_manage_need_dialogue(user, event.need)


def _is_invited(user, org: Organisation | None, event) -> bool:
    email = (getattr(user, "email", None) or "").lower() if user and user.is_authenticated else ""
    for inv in event.invitations:
        if org is not None and inv.organisation_id == org.id:
            return True
        if email and inv.email and inv.email.lower() == email:
            return True
    return False


def _takes_part(org: Organisation | None, event) -> bool:
    if org is None:
        return False
    if any(r.organisation_id == org.id and r.active for r in event.registrations):
        return True
    return any(b.organisation_id == org.id and b.active for s in event.slots for b in s.bookings)


def can_view_event(user, org: Organisation | None, event) -> bool:
    """Public events of public needs for everyone; invited-only ones for the invited and the buyer."""
    if can_manage_event(user, event):
        return True
    if not event.need.is_public:
        return False
    if event.visibility == "public" or is_published_to_all(event):
        return True
    return _is_invited(user, org, event) or _takes_part(org, event)


def is_published_to_all(event) -> bool:
    """Equal treatment: once minutes or materials are out, every supplier may read them."""
    return event.summary_published_dt is not None or any(d.kind == "material" for d in event.documents)


def can_take_part(user, org: Organisation | None, event) -> bool:
    """Register or book for `org`: a member acting for a supplier organisation that may see the event."""
    return bool(
        org is not None and not org.is_buyer and is_member(user, org) and can_view_event(user, org, event)
    )


def can_see_meeting_link(user, org: Organisation | None, event) -> bool:
    """Only the buyer and organisations with a confirmed registration or a live booking."""
    if can_manage_event(user, event):
        return True
    if org is None or not is_member(user, org):
        return False
    if any(r.organisation_id == org.id and r.is_confirmed and r.active for r in event.registrations):
        return True
    return any(b.organisation_id == org.id and b.active for s in event.slots for b in s.bookings)


def can_ask_question(user, org: Organisation | None, need) -> bool:
    return bool(need.is_public and org is not None and not org.is_buyer and is_member(user, org))


def can_see_question(user, org: Organisation | None, question) -> bool:
    """Answered questions are public; an open one only for the asking organisation and the buyer."""
    if question.is_answered and question.need.is_public:
        return True
    if can_manage_need_dialogue(user, question.need):
        return True
    return org is not None and question.organisation_id == org.id and is_member(user, org)
