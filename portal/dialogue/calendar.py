"""iCalendar files for registrations, bookings and the personal feed; Google/Outlook links."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from flask import current_app
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from portal.dialogue.notify import event_url
from portal.dialogue.slots import OSLO, wall_time_problem

UID_DOMAIN = "moteplassen.no"


@dataclass
class CalItem:
    uid: str
    summary: str
    starts_dt: datetime
    ends_dt: datetime
    url: str
    description: str = ""
    location: str = ""
    organizer_name: str = ""
    organizer_email: str = ""
    cancelled: bool = False
    sequence: int = 0
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (name, email): who a CANCEL is for


def oslo_vtimezone() -> Timezone:
    """Europe/Oslo by the EU rule (last Sunday of March 02:00 → 03:00, of October 03:00 → 02:00).

    Two RRULEs instead of icalendar's dated RDATE list: every client reads a yearly rule the
    same way, while ical.js reads only the first RDATE of a list (summer times an hour late).
    """
    tz = Timezone()
    tz.add("tzid", "Europe/Oslo")
    for part, name, start, month, before, after in (
            (TimezoneDaylight, "CEST", datetime(1996, 3, 31, 2), 3, 1, 2),
            (TimezoneStandard, "CET", datetime(1996, 10, 27, 3), 10, 2, 1)):
        rule = part()
        rule.add("tzname", name)
        rule.add("dtstart", start)
        rule.add("tzoffsetfrom", timedelta(hours=before))
        rule.add("tzoffsetto", timedelta(hours=after))
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(rule)
    return tz


def _location(event, show_link: bool) -> str:
    parts = []
    if event.is_physical and event.address:
        parts.append(event.address)
    if event.is_digital and show_link and event.meeting_link:
        parts.append(event.meeting_link)
    return " / ".join(parts)


def _organizer(event) -> tuple[str, str]:
    need = event.need
    email = need.contact_email or need.organisation.contact_email or "noreply@moteplassen.no"
    return need.organisation.name, email


def _description(event, show_link: bool, extra: str = "") -> str:
    lines = [event.need.title]
    if extra:
        lines.append(extra)
    if event.is_digital and show_link and event.meeting_link:
        lines.append(f"Møtelenke: {event.meeting_link}")
    lines.append(event_url(event))
    return "\n".join(lines)


def _people(org, user, extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The supplier's addresses for ATTENDEE: named participants, else who acted, else the organisation."""
    people = [(name, email) for name, email in (extra or []) if email]
    if not people and user is not None:
        people = [(user.name, user.email)]
    if not people and org.contact_email:
        people = [(org.name, org.contact_email)]
    return people


def registration_item(reg) -> CalItem:
    event = reg.event
    name, email = _organizer(event)
    return CalItem(
        uid=f"registration-{reg.id}@{UID_DOMAIN}", summary=event.title,
        starts_dt=event.starts_dt, ends_dt=event.ends_dt or event.starts_dt, url=event_url(event),
        description=_description(event, reg.is_confirmed), location=_location(event, reg.is_confirmed),
        organizer_name=name, organizer_email=email,
        cancelled=not reg.active or event.is_cancelled or not reg.is_confirmed,
        sequence=event.sequence + (1 if not reg.active else 0),
        attendees=_people(reg.organisation, reg.registered_by, [(p.name, p.email) for p in reg.participants]),
    )


def booking_item(booking, for_buyer: bool = False) -> CalItem:
    event, slot = booking.event, booking.slot
    name, email = _organizer(event)
    who = booking.organisation.name if for_buyer else name
    room = f" (rom {slot.room})" if slot.room > 1 else ""
    return CalItem(
        uid=f"booking-{booking.id}@{UID_DOMAIN}", summary=f"{event.title}: {who}{room}",
        starts_dt=slot.starts_dt, ends_dt=slot.ends_dt, url=event_url(event),
        description=_description(event, True, booking.cancel_reason if not booking.active else ""),
        location=_location(event, True), organizer_name=name, organizer_email=email,
        cancelled=not booking.active or event.is_cancelled,
        sequence=event.sequence + (1 if not booking.active else 0),
        attendees=_people(booking.organisation, booking.booked_by),
    )


def conference_item(event) -> CalItem:
    """The conference itself, for the buyer's own feed."""
    name, email = _organizer(event)
    return CalItem(
        uid=f"event-{event.id}@{UID_DOMAIN}", summary=event.title, starts_dt=event.starts_dt,
        ends_dt=event.ends_dt or event.starts_dt, url=event_url(event),
        description=_description(event, True), location=_location(event, True),
        organizer_name=name, organizer_email=email, cancelled=event.is_cancelled, sequence=event.sequence,
    )


def _address(name: str, email: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    address.params.update(params)
    return address


def _wall(value: datetime) -> datetime:
    """Oslo wall time, or UTC in the repeated autumn hour, which a TZID time cannot tell apart."""
    local = value.astimezone(OSLO)
    return value.astimezone(UTC) if wall_time_problem(local.date(), local.time()) else local


def _vevent(item: CalItem, stamp: datetime, method: str) -> Event:
    ev = Event()
    ev.add("uid", item.uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", _wall(item.starts_dt))
    ev.add("dtend", _wall(item.ends_dt))
    ev.add("summary", item.summary)
    ev.add("sequence", item.sequence)
    ev.add("url", item.url)
    if item.description:
        ev.add("description", item.description)
    if item.location:
        ev.add("location", item.location)
    ev.add("organizer", _address(item.organizer_name, item.organizer_email))
    if method == "CANCEL":  # RFC 5546 3.2.5: a cancellation names whom it removes; PUBLISH names nobody
        for name, email in item.attendees:
            ev.add("attendee", _address(name, email, role="REQ-PARTICIPANT"))
    ev.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    return ev


def build_ics(items: list[CalItem], method: str | None = None, name: str = "") -> bytes:
    """A VCALENDAR with a VTIMEZONE for Europe/Oslo; METHOD:CANCEL when every item is cancelled.

    The VTIMEZONE is there even without events: RFC 5545 wants at least one component, so an
    empty personal feed is still a calendar every client accepts.
    """
    cal = Calendar()
    cal.add("prodid", "-//Møteplassen//Markedsdialog//NB")
    cal.add("version", "2.0")
    if method is None:
        method = "CANCEL" if items and all(i.cancelled for i in items) else "PUBLISH"
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add_component(oslo_vtimezone())
    stamp = datetime.now(UTC)
    for item in items:
        if item.starts_dt is not None:
            cal.add_component(_vevent(item, stamp, method))
    return cal.to_ical()


def ics_attachment(item: CalItem, filename: str = "invitasjon.ics") -> tuple[str, str, str]:
    """(name, type, text) for queue_mail's attachment argument."""
    return filename, "text/calendar", build_ics([item]).decode()


def _z(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_link(item: CalItem) -> str:
    query = {"action": "TEMPLATE", "text": item.summary, "dates": f"{_z(item.starts_dt)}/{_z(item.ends_dt)}",
             "details": item.description, "location": item.location, "ctz": "Europe/Oslo"}
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(item: CalItem) -> str:
    iso = "%Y-%m-%dT%H:%M:%SZ"
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": item.summary,
             "startdt": item.starts_dt.astimezone(UTC).strftime(iso),
             "enddt": item.ends_dt.astimezone(UTC).strftime(iso),
             "body": item.description, "location": item.location}
    return "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(query)


def feed_name() -> str:
    return current_app.config.get("CALENDAR_NAME", "Møteplassen")
