"""Event pages: create/edit (buyer only), visibility, meeting link, documents, invitations."""

import io
from datetime import timedelta

import icalendar
import pytest

from portal.db import db, utcnow
from portal.dialogue.models import DialogueEvent
from portal.dialogue.registration import register
from tests.dialogue.conftest import deliver, make_need

FORM = {
    "title": "Leverandørmøte om skolemat", "kind": "conference", "format": "physical", "visibility": "public",
    "agenda_md": "Velkommen", "address": "Storgata 1", "meeting_link": "",
    "starts": "2027-03-02T09:00", "ends": "2027-03-02T12:00", "registration_deadline": "2027-03-01T12:00",
    "capacity_people": "40", "capacity_orgs": "", "max_per_org": "2", "reminder_hours": "24",
}


def test_buyer_creates_event_with_times_in_oslo(world, client, login):
    login(client, world.buyer, world.buyer_org)
    resp = client.post(f"/behov/{world.need.id}/arrangementer/ny", data=FORM)
    assert resp.status_code == 302
    event = db.session.scalar(db.select(DialogueEvent).where(DialogueEvent.title == FORM["title"]))
    assert event.starts_dt.isoformat() == "2027-03-02T08:00:00+00:00"  # 09:00 CET
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Leverandørmøte om skolemat" in page and "Storgata 1" in page


