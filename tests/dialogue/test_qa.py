"""Equal treatment: private questions, public anonymous answers, everyone told, information log."""

from portal.db import db
from portal.dialogue.models_qa import Question
from portal.dialogue.qa import answer_question, ask_question
from portal.dialogue.registration import register
from portal.dialogue.services import publish_summary
from tests.conftest import mail_text
from tests.dialogue.conftest import deliver


def test_question_private_until_answered_then_public_and_anonymous(world, client, login, mailbox):
    login(client, world.suppliers[0], world.orgs[0])
    resp = client.post(f"/behov/{world.need.id}/sporsmal", data={"question": "Kan vi levere delvis?"},
                       follow_redirects=True)
    assert "Spørsmålet er sendt" in resp.get_data(as_text=True)
    assert "Kan vi levere delvis?" in resp.get_data(as_text=True)  # the asker sees their own
    assert mailbox.to("innkjop@kommune.no")
    other = client.application.test_client()
    login(other, world.suppliers[1], world.orgs[1])
    assert "Kan vi levere delvis?" not in other.get(f"/behov/{world.need.id}/sporsmal").get_data(as_text=True)
    q = db.session.scalar(db.select(Question))
    buyer = client.application.test_client()
    login(buyer, world.buyer, world.buyer_org)
    page = buyer.get(f"/behov/{world.need.id}/sporsmal").get_data(as_text=True)
    assert "Kan vi levere delvis?" in page and "Firma 1 AS" in page  # the buyer knows who asked
    resp = buyer.post(f"/behov/{world.need.id}/sporsmal/{q.id}/svar",
                      data={"question": "Kan man levere på deler av behovet?", "answer": "Ja, vi deler i to."})
    assert resp.status_code == 302
    public = client.application.test_client().get(f"/behov/{world.need.id}/sporsmal").get_data(as_text=True)
    assert "Kan man levere på deler av behovet?" in public and "Ja, vi deler i to." in public
    assert "Firma 1 AS" not in public
    log = client.application.test_client().get(f"/behov/{world.need.id}/informasjonslogg").get_data(as_text=True)
    assert "Nytt svar" in log and "Kan man levere på deler av behovet?" in log


def test_answer_is_told_to_registered_and_interested(world, mailbox):
    from portal.suppliers.models import Interest

    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
    db.session.add(Interest(need_id=world.need.id, organisation_id=world.orgs[1].id, user_id=world.suppliers[1].id))
    q = ask_question(world.suppliers[2], world.orgs[2], world.need, "Hva med miljøkrav?")
    db.session.commit()
    deliver()
    answer_question(world.buyer, q, "Vi bruker Svanemerket.")
    db.session.commit()
    deliver()
    for addr in ("lev1@firma.no", "lev2@firma.no", "lev3@firma.no"):
        assert any("Nytt svar" in m["Subject"] for m in mailbox.to(addr)), addr
    text = mail_text(next(m for m in mailbox.to("lev1@firma.no") if "Nytt svar" in m["Subject"]))
    assert "Firma 3" not in text


def test_summary_published_to_all_and_logged(world, client, login):
    publish_summary(world.buyer, world.event, "## Referat\nTakk for sist")
    db.session.commit()
    page = client.get(f"/arrangementer/{world.event.id}").get_data(as_text=True)
    assert "Takk for sist" in page
    log = client.get(f"/behov/{world.need.id}/informasjonslogg").get_data(as_text=True)
    assert "Referat publisert" in log and "Nytt arrangement" in log


def test_buyers_cannot_ask_and_suppliers_cannot_answer(world, client, login):
    q = ask_question(world.suppliers[0], world.orgs[0], world.need, "Spørsmål?")
    db.session.commit()
    login(client, world.buyer, world.buyer_org)
    assert client.post(f"/behov/{world.need.id}/sporsmal", data={"question": "x"}).status_code == 403
    login(client, world.suppliers[1], world.orgs[1])
    assert client.post(f"/behov/{world.need.id}/sporsmal/{q.id}/svar", data={"question": "x", "answer": "y"}).status_code == 403


def test_empty_question_shows_error(world, client, login):
    login(client, world.suppliers[0], world.orgs[0])
    html = client.post(f"/behov/{world.need.id}/sporsmal", data={"question": " "}).get_data(as_text=True)
    assert "Skriv spørsmålet." in html


def test_summary_of_invited_only_event_is_readable_by_all(world, client):
    world.event.visibility = "invited"
    db.session.commit()
    assert client.get(f"/arrangementer/{world.event.id}").status_code == 404
    publish_summary(world.buyer, world.event, "Oppsummering for alle")
    db.session.commit()
    page = client.get(f"/arrangementer/{world.event.id}").get_data(as_text=True)
    assert "Oppsummering for alle" in page and "meet.example.no" not in page
