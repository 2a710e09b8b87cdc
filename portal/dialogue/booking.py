"""One-to-one meetings: availability windows, slots, atomic booking, cancelling, roles, minutes."""

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.db import db, utcnow
from portal.dialogue.calendar import booking_item, ics_attachment
from portal.dialogue.models import (
    AvailabilityWindow,
    Booking,
    BookingStatus,
    DialogueEvent,
    MeetingRole,
    MeetingRoleAssignment,
    MeetingSlot,
)
from portal.dialogue.notify import WHEN, event_url, notify, org_recipients
from portal.dialogue.services import DialogueError
from portal.dialogue.slots import generate_slots
from portal.i18n import oslo_datetime

SLOT_TAKEN = _("Tidspunktet ble nettopp booket av noen andre. Velg et annet tidspunkt.")


def add_window(actor, event: DialogueEvent, data: dict) -> AvailabilityWindow:
    """Save a window and its generated slots; slots that already exist (same start and room) are kept."""
    times = generate_slots(data["day"], data["start_time"], data["end_time"], data["slot_minutes"],
                           data.get("break_minutes") or 0, data.get("rooms") or 1)
    if not times:
        raise DialogueError(_("Vinduet er for kort til ett eneste møte."), "end_time")
    window = AvailabilityWindow(event=event, **{k: data[k] for k in ("day", "start_time", "end_time", "slot_minutes")},
                                break_minutes=data.get("break_minutes") or 0, rooms=data.get("rooms") or 1)
    db.session.add(window)
    taken = {(s.starts_dt, s.room) for s in event.slots}
    for t in times:
        if (t.starts_dt, t.room) not in taken:
            db.session.add(MeetingSlot(event=event, window=window, starts_dt=t.starts_dt, ends_dt=t.ends_dt, room=t.room))
    db.session.flush()
    return window


def delete_window(actor, window: AvailabilityWindow) -> None:
    if any(b.active for s in window.slots for b in s.bookings):
        raise DialogueError(_("Vinduet har bookede møter. Avlys dem først."))
    for slot in list(window.slots):
        db.session.delete(slot)
    db.session.delete(window)
    db.session.flush()


def active_booking_of(event: DialogueEvent, org) -> Booking | None:
    return db.session.scalar(select(Booking).where(
        Booking.event_id == event.id, Booking.organisation_id == org.id, Booking.active.is_(True)))


def latest_booking_of(event: DialogueEvent, org) -> Booking | None:
    """The active booking, else the last cancelled one (its .ics is then the cancellation)."""
    return active_booking_of(event, org) or db.session.scalar(select(Booking).where(
        Booking.event_id == event.id, Booking.organisation_id == org.id).order_by(Booking.id.desc()).limit(1))


def book_slot(actor, org, slot: MeetingSlot, data: dict | None = None) -> Booking:
    """Book `slot` for `org`, moving an earlier booking of the same event (rebooking).

    The unique constraints on (slot_id, active) and (event_id, organisation_id, active) decide
    races in the database: the loser's INSERT fails and becomes a DialogueError, never a 500.
    """
    data = data or {}
    event = slot.event
    if not event.has_meetings or not event.is_open():
        raise DialogueError(_("Fristen for å booke møter er ute."))
    if slot.starts_dt <= utcnow():
        raise DialogueError(_("Tidspunktet har allerede vært."))
    previous = active_booking_of(event, org)
    if previous is not None and previous.slot_id == slot.id:
        raise DialogueError(_("Dere har allerede booket dette tidspunktet."))
    if slot.active_booking is not None:
        raise DialogueError(str(SLOT_TAKEN))
    try:
        with db.session.begin_nested():
            if previous is not None:
                _release(previous)
                db.session.flush()
            booking = Booking(slot=slot, event=event, organisation_id=org.id, booked_by_id=actor.id,
                              participants_text=data.get("participants_text", ""), topic=data.get("topic", ""))
            db.session.add(booking)
            db.session.flush()
    except IntegrityError:
        mine = active_booking_of(event, org)
        if mine is not None and (previous is None or mine.id != previous.id):
            raise DialogueError(_("Organisasjonen har allerede et møte på dette arrangementet.")) from None
        raise DialogueError(str(SLOT_TAKEN)) from None
    when = oslo_datetime(slot.starts_dt, WHEN)
    notify(org_recipients(booking.organisation, actor), _("Møte booket: %(t)s", t=event.title),
           [_("Dere har booket et møte på «%(t)s» %(when)s.", t=event.title, when=when)], event_url(event),
           attachment=ics_attachment(booking_item(booking), "mote.ics"))
    return booking


