"""Every .ics parsed back with icalendar: time zone, UID, organizer, location/link, cancellation."""

from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar

from portal.db import db
from portal.dialogue import booking as bs
from portal.dialogue.calendar import (
    CalItem,
    booking_item,
    build_ics,
    google_link,
    outlook_link,
    registration_item,
)
from portal.dialogue.registration import cancel_registration, register
from portal.dialogue.slots import OSLO, wall_time_problem
from tests.dialogue.conftest import add_window, deliver, make_user


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
    assert str(cancelled["attendee"]) == "mailto:post@example.no"  # nobody booked it by hand: the organisation


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


def test_oslo_vtimezone_is_a_yearly_rule_read_back_like_zoneinfo():
    """ical.js reads only the first RDATE of a list: the zone must be two RRULEs, right every year."""
    cal = Calendar.from_ical(build_ics([]))
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["tzid"]) == "Europe/Oslo" and "RDATE" not in vtz.to_ical().decode()
    rules = {c.name: c["rrule"] for c in vtz.subcomponents}
    assert rules == {"DAYLIGHT": {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]},
                     "STANDARD": {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}}
    by_rules = vtz.to_tz(lookup_tzid=False)
    for year in range(2026, 2046):  # each clock change ±2 hours, and midsummer and midwinter noon
        instants = [datetime(year, m, d, h, tzinfo=UTC) for m, d, h in ((1, 15, 11), (6, 15, 10))]
        for month in (3, 10):
            change = max(datetime(year, month, d, 1, tzinfo=UTC) for d in range(25, 32)
                         if date(year, month, d).weekday() == 6)
            instants += [change + timedelta(minutes=m) for m in range(-120, 121, 15)]
        for instant in instants:
            assert instant.astimezone(by_rules).utcoffset() == instant.astimezone(OSLO).utcoffset(), instant
            wall = instant.astimezone(OSLO).replace(tzinfo=None)
            if wall_time_problem(wall.date(), wall.time()) is None:
                assert wall.replace(tzinfo=by_rules).astimezone(UTC) == instant, wall


def test_empty_feed_is_a_calendar_with_a_component(world, client):
    user = make_user("tom@firma.no")
    user.calendar_token = "t" * 43
    db.session.commit()
    resp = client.get("/kalender/" + "t" * 43 + ".ics")
    assert resp.status_code == 200
    cal, events = parse(resp.data)
    assert events == [] and [c.name for c in cal.subcomponents] == ["VTIMEZONE"]


def test_cancelled_booking_ics_downloads_as_cancel_for_the_supplier(world, client, login):
    add_window(world)
    bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0])
    db.session.commit()
    login(client, world.suppliers[0], world.orgs[0])
    _, (booked,) = parse(client.get(f"/arrangementer/{world.event.id}/mote.ics").data)
    assert "attendee" not in booked  # PUBLISH names no attendees (RFC 5546 3.2.1)
    client.post(f"/arrangementer/{world.event.id}/moter/avbestill")
    resp = client.get(f"/arrangementer/{world.event.id}/mote.ics")
    assert resp.status_code == 200 and resp.mimetype == "text/calendar"
    cal, (cancel,) = parse(resp.data)
    assert str(cal["method"]) == "CANCEL" and str(cancel["status"]) == "CANCELLED"
    assert str(cancel["uid"]) == str(booked["uid"]) and int(cancel["sequence"]) > int(booked["sequence"])
    assert "innkjop@kommune.no" in str(cancel["organizer"])
    assert str(cancel["attendee"]) == "mailto:lev1@firma.no"
    other = client.application.test_client()
    login(other, world.suppliers[1], world.orgs[1])
    assert other.get(f"/arrangementer/{world.event.id}/mote.ics").status_code == 404


def test_cancelled_registration_ics_names_its_participants(world, client, login):
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no"), ("Siri", "")])
    db.session.commit()
    cancel_registration(world.suppliers[0], reg)
    db.session.commit()
    login(client, world.suppliers[0], world.orgs[0])
    resp = client.get(f"/arrangementer/{world.event.id}/pamelding.ics")
    assert resp.status_code == 200
    cal, (cancel,) = parse(resp.data)
    assert str(cal["method"]) == "CANCEL" and str(cancel["uid"]) == f"registration-{reg.id}@moteplassen.no"
    assert str(cancel["attendee"]) == "mailto:per@firma.no" and cancel["attendee"].params["CN"] == "Per"


def test_meeting_in_the_repeated_autumn_hour_is_written_as_its_own_instant(world):
    """02:00 happens twice on 25 October 2026; a TZID time means the first, so the second is given in UTC."""
    add_window(world, day=date(2026, 10, 25), start=time(1), end=time(4), slot=45, brk=15)
    starts = [s.starts_dt for s in world.event.slots]
    assert [s.astimezone(OSLO).strftime("%H:%M") for s in starts] == ["01:00", "02:00", "02:00", "03:00"]
    items = [CalItem(uid=f"s{i}", summary="Møte", starts_dt=s, ends_dt=s + timedelta(minutes=45), url="https://x.no")
             for i, s in enumerate(starts)]
    _, events = parse(build_ics(items))
    assert [ev.decoded("dtstart") for ev in events] == starts
    assert [ev.decoded("dtend") for ev in events] == [s + timedelta(minutes=45) for s in starts]
