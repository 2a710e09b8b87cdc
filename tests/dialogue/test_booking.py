"""Booking one-to-one meetings: one per slot, one per organisation, enforced by the database."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.db import db, utcnow
from portal.dialogue import booking as bs
from portal.dialogue.models import Booking, BookingStatus, MeetingSlot
from portal.dialogue.services import DialogueError
from tests.conftest import PG_URL, mail_text
from tests.dialogue.conftest import add_window, deliver


def test_window_generates_slots_and_booking_works(world, mailbox):
    add_window(world, rooms=2)
    slots = world.event.slots
    assert len(slots) == 6
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], slots[0], {"topic": "Robotvask"})
    db.session.commit()
    assert booking.active is True and booking.status == BookingStatus.ACTIVE
    deliver()
    (mail,) = mailbox.to("lev1@firma.no")
    assert "Møte booket" in mail["Subject"]
    assert any(p.get_filename() == "mote.ics" for p in mail.iter_attachments())


def test_same_slot_twice_gives_clear_message(world):
    add_window(world)
    slot = world.event.slots[0]
    bs.book_slot(world.suppliers[0], world.orgs[0], slot)
    db.session.commit()
    with pytest.raises(DialogueError, match="Tidspunktet ble nettopp booket av noen andre"):
        bs.book_slot(world.suppliers[1], world.orgs[1], slot)


def test_one_booking_per_organisation_and_rebooking_moves_it(world):
    add_window(world)
    first, second = world.event.slots[0], world.event.slots[1]
    old = bs.book_slot(world.suppliers[0], world.orgs[0], first)
    db.session.commit()
    new = bs.book_slot(world.suppliers[0], world.orgs[0], second)
    db.session.commit()
    db.session.expire_all()
    assert old.active is None and old.status == BookingStatus.CANCELLED
    assert new.active is True and new.slot_id == second.id
    # The freed slot can be booked by someone else.
    bs.book_slot(world.suppliers[1], world.orgs[1], first)
    db.session.commit()


def test_database_refuses_two_live_bookings_of_one_slot(world):
    """The constraint holds without the Python checks (SQLite and PostgreSQL)."""
    add_window(world)
    slot = world.event.slots[0]
    db.session.add(Booking(slot=slot, event=world.event, organisation_id=world.orgs[0].id))
    db.session.commit()
    db.session.add(Booking(slot=slot, event=world.event, organisation_id=world.orgs[1].id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_database_refuses_two_live_bookings_for_one_organisation(world):
    add_window(world)
    a, b = world.event.slots[:2]
    db.session.add(Booking(slot=a, event=world.event, organisation_id=world.orgs[0].id))
    db.session.commit()
    db.session.add(Booking(slot=b, event=world.event, organisation_id=world.orgs[0].id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_cancelled_bookings_do_not_block(world):
    add_window(world)
    slot = world.event.slots[0]
    for org in world.orgs:
        old = Booking(slot=slot, event=world.event, organisation_id=org.id)
        db.session.add(old)
        db.session.flush()
        old.status, old.active = BookingStatus.CANCELLED, None
        db.session.flush()
    db.session.add(Booking(slot=slot, event=world.event, organisation_id=world.orgs[0].id))
    db.session.commit()
    assert db.session.scalar(select(Booking).where(Booking.active.is_(True))).slot_id == slot.id


def test_cancel_until_deadline_then_refused(world):
    add_window(world)
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0])
    world.event.registration_deadline_dt = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(DialogueError, match="Fristen"):
        bs.cancel_booking(world.suppliers[0], booking)
    with pytest.raises(DialogueError, match="Fristen"):
        bs.book_slot(world.suppliers[1], world.orgs[1], world.event.slots[1])


def test_buyer_cancels_with_reason_and_supplier_is_told(world, mailbox):
    add_window(world)
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0])
    db.session.commit()
    bs.buyer_cancel_booking(world.buyer, booking, "Saksbehandler er syk")
    db.session.commit()
    deliver()
    mails = mailbox.to("lev1@firma.no")
    cancel = [m for m in mails if "avlyst" in m["Subject"]]
    assert cancel and "Saksbehandler er syk" in mail_text(cancel[0])
    ics = next(p for p in cancel[0].iter_attachments()).get_content()
    assert "METHOD:CANCEL" in ics


def test_roles_and_minutes_template(world):
    add_window(world)
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0], {"topic": "Robotvask"})
    from portal.dialogue.models import MeetingRole

    bs.set_roles(world.buyer, booking, {MeetingRole.ANSWERER: [world.buyer.id], MeetingRole.MINUTE_TAKER: [world.colleague.id]})
    db.session.commit()
    text = bs.minutes_template(booking)
    assert "Svarer: Kari Kjøper" in text and "Referent: Ola Kollega" in text and "Robotvask" in text


def test_booking_view_reports_taken_slot_without_500(world, client, login):
    add_window(world)
    slot = world.event.slots[0]
    bs.book_slot(world.suppliers[0], world.orgs[0], slot)
    db.session.commit()
    login(client, world.suppliers[1], world.orgs[1])
    resp = client.post(f"/arrangementer/{world.event.id}/moter/{slot.id}/book", data={}, follow_redirects=True)
    assert resp.status_code == 200
    assert "Tidspunktet ble nettopp booket av noen andre" in resp.get_data(as_text=True)


def test_booking_view_books_and_shows_meeting(world, client, login):
    add_window(world)
    slot = world.event.slots[1]
    login(client, world.suppliers[1], world.orgs[1])
    page = client.get(f"/arrangementer/{world.event.id}/moter")
    assert page.status_code == 200 and "Book et en-til-en-møte" in page.get_data(as_text=True)
    resp = client.post(f"/arrangementer/{world.event.id}/moter/{slot.id}/book",
                       data={"participants_text": "Per", "topic": ""}, follow_redirects=True)
    assert resp.status_code == 200
    assert "Møtet er booket" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(MeetingSlot, slot.id).active_booking.organisation_id == world.orgs[1].id


@pytest.mark.skipif(not PG_URL, reason="real concurrent writers need PostgreSQL")
def test_many_threads_book_the_same_slot_exactly_one_wins(world, app):
    add_window(world)
    from tests.dialogue.conftest import make_user
    from tests.factories import make_org

    users, orgs = [], []
    for i in range(12):
        u = make_user(email=f"rush{i}@firma.no")
        users.append(u.id)
        orgs.append(make_org(kind="bedrift", admins=[u]).id)
    db.session.commit()
    slot_id = world.event.slots[0].id
    barrier = threading.Barrier(len(orgs))
    results: list[str] = []
    lock = threading.Lock()

    def attempt(user_id, org_id):
        from portal.auth.models import User
        from portal.organisations.models import Organisation

        with app.test_request_context("/"):
            user, org = db.session.get(User, user_id), db.session.get(Organisation, org_id)
            slot = db.session.get(MeetingSlot, slot_id)
            _ = slot.bookings, slot.event.need  # load before the race starts
            barrier.wait()
            try:
                bs.book_slot(user, org, slot)
                db.session.commit()
                outcome = "ok"
            except DialogueError as exc:
                db.session.rollback()
                outcome = str(exc)
            except Exception as exc:  # anything else would be a 500
                db.session.rollback()
                outcome = f"ERROR {exc!r}"
            finally:
                db.session.remove()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=a) for a in zip(users, orgs, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results.count("ok") == 1, results
    assert all(r == "ok" or r.startswith("Tidspunktet ble nettopp booket av noen andre") for r in results), results
    db.session.expire_all()
    live = db.session.scalars(select(Booking).where(Booking.slot_id == slot_id, Booking.active.is_(True))).all()
    assert len(live) == 1