def test_form_errors_are_shown_next_to_fields(world, client, login):
    login(client, world.buyer, world.buyer_org)
    data = dict(FORM, format="hybrid", title="", starts="", address="")
    resp = client.post(f"/behov/{world.need.id}/arrangementer/ny", data=data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    for message in ("Skriv en tittel.", "Skriv når konferansen starter.", "Skriv adressen", "Skriv møtelenken"):
        assert message in html
    assert 'aria-invalid="true"' in html and 'id="error-summary"' in html


def test_nonexistent_dst_time_is_refused(world, client, login):
    login(client, world.buyer, world.buyer_org)
    data = dict(FORM, starts="2027-03-28T02:30", ends="2027-03-28T04:00", registration_deadline="2027-03-27T12:00")
    html = client.post(f"/behov/{world.need.id}/arrangementer/ny", data=data).get_data(as_text=True)
    assert "Klokkeslettet finnes ikke denne dagen" in html


@pytest.mark.parametrize(("field", "value", "message"), [
    ("starts", "2027-10-31T02:30", "Klokkeslettet finnes to ganger denne natten"),
    ("ends", "2027-10-31T02:00", "Klokkeslettet finnes to ganger denne natten"),
    ("ends", "2027-03-28T02:00", "Klokkeslettet finnes ikke denne dagen"),
])
def test_skipped_or_repeated_wall_time_is_refused_at_the_field(world, client, login, field, value, message):
    """02:30 on the autumn night happens twice: calendars would read it differently, so it is refused."""
    login(client, world.buyer, world.buyer_org)
    data = dict(FORM, starts="2027-10-31T01:00", ends="2027-10-31T04:00", registration_deadline="2027-10-30T12:00")
    data[field] = value
    resp = client.post(f"/behov/{world.need.id}/arrangementer/ny", data=data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and f'id="{field}-error">{message}' in html
    assert db.session.scalar(db.select(DialogueEvent).where(DialogueEvent.title == FORM["title"])) is None


def test_window_in_the_repeated_autumn_hour_is_refused(world, client, login):
    login(client, world.buyer, world.buyer_org)
    html = client.post(f"/arrangementer/{world.event.id}/tilgjengelighet", data={
        "day": "2027-10-31", "start_time": "02:15", "end_time": "05:00", "slot_minutes": "45",
        "break_minutes": "15", "rooms": "1"}).get_data(as_text=True)
    assert "Klokkeslettet finnes to ganger denne natten" in html
    db.session.expire_all()
    assert world.event.slots == []


@pytest.mark.parametrize("who", ["anonymous", "supplier", "other_buyer"])
def test_only_the_owning_buyer_may_create(world, client, login, who):
    if who == "supplier":
        login(client, world.suppliers[0], world.orgs[0])
    elif who == "other_buyer":
        login(client, world.outsider, world.other_buyer)
    resp = client.post(f"/behov/{world.need.id}/arrangementer/ny", data=FORM)
    assert resp.status_code == (302 if who == "anonymous" else 403)
    if who == "anonymous":
        assert "/logg-inn" in resp.headers["Location"] or "login" in resp.headers["Location"]


def test_unverified_buyer_member_may_not_manage(world, client, login):
    world.buyer_org.verification = "pending"
    db.session.commit()
    login(client, world.buyer, world.buyer_org)
    assert client.get(f"/arrangementer/{world.event.id}/rediger").status_code == 403


def test_unknown_event_is_404(world, client):
    assert client.get("/arrangementer/9999").status_code == 404
    assert client.get("/arrangementer/99999999999999999999").status_code == 404


def test_meeting_link_only_for_registered(world, client, login):
    link = "https://meet.example.no/hemmelig-rom"
    assert link not in client.get(f"/arrangementer/{world.event.id}").get_data(as_text=True)
    login(client, world.suppliers[0], world.orgs[0])
    assert link not in client.get(f"/arrangementer/{world.event.id}").get_data(as_text=True)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    db.session.commit()
    assert link in client.get(f"/arrangementer/{world.event.id}").get_data(as_text=True)


def test_invited_only_event_hidden_from_others(world, client, login):
    world.event.visibility = "invited"
    db.session.commit()
    assert client.get(f"/arrangementer/{world.event.id}").status_code == 404
    login(client, world.suppliers[0], world.orgs[0])
    assert client.get(f"/arrangementer/{world.event.id}").status_code == 404
    assert world.event.title not in client.get(f"/behov/{world.need.id}/arrangementer").get_data(as_text=True)
    from portal.suppliers.models import Interest

    db.session.add(Interest(need_id=world.need.id, organisation_id=world.orgs[0].id))
    db.session.commit()
    login(client, world.buyer, world.buyer_org)
    page = client.get(f"/arrangementer/{world.event.id}/inviter").get_data(as_text=True)
    assert "Firma 1 AS" in page
    client.post(f"/arrangementer/{world.event.id}/inviter", data={"organisations": [world.orgs[0].id]})
    login(client, world.suppliers[0], world.orgs[0])
    assert client.get(f"/arrangementer/{world.event.id}").status_code == 200
    login(client, world.suppliers[1], world.orgs[1])
    assert client.get(f"/arrangementer/{world.event.id}").status_code == 404


def test_invite_by_email_sends_mail(world, client, login, mailbox):
    login(client, world.buyer, world.buyer_org)
    resp = client.post(f"/arrangementer/{world.event.id}/inviter", data={"emails": "ny@leverandor.no, feil@"})
    assert "Ugyldig e-postadresse: feil@" in resp.get_data(as_text=True)
    client.post(f"/arrangementer/{world.event.id}/inviter", data={"emails": "ny@leverandor.no"})
    assert mailbox.to("ny@leverandor.no")
    assert "Invitasjon" in mailbox.to("ny@leverandor.no")[0]["Subject"]


def test_events_of_a_draft_need_are_hidden(world, client, login):
    from portal.needs.models import NeedStatus

    draft = make_need(world.buyer_org, status=NeedStatus.DRAFT)
    db.session.commit()
    assert client.get(f"/behov/{draft.id}/arrangementer").status_code == 404
    login(client, world.buyer, world.buyer_org)
    assert client.get(f"/behov/{draft.id}/arrangementer").status_code == 200


def test_upload_and_download_document(world, client, login):
    login(client, world.buyer, world.buyer_org)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    resp = client.post(f"/arrangementer/{world.event.id}/dokumenter", data={
        "kind": "invitation", "file": (io.BytesIO(pdf), "invitasjon.pdf")}, content_type="multipart/form-data")
    assert resp.status_code == 302
    db.session.expire_all()
    doc = db.session.get(DialogueEvent, world.event.id).documents[0]
    client.get("/")
    login(client, world.suppliers[0], world.orgs[0])
    got = client.get(f"/arrangementer/{world.event.id}/dokumenter/{doc.id}")
    assert got.status_code == 200 and got.data == pdf
    got.close()


def test_bad_upload_gives_message(world, client, login):
    login(client, world.buyer, world.buyer_org)
    resp = client.post(f"/arrangementer/{world.event.id}/dokumenter", data={
        "kind": "slides", "file": (io.BytesIO(b"not a pdf"), "x.pdf")}, content_type="multipart/form-data",
        follow_redirects=True)
    assert "Bare PDF, DOCX, XLSX og ODT" in resp.get_data(as_text=True)


def test_cancel_event_notifies_registered(world, client, login, mailbox):
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    db.session.commit()
    deliver()
    login(client, world.buyer, world.buyer_org)
    assert client.post(f"/arrangementer/{world.event.id}/avlys").status_code == 302
    assert any("Avlyst" in m["Subject"] for m in mailbox.to("lev1@firma.no"))


def test_edit_bumps_calendar_sequence_and_sends_registered_the_updated_ics(world, client, login, mailbox):
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    db.session.commit()
    deliver()
    login(client, world.buyer, world.buyer_org)
    page = client.get(f"/arrangementer/{world.event.id}/rediger").get_data(as_text=True)
    assert world.event.title in page
    data = dict(FORM, kind="both", format="hybrid", meeting_link="https://meet.example.no/x",
                registration_deadline=(utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    assert client.post(f"/arrangementer/{world.event.id}/rediger", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(DialogueEvent, world.event.id).sequence == 1
    deliver()
    changed = [m for m in mailbox.to("lev1@firma.no") if m["Subject"].startswith("Endret:")]
    assert len(changed) == 1
    part = next(p for p in changed[0].walk() if p.get_content_type() == "text/calendar")
    vevent = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1 and "meet.example.no" in vevent["LOCATION"]
    # Saving again without changing time, place or link sends nothing.
    assert client.post(f"/arrangementer/{world.event.id}/rediger", data=data).status_code == 302
    deliver()
    assert len([m for m in mailbox.to("lev1@firma.no") if m["Subject"].startswith("Endret:")]) == 1
