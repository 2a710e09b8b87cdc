"""Read helpers for market dialogue."""

from datetime import datetime

from sqlalchemy import or_, select

from portal.db import db, utcnow
from portal.dialogue.models import (
    Booking,
    DialogueEvent,
    EventStatus,
    MeetingSlot,
    Registration,
)
from portal.dialogue.models_qa import InfoLogEntry, Question
from portal.dialogue.permissions import can_view_event
from portal.organisations.models import Organisation
from portal.organisations.permissions import verified_memberships


def events_for_need(need_id: int):
    return select(DialogueEvent).where(DialogueEvent.need_id == need_id).order_by(
        DialogueEvent.starts_dt.is_(None), DialogueEvent.starts_dt, DialogueEvent.id)


def visible_events(user, org, need) -> list[DialogueEvent]:
    return [e for e in db.session.scalars(events_for_need(need.id)) if can_view_event(user, org, e)]


def event_start(event: DialogueEvent) -> datetime | None:
    """The conference start, else the first meeting slot."""
    if event.starts_dt:
        return event.starts_dt
    return event.slots[0].starts_dt if event.slots else None


def free_slots(event: DialogueEvent, now: datetime | None = None) -> list[MeetingSlot]:
    now = now or utcnow()
    return [s for s in event.slots if s.active_booking is None and s.starts_dt > now]


def published_questions(need_id: int):
    return select(Question).where(Question.need_id == need_id, Question.answered_dt.is_not(None)).order_by(
        Question.answered_dt.desc())


def open_questions(need_id: int, org_id: int | None = None):
    stmt = select(Question).where(Question.need_id == need_id, Question.answered_dt.is_(None))
    if org_id is not None:
        stmt = stmt.where(Question.organisation_id == org_id)
    return stmt.order_by(Question.created_dt)


def info_log(need_id: int):
    return select(InfoLogEntry).where(InfoLogEntry.need_id == need_id).order_by(
        InfoLogEntry.published_dt.desc(), InfoLogEntry.id.desc())


def upcoming_for(user, org: Organisation | None, limit: int = 10) -> list[dict]:
    """Upcoming items for a dashboard: the supplier's registrations and bookings, or the buyer's events."""
    if org is None or not user or not user.is_authenticated:
        return []
    now = utcnow()
    items: list[dict] = []
    if org.is_buyer:
        from portal.needs.models import Need

        events = db.session.scalars(select(DialogueEvent).join(Need).where(
            Need.organisation_id == org.id, DialogueEvent.status == EventStatus.PUBLISHED)).all()
        for e in events:
            booked = [s for s in e.slots if s.active_booking is not None and s.starts_dt > now]
            start = e.starts_dt if e.starts_dt and e.starts_dt > now else (booked[0].starts_dt if booked else None)
            if start:
                items.append({"when": start, "event": e, "kind": "event", "booked": len(booked),
                              "registered": sum(1 for r in e.registrations if r.active and r.is_confirmed)})
    else:
        regs = db.session.scalars(select(Registration).join(DialogueEvent).where(
            Registration.organisation_id == org.id, Registration.active.is_(True),
            DialogueEvent.status == EventStatus.PUBLISHED, DialogueEvent.starts_dt > now)).all()
        items += [{"when": r.event.starts_dt, "event": r.event, "kind": "registration", "registration": r} for r in regs]
        bookings = db.session.scalars(select(Booking).join(MeetingSlot).join(
            DialogueEvent, Booking.event_id == DialogueEvent.id).where(
            Booking.organisation_id == org.id, Booking.active.is_(True),
            DialogueEvent.status == EventStatus.PUBLISHED, MeetingSlot.starts_dt > now)).all()
        items += [{"when": b.slot.starts_dt, "event": b.event, "kind": "booking", "booking": b} for b in bookings]
    items.sort(key=lambda i: i["when"])
    return items[:limit]


def candidate_suppliers(need) -> dict[str, list[Organisation]]:
    """Supplier organisations to invite: those interested in the need, and matches by CPV division."""
    from portal.suppliers.models import Interest, SupplierCpv, SupplierProfile
    from portal.suppliers.queries import listed

    interested = db.session.scalars(select(Organisation).join(Interest, Interest.organisation_id == Organisation.id)
                                    .where(Interest.need_id == need.id).order_by(Organisation.name)).all()
    divisions = {c[:2] for c in need.cpv_codes}
    matches: list[Organisation] = []
    if divisions:
        matches = db.session.scalars(
            select(Organisation).join(SupplierProfile, SupplierProfile.organisation_id == Organisation.id)
            .join(SupplierCpv).where(SupplierCpv.division.in_(divisions), listed())
            .distinct().order_by(Organisation.name).limit(200)).all()
    seen = {o.id for o in interested}
    return {"interested": list(interested), "matches": [o for o in matches if o.id not in seen]}


def calendar_items_for(user):
    """Everything in a user's personal feed: their organisations' registrations and bookings
    (supplier side) and their organisations' events and booked meetings (buyer side)."""
    from portal.dialogue.calendar import booking_item, conference_item, registration_item
    from portal.needs.models import Need

    org_ids = [m.organisation_id for m in verified_memberships(user)]
    if not org_ids:
        return []
    items = []
    for reg in db.session.scalars(select(Registration).where(
            Registration.organisation_id.in_(org_ids),
            or_(Registration.active.is_(True), Registration.cancelled_dt.is_not(None)))):
        if reg.event.starts_dt and (reg.is_confirmed or not reg.active):
            items.append(registration_item(reg))
    for booking in db.session.scalars(select(Booking).where(Booking.organisation_id.in_(org_ids))):
        items.append(booking_item(booking))
    for event in db.session.scalars(select(DialogueEvent).join(Need).where(Need.organisation_id.in_(org_ids))):
        if event.starts_dt:
            items.append(conference_item(event))
        for slot in event.slots:
            for booking in slot.bookings:
                items.append(booking_item(booking, for_buyer=True))
    return items
