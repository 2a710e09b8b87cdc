"""Every .ics parsed back with icalendar: time zone, UID, organizer, location/link, cancellation."""

from datetime import date, time

from icalendar import Calendar

from portal.db import db
from portal.dialogue import booking as bs
from portal.dialogue.calendar import booking_item, build_ics, google_link, outlook_link, registration_item
from portal.dialogue.registration import cancel_registration, register
from tests.dialogue.conftest import add_window, deliver


def parse(data) -> tuple[Calendar, list]:
    cal = Calendar.from_ical(data)
    return cal, [c for c in cal.walk("VEVENT")]


def test_registration_ics_has_oslo_time_zone_and_stable_uid(world, client, login):
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    db.session.commit()
    login(client, world.suppliers[0], world.orgs[0])
    first = client.get(f"/arrangementer/{world.event.id}/pamelding.ics")
    assert first.status_code == 200 and first.mimetype == "text/calendar"
    cal, (ev,) = parse(first.data)
    assert str(cal["method"]) == "PUBLISH"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert ev["dtstart"].params["TZID"] == "Europe/Oslo"
    assert ev.decoded("dtstart") == world.event.starts_dt
    assert str(ev["uid"]) == f"registration-{reg.id}@moteplassen.no"
    assert "innkjop@kommune.no" in str(ev["organizer"])
    assert "Rådhusgata 1" in str(ev["location"]) and "meet.example.no" in str(ev["location"])
    assert str(ev["url"]).endswith(f"/arrangementer/{world.event.id}")
    assert str(ev["status"]) == "CONFIRMED"
    _, (again,) = parse(client.get(f"/arrangementer/{world.event.id}/pamelding.ics").data)
    assert str(again["uid"]) == str(ev["uid"])


def test_booking_ics_on_dst_day_and_cancellation(world, mailbox):
    world.event.registration_deadline_dt = world.event.registration_deadline_dt.replace(year=2026, month=10, day=24)
    add_window(world, day=date(2026, 10, 25), start=time(9), end=time(10), slot=45, brk=0)
    # The event date is in the past of "now" only if the test runs after 2026-10-25; build the item directly.
    slot = world.event.slots[0]
    from portal.dialogue.models import Booking

    booking = Booking(slot=slot, event=world.event, organisation_id=world.orgs[0].id)
    db.session.add(booking)
    db.session.commit()
    _, (ev,) = parse(build_ics([booking_item(booking)]))
    start = ev.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset().total_seconds() == 3600  # CET on 25 Oct
    assert start.hour == 9 and (ev.decoded("dtend") - start).total_seconds() == 45 * 60
    bs.buyer_cancel_booking(world.buyer, booking, "Sykdom")
    db.session.commit()
    deliver()
    mail = [m for m in mailbox.to("lev1@firma.no") if "avlyst" in m["Subject"]][0]
    att = next(mail.iter_attachments())
    assert att.get_content_type() == "text/calendar"
    cal, (cancelled,) = parse(att.get_content())
    assert str(cal["method"]) == "CANCEL" and str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["uid"]) == str(ev["uid"]) and int(cancelled["sequence"]) > int(ev["sequence"])


def test_confirmation_mail_carries_ics_and_cancel_sends_cancel(world, mailbox):
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    db.session.commit()
    cancel_registration(world.suppliers[0], reg)
    db.session.commit()
    deliver()
    mails = mailbox.to("lev1@firma.no")
    confirm = next(m for m in mails if m["Subject"].startswith("Påmeldt"))
    cal, (ev,) = parse(next(confirm.iter_attachments()).get_content())
    assert str(cal["method"]) == "PUBLISH"
    cancel = next(m for m in mails if m["Subject"].startswith("Avmeldt"))
    cal2, (ev2,) = parse(next(cancel.iter_attachments()).get_content())
    assert str(cal2["method"]) == "CANCEL" and str(ev2["uid"]) == str(ev["uid"])


def test_digital_link_not_in_ics_for_waitlisted(world):
    world.event.capacity_orgs = 1
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    waiting = register(world.suppliers[1], world.orgs[1], world.event, [("Pål", "")])
    db.session.commit()
    item = registration_item(waiting)
    assert "meet.example.no" not in item.location and "meet.example.no" not in item.description


def test_personal_feed_behind_secret_token(world, client, login):
    add_window(world)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0])
    db.session.commit()
    login(client, world.suppliers[0], world.orgs[0])
    assert "Lag kalenderadresse" in client.get("/kalender").get_data(as_text=True)
    client.post("/kalender/ny-adresse")
    db.session.expire_all()
    token = world.suppliers[0].calendar_token
    assert token and token in client.get("/kalender").get_data(as_text=True)
    anon = client.application.test_client()
    feed = anon.get(f"/kalender/{token}.ics")
    assert feed.status_code == 200
    _, events = parse(feed.data)
    assert {str(e["uid"]).split("-")[0] for e in events} == {"registration", "booking"}
    assert anon.get("/kalender/" + "x" * 43 + ".ics").status_code == 404
    # The buyer's feed holds the conference and the booked meeting.
    world.buyer.calendar_token = "b" * 43
    db.session.commit()
    _, buyer_events = parse(anon.get("/kalender/" + "b" * 43 + ".ics").data)
    assert {str(e["uid"]).split("-")[0] for e in buyer_events} == {"event", "booking"}


def test_google_and_outlook_links(world):
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    item = registration_item(reg)
    g, o = google_link(item), outlook_link(item)
    stamp = world.event.starts_dt.strftime("%Y%m%dT%H%M%SZ")
    assert g.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE") and stamp in g
    assert o.startswith("https://outlook.office.com/calendar/") and "startdt=" in o
