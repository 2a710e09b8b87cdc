"""`flask reminders send`: due reminders once, never for cancelled ones, also when run concurrently."""

import threading
from datetime import timedelta

from sqlalchemy import func, select

from portal.db import db, utcnow
from portal.dialogue import booking as bs
from portal.dialogue.models import MeetingSlot
from portal.dialogue.registration import cancel_registration, register
from portal.dialogue.reminders import send_reminders
from portal.notifications.models import OutgoingMail
from tests.conftest import mail_text
from tests.dialogue.conftest import add_window


def reminder_count(address=None):
    stmt = select(func.count()).select_from(OutgoingMail).where(OutgoingMail.subject.like("Påminnelse%"))
    if address:
        stmt = stmt.where(OutgoingMail.to_address == address)
    return db.session.scalar(stmt)


def make_due(world):
    """A conference in 20 hours (reminder 24 h) and a booked meeting in 2 hours."""
    world.event.starts_dt = utcnow() + timedelta(hours=20)
    world.event.ends_dt = world.event.starts_dt + timedelta(hours=2)
    world.event.registration_deadline_dt = utcnow() + timedelta(hours=1)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    add_window(world, day=utcnow().date())
    slot = MeetingSlot(event=world.event, starts_dt=utcnow() + timedelta(hours=2),
                       ends_dt=utcnow() + timedelta(hours=3), room=9)
    db.session.add(slot)
    db.session.flush()
    bs.book_slot(world.suppliers[1], world.orgs[1], slot)
    db.session.commit()


def test_reminders_sent_once(world, runner, mailbox):
    make_due(world)
    result = runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "2 påminnelser sendt" in result.output
    db.session.expire_all()
    assert reminder_count("lev1@firma.no") == 1 and reminder_count("lev2@firma.no") == 1
    arrived = [m for m in mailbox.to("lev2@firma.no") if m["Subject"].startswith("Påminnelse")]
    assert len(arrived) == 1 and "Påminnelse om «Dialogkonferanse om renhold»" in mail_text(arrived[0])
    again = runner.invoke(args=["reminders", "send"])
    assert "0 påminnelser sendt" in again.output
    assert reminder_count() == 2


def test_not_yet_due_and_cancelled_get_none(world):
    world.event.reminder_hours = 1  # conference in 10 days: not due
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    db.session.commit()
    assert send_reminders() == 0
    world.event.reminder_hours = 24 * 7
    world.event.starts_dt = utcnow() + timedelta(hours=30)
    db.session.commit()
    cancel_registration(world.suppliers[0], reg)
    db.session.commit()
    assert send_reminders() == 0 and reminder_count() == 0


def test_zero_hours_means_no_reminder(world):
    world.event.reminder_hours = 0
    world.event.starts_dt = utcnow() + timedelta(hours=2)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    db.session.commit()
    assert send_reminders() == 0


def test_concurrent_runs_never_send_twice(world, app):
    make_due(world)
    barrier = threading.Barrier(4)
    counts, errors = [], []

    def run():
        with app.test_request_context("/"):
            try:
                barrier.wait()
                counts.append(send_reminders())
            except Exception as exc:  # noqa: BLE001 - report, the assertion below fails
                errors.append(repr(exc))
            finally:
                from flask import g

                g.pop("mail_queued", None)
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(counts) == 2
    db.session.expire_all()
    assert reminder_count("lev1@firma.no") == 1 and reminder_count("lev2@firma.no") == 1
