"""Conference registration: named participants, capacity, waitlist with automatic promotion."""

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from portal.db import db, utcnow
from portal.dialogue.calendar import ics_attachment, registration_item
from portal.dialogue.models import DialogueEvent, Participant, Registration, RegistrationStatus
from portal.dialogue.notify import event_url, notify, org_recipients
from portal.dialogue.services import DialogueError


def _lock_event(event: DialogueEvent) -> None:
    """Serialise capacity decisions per event: a no-op UPDATE takes the row lock (PostgreSQL)
    or the write lock (SQLite) until commit, so two registrations never both take the last place."""
    db.session.execute(update(DialogueEvent).where(DialogueEvent.id == event.id).values(sequence=DialogueEvent.sequence))


def _confirmed_usage(event: DialogueEvent, exclude_id: int | None = None) -> tuple[int, int]:
    """(organisations, people) holding confirmed places."""
    cond = [Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED]
    if exclude_id:
        cond.append(Registration.id != exclude_id)
    orgs = db.session.scalar(select(func.count()).select_from(Registration).where(*cond)) or 0
    people = db.session.scalar(
        select(func.count(Participant.id)).join(Registration).where(*cond)) or 0
    return orgs, people


def fits(event: DialogueEvent, people: int, exclude_id: int | None = None) -> bool:
    orgs, used = _confirmed_usage(event, exclude_id)
    if event.capacity_orgs is not None and orgs + 1 > event.capacity_orgs:
        return False
    return not (event.capacity_people is not None and used + people > event.capacity_people)


def free_places(event: DialogueEvent) -> dict:
    orgs, people = _confirmed_usage(event)
    return {
        "people": None if event.capacity_people is None else max(event.capacity_people - people, 0),
        "organisations": None if event.capacity_orgs is None else max(event.capacity_orgs - orgs, 0),
    }


def active_registration_of(event: DialogueEvent, org) -> Registration | None:
    return db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.organisation_id == org.id, Registration.active.is_(True)))


def latest_registration_of(event: DialogueEvent, org) -> Registration | None:
    """The active registration, else the last cancelled one (its .ics is then the cancellation)."""
    return active_registration_of(event, org) or db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.organisation_id == org.id,
        Registration.cancelled_dt.is_not(None)).order_by(Registration.id.desc()).limit(1))


def register(actor, org, event: DialogueEvent, participants: list[tuple[str, str]]) -> Registration:
    """Register `org` with named participants; confirmed if there is room, else waitlisted."""
    if not event.has_conference:
        raise DialogueError(_("Dette arrangementet har ingen konferanse å melde seg på."))
    if not event.is_open():
        raise DialogueError(_("Påmeldingsfristen er ute."))
    if not participants:
        raise DialogueError(_("Skriv inn minst én deltaker."), "participants")
    if event.max_per_org and len(participants) > event.max_per_org:
        raise DialogueError(_("Dere kan melde på høyst %(n)s deltakere.", n=event.max_per_org), "participants")
    _lock_event(event)
    if active_registration_of(event, org) is not None:
        raise DialogueError(_("Organisasjonen er allerede påmeldt. Endre påmeldingen i stedet."))
    # Nobody overtakes the waitlist: with people waiting, newcomers queue behind them.
    queue = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.WAITLISTED,
        Registration.active.is_(True)))
    room = not queue and fits(event, len(participants))
    status = RegistrationStatus.CONFIRMED if room else RegistrationStatus.WAITLISTED
    try:
        with db.session.begin_nested():
            reg = Registration(event=event, organisation_id=org.id, status=status, registered_by_id=actor.id,
                               participants=[Participant(name=n, email=e) for n, e in participants])
            db.session.add(reg)
            db.session.flush()
    except IntegrityError:
        raise DialogueError(_("Organisasjonen er allerede påmeldt.")) from None
    if status == RegistrationStatus.CONFIRMED:
        lines = [_("Dere er påmeldt «%(t)s».", t=event.title),
                 _("Deltakere: %(p)s", p=", ".join(p.name for p in reg.participants))]
        notify(org_recipients(org, actor), _("Påmeldt: %(t)s", t=event.title), lines, event_url(event),
               attachment=ics_attachment(registration_item(reg)))
    else:
        notify(org_recipients(org, actor), _("Venteliste: %(t)s", t=event.title),
               [_("Arrangementet «%(t)s» er fullt. Dere står på ventelisten og får beskjed hvis det blir plass.",
                  t=event.title)], event_url(event))
    return reg


def update_participants(actor, reg: Registration, participants: list[tuple[str, str]]) -> None:
    """Change the named participants; a confirmed registration must still fit."""
    event = reg.event
    if not event.is_open():
        raise DialogueError(_("Påmeldingsfristen er ute."))
    if not participants:
        raise DialogueError(_("Skriv inn minst én deltaker."), "participants")
    if event.max_per_org and len(participants) > event.max_per_org:
        raise DialogueError(_("Dere kan melde på høyst %(n)s deltakere.", n=event.max_per_org), "participants")
    _lock_event(event)
    if reg.is_confirmed and not fits(event, len(participants), exclude_id=reg.id):
        raise DialogueError(_("Det er ikke plass til så mange deltakere."), "participants")
    reg.participants = [Participant(name=n, email=e) for n, e in participants]
    db.session.flush()
    promote_waitlist(event)


def cancel_registration(actor, reg: Registration) -> list[Registration]:
    """Cancel until the deadline; return the registrations promoted from the waitlist."""
    if not reg.active:
        return []
    event = reg.event
    if not event.is_open():
        raise DialogueError(_("Fristen for å melde seg av er ute. Kontakt oppdragsgiver."))
    _lock_event(event)
    was_confirmed = reg.is_confirmed
    reg.status, reg.active, reg.cancelled_dt = RegistrationStatus.CANCELLED, None, utcnow()
    db.session.flush()
    notify(org_recipients(reg.organisation, actor), _("Avmeldt: %(t)s", t=event.title),
           [_("Påmeldingen til «%(t)s» er avmeldt.", t=event.title)], event_url(event),
           attachment=ics_attachment(registration_item(reg)) if was_confirmed else None)
    return promote_waitlist(event)


def promote_waitlist(event: DialogueEvent) -> list[Registration]:
    """Move waitlisted registrations up in order while the first in line fits (first come, first served)."""
    promoted = []
    waiting = db.session.scalars(select(Registration).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.WAITLISTED,
        Registration.active.is_(True)).order_by(Registration.created_dt, Registration.id)).all()
    for reg in waiting:
        if not fits(event, len(reg.participants)):
            break
        reg.status, reg.promoted_dt = RegistrationStatus.CONFIRMED, utcnow()
        db.session.flush()
        promoted.append(reg)
        notify(org_recipients(reg.organisation, reg.registered_by), _("Dere har fått plass: %(t)s", t=event.title),
               [_("Det ble ledig plass på «%(t)s», og dere er nå påmeldt.", t=event.title)], event_url(event),
               attachment=ics_attachment(registration_item(reg)))
    return promoted


def waitlist_position(reg: Registration) -> int | None:
    if reg.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == reg.event_id, Registration.status == RegistrationStatus.WAITLISTED,
        Registration.active.is_(True), Registration.id < reg.id))
    return (ahead or 0) + 1
