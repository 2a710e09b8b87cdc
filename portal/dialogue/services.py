"""Events: create, edit, cancel, documents, invitations, summary. Flush, never commit."""

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from portal.auth.services import export_section, export_time
from portal.db import db, utcnow
from portal.dialogue.calendar import booking_item, ics_attachment, registration_item
from portal.dialogue.models import (
    Booking,
    DialogueEvent,
    DocumentKind,
    EventDocument,
    EventInvitation,
    EventStatus,
    MeetingRoleAssignment,
    Registration,
)
from portal.dialogue.models_qa import InfoKind, InfoLogEntry, Question
from portal.dialogue.notify import event_url, need_audience, notify, org_recipients
from portal.organisations.models import Organisation
from portal.uploads import delete_stored, store_document


class DialogueError(ValueError):
    """A rule of market dialogue stops the change; the message is for the user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


EVENT_FIELDS = (
    "title", "kind", "format", "visibility", "agenda_md", "address", "meeting_link", "starts_dt", "ends_dt",
    "registration_deadline_dt", "capacity_people", "capacity_orgs", "max_per_org", "reminder_hours",
)
# Changing these moves calendar entries: bump SEQUENCE so calendars update.
CALENDAR_FIELDS = {"title", "address", "meeting_link", "starts_dt", "ends_dt", "format"}


def log_info(need, kind: InfoKind, title: str, url: str = "", object_id: int | None = None) -> InfoLogEntry:
    """Add a line to the need's information log; `title` is the subject, the kind gives the wording."""
    entry = InfoLogEntry(need_id=need.id, kind=kind, title=title[:300], url=url, object_id=object_id,
                         published_dt=utcnow())
    db.session.add(entry)
    return entry


def create_event(actor, need, data: dict) -> DialogueEvent:
    event = DialogueEvent(need=need, created_by_id=actor.id, status=EventStatus.PUBLISHED)
    for key in EVENT_FIELDS:
        if key in data:
            setattr(event, key, data[key])
    db.session.add(event)
    db.session.flush()
    if event.visibility == "public":
        log_info(need, InfoKind.EVENT, event.title, url=f"/arrangementer/{event.id}", object_id=event.id)
    return event


def update_event(actor, event: DialogueEvent, data: dict) -> DialogueEvent:
    changed = {k for k in EVENT_FIELDS if k in data and getattr(event, k) != data[k]}
    for key in changed:
        setattr(event, key, data[key])
    if changed & CALENDAR_FIELDS:
        event.sequence += 1
        db.session.flush()
        _tell_about_change(event)
    db.session.flush()
    return event


def _tell_about_change(event: DialogueEvent) -> None:
    """Time, place or link changed: everyone registered or booked gets the updated calendar entry."""
    if event.is_cancelled:
        return
    lines = [_("Arrangementet «%(title)s» er endret. Den vedlagte kalenderfilen oppdaterer tid og sted i "
               "kalenderen din.", title=event.title)]
    subject = _("Endret: %(t)s", t=event.title)
    for reg in event.registrations:
        if reg.active and reg.is_confirmed:
            ics = ics_attachment(registration_item(reg)) if event.starts_dt else None
            notify(org_recipients(reg.organisation, reg.registered_by), subject, lines, event_url(event), ics)
    for slot in event.slots:
        booking = slot.active_booking
        if booking:
            notify(org_recipients(booking.organisation, booking.booked_by), subject, lines, event_url(event),
                   ics_attachment(booking_item(booking), "mote.ics"))


def cancel_event(actor, event: DialogueEvent) -> None:
    """Cancel the whole event; every registered or booked organisation is told."""
    if event.is_cancelled:
        return
    event.status = EventStatus.CANCELLED
    event.sequence += 1
    lines = [_("Arrangementet «%(title)s» er avlyst.", title=event.title)]
    subject = _("Avlyst: %(t)s", t=event.title)
    for reg in event.registrations:
        if reg.active:
            ics = ics_attachment(registration_item(reg)) if reg.is_confirmed and event.starts_dt else None
            notify(org_recipients(reg.organisation, reg.registered_by), subject, lines, event_url(event), ics)
    for slot in event.slots:
        booking = slot.active_booking
        if booking:
            notify(org_recipients(booking.organisation, booking.booked_by), subject, lines, event_url(event),
                   ics_attachment(booking_item(booking), "mote.ics"))
    db.session.flush()


