"""Conference registration: named participants, capacity, waitlist and automatic promotion."""

from datetime import timedelta

import pytest

from portal.db import db, utcnow
from portal.dialogue.models import RegistrationStatus
from portal.dialogue.registration import cancel_registration, free_places, register, update_participants
from portal.dialogue.services import DialogueError
from tests.conftest import PG_URL, mail_text
from tests.dialogue.conftest import deliver


def test_capacity_in_people_then_waitlist_then_promotion(world, mailbox):
    world.event.capacity_people = 3
    a = register(world.suppliers[0], world.orgs[0], world.event, [("A1", ""), ("A2", "")])
    b = register(world.suppliers[1], world.orgs[1], world.event, [("B1", ""), ("B2", "")])
    c = register(world.suppliers[2], world.orgs[2], world.event, [("C1", "")])
    db.session.commit()
    assert a.status == RegistrationStatus.CONFIRMED
    assert b.status == RegistrationStatus.WAITLISTED  # 2 + 2 > 3
    # Strict first come, first served: C fits but waits behind B.
    assert c.status == RegistrationStatus.WAITLISTED
    assert free_places(world.event)["people"] == 1
    deliver()
    mailbox_before = len(mailbox.to("lev2@firma.no"))
    promoted = cancel_registration(world.suppliers[0], a)
    db.session.commit()
    assert promoted == [b, c] and b.is_confirmed and c.is_confirmed
    deliver()
    told = mailbox.to("lev2@firma.no")[mailbox_before:]
    assert told and "fått plass" in told[0]["Subject"]
    assert "nå påmeldt" in mail_text(told[0])
    assert next(told[0].iter_attachments()).get_content_type() == "text/calendar"


def test_capacity_in_organisations(world):
    world.event.capacity_orgs = 1
    register(world.suppliers[0], world.orgs[0], world.event, [("A", "")])
    second = register(world.suppliers[1], world.orgs[1], world.event, [("B", "")])
    assert second.status == RegistrationStatus.WAITLISTED


def test_max_per_org_and_double_registration(world):
    world.event.max_per_org = 2
    with pytest.raises(DialogueError, match="høyst 2"):
        register(world.suppliers[0], world.orgs[0], world.event, [("A", ""), ("B", ""), ("C", "")])
    register(world.suppliers[0], world.orgs[0], world.event, [("A", "")])
    with pytest.raises(DialogueError, match="allerede påmeldt"):
        register(world.suppliers[0], world.orgs[0], world.event, [("A", "")])


def test_deadline_stops_registration_and_cancellation(world):
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("A", "")])
    world.event.registration_deadline_dt = utcnow() - timedelta(minutes=1)
    with pytest.raises(DialogueError, match="Fristen"):
        cancel_registration(world.suppliers[0], reg)
    with pytest.raises(DialogueError, match="fristen"):
        register(world.suppliers[1], world.orgs[1], world.event, [("B", "")])


def test_more_participants_must_still_fit(world):
    world.event.capacity_people = 2
    reg = register(world.suppliers[0], world.orgs[0], world.event, [("A", "")])
    with pytest.raises(DialogueError, match="ikke plass"):
        update_participants(world.suppliers[0], reg, [("A", ""), ("B", ""), ("C", "")])
    update_participants(world.suppliers[0], reg, [("A", ""), ("B", "")])
    assert [p.name for p in reg.participants] == ["A", "B"]


def test_registration_page_flow(world, client, login, mailbox):
    login(client, world.suppliers[0], world.orgs[0])
    page = client.get(f"/arrangementer/{world.event.id}/pamelding")
    assert page.status_code == 200
    bad = client.post(f"/arrangementer/{world.event.id}/pamelding", data={"participants": "Per, per@"})
    assert "Kontroller linjen" in bad.get_data(as_text=True)
    ok = client.post(f"/arrangementer/{world.event.id}/pamelding",
                     data={"participants": "Per Hansen, per@firma.no\nKari Olsen"}, follow_redirects=True)
    assert "Dere er påmeldt" in ok.get_data(as_text=True)
    (mail,) = mailbox.to("lev1@firma.no")
    assert "Per Hansen, Kari Olsen" in mail_text(mail)
    assert next(mail.iter_attachments()).get_filename() == "invitasjon.ics"
    out = client.post(f"/arrangementer/{world.event.id}/pamelding/avmeld", follow_redirects=True)
    assert "Dere er meldt av" in out.get_data(as_text=True)


def test_buyer_cannot_register_as_supplier(world, client, login):
    login(client, world.buyer, world.buyer_org)
    assert client.get(f"/arrangementer/{world.event.id}/pamelding").status_code == 403


@pytest.mark.skipif(not PG_URL, reason="real concurrent writers need PostgreSQL")
def test_concurrent_registrations_never_exceed_capacity(world, app):
    import threading

    from portal.auth.models import User
    from portal.dialogue.models import DialogueEvent, Registration
    from portal.organisations.models import Organisation
    from tests.dialogue.conftest import make_user
    from tests.factories import make_org

    world.event.capacity_people = 3
    pairs = []
    for i in range(8):
        u = make_user(email=f"kø{i}@firma.no")
        pairs.append((u.id, make_org(kind="bedrift", admins=[u]).id))
    event_id = world.event.id
    db.session.commit()
    barrier, errors = threading.Barrier(len(pairs)), []

    def attempt(user_id, org_id):
        with app.test_request_context("/"):
            try:
                user, org = db.session.get(User, user_id), db.session.get(Organisation, org_id)
                event = db.session.get(DialogueEvent, event_id)
                _ = event.need, event.registrations
                barrier.wait(timeout=30)
                register(user, org, event, [("Navn", "")])
                db.session.commit()
            except Exception as exc:  # noqa: BLE001
                barrier.abort()
                errors.append(repr(exc))
            finally:
                from flask import g

                g.pop("mail_queued", None)
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=p) for p in pairs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    db.session.expire_all()
    statuses = db.session.scalars(db.select(Registration.status)).all()
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITLISTED) == 5