def _release(booking: Booking) -> None:
    booking.status = BookingStatus.CANCELLED
    booking.active = None
    booking.cancelled_dt = utcnow()


def cancel_booking(actor, booking: Booking) -> None:
    """The supplier cancels its own booking (until the deadline); a cancelling .ics is mailed."""
    if not booking.active:
        return
    if not booking.event.is_open():
        raise DialogueError(_("Fristen for å avbestille er ute. Kontakt oppdragsgiver."))
    _release(booking)
    db.session.flush()
    notify(org_recipients(booking.organisation, actor), _("Møte avbestilt: %(t)s", t=booking.event.title),
           [_("Møtet %(when)s er avbestilt.", when=oslo_datetime(booking.slot.starts_dt, WHEN))],
           event_url(booking.event), attachment=ics_attachment(booking_item(booking), "mote.ics"))


def buyer_cancel_booking(actor, booking: Booking, reason: str) -> None:
    """The buyer cancels a meeting with a reason; the supplier is told (any time)."""
    if not booking.active:
        return
    _release(booking)
    booking.cancelled_by_buyer = True
    booking.cancel_reason = reason
    db.session.flush()
    event = booking.event
    notify(org_recipients(booking.organisation, booking.booked_by), _("Møtet er avlyst: %(t)s", t=event.title),
           [_("%(buyer)s har avlyst møtet %(when)s.", buyer=event.need.organisation.name,
              when=oslo_datetime(booking.slot.starts_dt, WHEN)), _("Begrunnelse: %(r)s", r=reason)],
           event_url(event), attachment=ics_attachment(booking_item(booking), "mote.ics"))


def set_roles(actor, booking: Booking, roles: dict[MeetingRole, list[int]]) -> None:
    """Replace the buyer's internal roles for one meeting."""
    booking.roles.clear()
    db.session.flush()
    for role, user_ids in roles.items():
        for user_id in dict.fromkeys(user_ids):
            booking.roles.append(MeetingRoleAssignment(user_id=user_id, role=role))
    db.session.flush()


def save_minutes(actor, booking: Booking, minutes_md: str) -> None:
    booking.minutes_md = minutes_md
    db.session.flush()


def minutes_template(booking: Booking) -> str:
    """A Markdown skeleton for the minute-taker."""
    names = {r: ", ".join(a.user.name for a in booking.roles if a.role == r) or "–" for r in MeetingRole}
    return "\n".join([
        f"# {_('Referat')}: {booking.event.title}",
        "",
        f"- {_('Leverandør')}: {booking.organisation.name}",
        f"- {_('Tidspunkt')}: {oslo_datetime(booking.slot.starts_dt, WHEN)}",
        f"- {_('Deltakere fra leverandøren')}: {booking.participants_text or '–'}",
        f"- {_('Svarer')}: {names[MeetingRole.ANSWERER]}",
        f"- {_('Observatør')}: {names[MeetingRole.OBSERVER]}",
        f"- {_('Referent')}: {names[MeetingRole.MINUTE_TAKER]}",
        "",
        f"## {_('Leverandørens tema')}", booking.topic or "", "",
        f"## {_('Spørsmål og svar')}", "", "",
        f"## {_('Innspill til behovet')}", "", "",
        f"## {_('Oppfølging')}", "",
    ])