def add_document(actor, event: DialogueEvent, kind: DocumentKind, file_storage) -> EventDocument:
    """Store an uploaded invitation, slide deck or material (raises UploadError)."""
    stored = store_document(file_storage)
    doc = EventDocument(event=event, kind=kind, storage_name=stored.storage_name,
                        original_name=stored.original_name, content_type=stored.content_type,
                        size=stored.size, uploaded_by_id=actor.id)
    db.session.add(doc)
    db.session.flush()
    if kind == DocumentKind.MATERIAL:  # materials are for every supplier (the event becomes readable)
        log_info(event.need, InfoKind.MATERIAL, f"{event.title}: {doc.original_name}", url=f"/arrangementer/{event.id}", object_id=doc.id)
    return doc


def delete_document(actor, doc: EventDocument) -> None:
    delete_stored(doc.storage_name)
    db.session.delete(doc)
    db.session.flush()


def invite(actor, event: DialogueEvent, org_ids: list[int], emails: list[str], source: str = "match") -> int:
    """Invite supplier organisations and e-mail addresses; each new invitee gets a mail. Return count."""
    existing_orgs = {i.organisation_id for i in event.invitations if i.organisation_id}
    existing_mails = {i.email.lower() for i in event.invitations if i.email}
    count = 0
    lines = [_("%(buyer)s inviterer til «%(title)s» om behovet «%(need)s».", buyer=event.need.organisation.name,
               title=event.title, need=event.need.title)]
    subject = _("Invitasjon: %(t)s", t=event.title)
    for org in db.session.scalars(select(Organisation).where(Organisation.id.in_(org_ids or [-1]))):
        if org.id in existing_orgs or org.is_buyer:
            continue
        db.session.add(EventInvitation(event=event, organisation_id=org.id, source=source, invited_by_id=actor.id))
        notify(org_recipients(org), subject, lines, event_url(event))
        count += 1
    for email in emails:
        if email.lower() in existing_mails:
            continue
        existing_mails.add(email.lower())
        db.session.add(EventInvitation(event=event, email=email.lower(), source="email", invited_by_id=actor.id))
        notify([(email, "nb")], subject, lines, event_url(event))
        count += 1
    db.session.flush()
    return count


def publish_summary(actor, event: DialogueEvent, summary_md: str) -> None:
    """Publish minutes/summary to all suppliers; everyone who took part is told."""
    first = event.summary_published_dt is None
    event.summary_md = summary_md
    event.summary_published_dt = utcnow()
    log_info(event.need, InfoKind.SUMMARY if first else InfoKind.SUMMARY_UPDATED, event.title, url=f"/arrangementer/{event.id}", object_id=event.id)
    notify(need_audience(event.need), _("Referat fra «%(t)s»", t=event.title),
           [_("Referat og materiell fra «%(t)s» er publisert for alle leverandører.", t=event.title)],
           event_url(event))
    db.session.flush()


@export_section("registrations")
def _export_registrations(user) -> list[dict]:
    """Conference registrations the user made, confirmed or on the waitlist."""
    rows = db.session.scalars(select(Registration).where(Registration.registered_by_id == user.id)
                              .order_by(Registration.id))
    return [{"event_id": r.event_id, "event": r.event.title, "organisation": r.organisation.name,
             "status": r.status.value, "participants": [{"name": p.name, "email": p.email} for p in r.participants],
             "created": export_time(r.created_dt), "cancelled": export_time(r.cancelled_dt)} for r in rows]


@export_section("bookings")
def _export_bookings(user) -> list[dict]:
    """Meetings the user booked, and meetings the user has a role in."""
    booked = select(Booking.id).where(Booking.booked_by_id == user.id)
    with_role = select(MeetingRoleAssignment.booking_id).where(MeetingRoleAssignment.user_id == user.id)
    rows = db.session.scalars(select(Booking).where(Booking.id.in_(booked.union(with_role))).order_by(Booking.id))
    return [{"event_id": b.event_id, "event": b.event.title, "organisation": b.organisation.name,
             "starts": export_time(b.slot.starts_dt), "status": b.status.value,
             "booked_by_you": b.booked_by_id == user.id, "topic": b.topic, "participants": b.participants_text,
             "your_roles": [r.role.value for r in b.roles if r.user_id == user.id],
             "created": export_time(b.created_dt), "cancelled": export_time(b.cancelled_dt)} for b in rows]


@export_section("questions")
def _export_questions(user) -> list[dict]:
    """Questions the user asked on needs, and answers the user gave."""
    rows = db.session.scalars(select(Question).where(
        (Question.asked_by_id == user.id) | (Question.answered_by_id == user.id)).order_by(Question.id))
    return [{"need_id": q.need_id, "need": q.need.title, "asked_by_you": q.asked_by_id == user.id,
             "question": q.question, "answer": q.answer, "answered_by_you": q.answered_by_id == user.id,
             "created": export_time(q.created_dt), "answered": export_time(q.answered_dt)} for q in rows]
