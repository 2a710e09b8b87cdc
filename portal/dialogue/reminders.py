"""Reminder mail before conferences and meetings, claimed atomically so it goes out once."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _
from sqlalchemy import select, update

from portal.db import db, utcnow
from portal.dialogue.models import (
    Booking,
    DialogueEvent,
    EventStatus,
    MeetingSlot,
    Registration,
    RegistrationStatus,
)
from portal.dialogue.notify import WHEN, event_url, notify, org_recipients
from portal.i18n import oslo_datetime

# Longest reminder lead time we look for (an event may ask for up to a week).
MAX_LEAD = timedelta(days=8)


def _due_registrations(now):
    return db.session.scalars(
        select(Registration.id).join(DialogueEvent).where(
            Registration.active.is_(True), Registration.status == RegistrationStatus.CONFIRMED,
            Registration.reminder_sent_dt.is_(None), DialogueEvent.status == EventStatus.PUBLISHED,
            DialogueEvent.reminder_hours > 0, DialogueEvent.starts_dt > now,
            DialogueEvent.starts_dt <= now + MAX_LEAD)).all()


def _due_bookings(now):
    return db.session.scalars(
        select(Booking.id).join(MeetingSlot).join(DialogueEvent, Booking.event_id == DialogueEvent.id).where(
            Booking.active.is_(True), Booking.reminder_sent_dt.is_(None),
            DialogueEvent.status == EventStatus.PUBLISHED, DialogueEvent.reminder_hours > 0,
            MeetingSlot.starts_dt > now, MeetingSlot.starts_dt <= now + MAX_LEAD)).all()


def _claim(model, row_id, now) -> bool:
    """Set reminder_sent_dt only if nobody else did: the UPDATE's WHERE is the lock."""
    result = db.session.execute(
        update(model).where(model.id == row_id, model.reminder_sent_dt.is_(None), model.active.is_(True))
        .values(reminder_sent_dt=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def send_reminders(now=None) -> int:
    """Queue every due reminder; each claim and its mail commit together. Return how many were sent."""
    now = now or utcnow()
    sent = 0
    for reg_id in _due_registrations(now):
        reg = db.session.get(Registration, reg_id)
        if reg.event.starts_dt - timedelta(hours=reg.event.reminder_hours) > now:
            continue
        if _claim(Registration, reg_id, now):
            _mail(reg.organisation, reg.registered_by, reg.event, reg.event.starts_dt)
            sent += 1
        db.session.commit()
    for booking_id in _due_bookings(now):
        booking = db.session.get(Booking, booking_id)
        if booking.slot.starts_dt - timedelta(hours=booking.event.reminder_hours) > now:
            continue
        if _claim(Booking, booking_id, now):
            _mail(booking.organisation, booking.booked_by, booking.event, booking.slot.starts_dt)
            sent += 1
        db.session.commit()
    return sent


def _mail(org, user, event, starts_dt) -> None:
    with force_locale((user.locale if user else None) or "nb"):
        when = oslo_datetime(starts_dt, WHEN)
        notify(org_recipients(org, user), _("Påminnelse: %(t)s", t=event.title),
               [_("Påminnelse om «%(t)s» %(when)s.", t=event.title, when=when)], event_url(event))
