"""Who hears about what: recipients for an organisation and a short notice mail."""

from flask import current_app

from portal.notifications.services import queue_mail
from portal.organisations.models import MemberRole

# How mails and pages write a meeting time (Babel pattern, shown in Europe/Oslo).
WHEN = "EEEE d. MMMM y HH:mm"


def base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


def event_url(event) -> str:
    return f"{base_url()}/arrangementer/{event.id}"


def need_url(need, suffix: str = "") -> str:
    return f"{base_url()}/behov/{need.id}{suffix}"


def org_recipients(org, preferred=None) -> list[tuple[str, str]]:
    """(email, locale) for `org`: the person who acted, else its admins, else its contact address."""
    if preferred is not None and preferred.email and preferred.is_active:
        return [(preferred.email, preferred.locale)]
    admins = [m.user for m in org.memberships if m.role == MemberRole.ADMIN and m.user.is_active and m.user.email]
    if admins:
        return [(u.email, u.locale) for u in admins]
    return [(org.contact_email, "nb")] if org.contact_email else []


def notify(recipients, subject, lines: list[str], url: str = "", attachment=None) -> int:
    """Queue one notice per distinct address (same transaction as the change)."""
    seen: set[str] = set()
    for email, locale in recipients:
        if not email or email.lower() in seen:
            continue
        seen.add(email.lower())
        queue_mail(email, "dialogue_notice", locale, subject, attachment=attachment, lines=lines, url=url)
    return len(seen)


def need_audience(need) -> list[tuple[str, str]]:
    """Everyone on the supplier side who follows a need: registered, booked, interested or asked."""
    from sqlalchemy import select

    from portal.auth.models import User
    from portal.db import db
    from portal.dialogue.models import Booking, DialogueEvent, Registration
    from portal.dialogue.models_qa import Question
    from portal.organisations.models import Organisation

    org_ids: set[int] = set()
    org_ids |= set(db.session.scalars(
        select(Registration.organisation_id).join(DialogueEvent).where(
            DialogueEvent.need_id == need.id, Registration.active.is_(True))))
    org_ids |= set(db.session.scalars(
        select(Booking.organisation_id).join(DialogueEvent).where(
            DialogueEvent.need_id == need.id, Booking.active.is_(True))))
    org_ids |= set(db.session.scalars(
        select(Question.organisation_id).where(Question.need_id == need.id, Question.organisation_id.is_not(None))))
    interested_users: list[User] = []
    try:
        from portal.suppliers.models import Interest
    except ImportError:  # the suppliers domain is optional here
        Interest = None
    if Interest is not None:
        for interest in db.session.scalars(select(Interest).where(Interest.need_id == need.id)):
            org_ids.add(interest.organisation_id)
            if interest.user_id:
                interested_users.append(db.session.get(User, interest.user_id))
    out: list[tuple[str, str]] = []
    for user in interested_users:
        if user and user.is_active and user.email:
            out.append((user.email, user.locale))
    for org in db.session.scalars(select(Organisation).where(Organisation.id.in_(org_ids or {-1}))):
        for m in org.memberships:
            if m.user.is_active and m.user.email:
                out.append((m.user.email, m.user.locale))
    return out
