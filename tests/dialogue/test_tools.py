"""Buyer tools: availability page, meeting page, participant list, attendance, CSV; dashboards; API."""

import csv
import io

from portal.db import db
from portal.dialogue import booking as bs
from portal.dialogue.models import Booking, Participant
from portal.dialogue.queries import upcoming_for
from portal.dialogue.registration import register
from tests.dialogue.conftest import add_window


def test_availability_page_generates_slots(world, client, login):
    login(client, world.buyer, world.buyer_org)
    assert client.get(f"/arrangementer/{world.event.id}/tilgjengelighet").status_code == 200
    resp = client.post(f"/arrangementer/{world.event.id}/tilgjengelighet", data={
        "day": "2027-10-31", "start_time": "09:00", "end_time": "12:00", "slot_minutes": "45",
        "break_minutes": "15", "rooms": "2"}, follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "møtetidene er laget" in html and "09:00" in html and "11:00" in html
    db.session.expire_all()
    assert len(world.event.slots) == 6
    bad = client.post(f"/arrangementer/{world.event.id}/tilgjengelighet", data={
        "day": "2027-03-28", "start_time": "02:30", "end_time": "01:00", "slot_minutes": "45",
        "break_minutes": "15", "rooms": "1"}).get_data(as_text=True)
    assert "Klokkeslettet finnes ikke" in bad and "Slutt må være etter start." in bad


def test_supplier_cannot_open_buyer_tools(world, client, login):
    login(client, world.suppliers[0], world.orgs[0])
    for path in ("tilgjengelighet", "deltakere", "deltakere.csv", "inviter", "rediger"):
        assert client.get(f"/arrangementer/{world.event.id}/{path}").status_code == 403, path


def test_meeting_page_roles_minutes_and_cancel(world, client, login, mailbox):
    add_window(world)
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0], {"topic": "Robotvask"})
    db.session.commit()
    login(client, world.buyer, world.buyer_org)
    url = f"/arrangementer/{world.event.id}/moter/{booking.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Robotvask" in page and "Referat" in page
    client.post(url, data={"action": "roles", "roles-answerers": [world.buyer.id],
                           "roles-minute_takers": [world.colleague.id]})
    page = client.get(url).get_data(as_text=True)
    assert "Referent: Ola Kollega" in page
    empty = client.post(url + "/avlys", data={"cancel-reason": ""})
    assert empty.status_code == 400 and "Skriv en begrunnelse." in empty.get_data(as_text=True)
    client.post(url + "/avlys", data={"cancel-reason": "Vi må flytte"})
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).active is None
    assert any("Vi må flytte" in m.get_body(preferencelist=("plain",)).get_content() for m in mailbox.to("lev1@firma.no"))


def test_participants_attendance_and_csv(world, client, login):
    add_window(world)
    register(world.suppliers[0], world.orgs[0], world.event, [("=HYPERLINK(\"x\")", "per@firma.no"), ("Kari", "")])
    booking = bs.book_slot(world.suppliers[1], world.orgs[1], world.event.slots[0], {"participants_text": "Pål"})
    db.session.commit()
    login(client, world.buyer, world.buyer_org)
    page = client.get(f"/arrangementer/{world.event.id}/deltakere").get_data(as_text=True)
    assert "Firma 1 AS" in page and "Firma 2 AS" in page and "lev1@firma.no" in page
    p = db.session.scalars(db.select(Participant).where(Participant.name == "Kari")).one()
    client.post(f"/arrangementer/{world.event.id}/deltakere", data={"attended": [f"p{p.id}", f"b{booking.id}"]})
    db.session.expire_all()
    assert db.session.get(Participant, p.id).attended is True
    assert db.session.get(Booking, booking.id).attended is True
    resp = client.get(f"/arrangementer/{world.event.id}/deltakere.csv")
    assert resp.mimetype == "text/csv" and resp.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(resp.data.decode("utf-8-sig")), delimiter=";"))
    names = [r[3] for r in rows[1:]]
    assert "'=HYPERLINK(\"x\")" in names and "Kari" in names and "Pål" in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_upcoming_for_both_sides(world, app):
    add_window(world)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0])
    db.session.commit()
    supplier_items = upcoming_for(world.suppliers[0], world.orgs[0])
    assert [i["kind"] for i in supplier_items] == ["booking", "registration"]
    buyer_items = upcoming_for(world.buyer, world.buyer_org)
    assert buyer_items[0]["event"] is world.event and buyer_items[0]["registered"] == 1
    assert upcoming_for(world.suppliers[1], world.orgs[1]) == []
    from flask import render_template

    html = render_template("dialogue/_upcoming.html", upcoming=supplier_items)
    assert world.event.title in html and "Møte" in html


def test_need_events_partial_renders(world, client, login):
    html = client.get(f"/behov/{world.need.id}/arrangementer").get_data(as_text=True)
    assert world.event.title in html and "Nytt arrangement" not in html
    login(client, world.buyer, world.buyer_org)
    assert "Nytt arrangement" in client.get(f"/behov/{world.need.id}/arrangementer").get_data(as_text=True)


def test_api_public_information_only(world, client):
    from portal.dialogue.services import create_event
    from tests.dialogue.conftest import event_data

    add_window(world)
    hidden = create_event(world.buyer, world.need, event_data(title="Lukket møte", visibility="invited"))
    db.session.commit()
    listing = client.get(f"/api/v1/needs/{world.need.id}/events")
    assert listing.status_code == 200
    body = listing.get_json()
    assert [e["title"] for e in body["events"]] == [world.event.title]
    one = client.get(f"/api/v1/events/{world.event.id}").get_json()
    assert one["free_slots"] == 3 and one["free_places"] == {"people": None, "organisations": None}
    assert "meet.example.no" not in listing.get_data(as_text=True) + str(one)
    assert client.get(f"/api/v1/events/{hidden.id}").status_code == 404
    missing = client.get("/api/v1/events/99999999999999999999")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
