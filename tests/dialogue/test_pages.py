"""Every dialogue page renders (200) for the people who use it; the suite's HTML check sees them all."""

from portal.db import db
from portal.dialogue import booking as bs
from portal.dialogue.qa import answer_question, ask_question
from portal.dialogue.registration import register
from portal.dialogue.services import publish_summary
from tests.dialogue.conftest import add_window


def test_all_pages_render(world, client, login):
    add_window(world, rooms=2)
    register(world.suppliers[0], world.orgs[0], world.event, [("Per", "per@firma.no")])
    booking = bs.book_slot(world.suppliers[0], world.orgs[0], world.event.slots[0], {"topic": "Tema"})
    q = ask_question(world.suppliers[0], world.orgs[0], world.need, "Hva er budsjettet?")
    q2 = ask_question(world.suppliers[1], world.orgs[1], world.need, "Når starter kontrakten?")
    answer_question(world.buyer, q2, "I august.")
    publish_summary(world.buyer, world.event, "Referat")
    db.session.commit()
    e, n = world.event.id, world.need.id
    login(client, world.buyer, world.buyer_org)
    for path in (f"/behov/{n}/arrangementer", f"/behov/{n}/arrangementer/ny", f"/arrangementer/{e}",
                 f"/arrangementer/{e}/rediger", f"/arrangementer/{e}/inviter", f"/arrangementer/{e}/tilgjengelighet",
                 f"/arrangementer/{e}/moter/{booking.id}", f"/arrangementer/{e}/deltakere",
                 f"/behov/{n}/sporsmal", f"/behov/{n}/sporsmal/{q.id}/svar", f"/behov/{n}/informasjonslogg",
                 "/kalender"):
        assert client.get(path).status_code == 200, path
    assert client.post(f"/behov/{n}/arrangementer/ny", data={}).status_code == 200
    login(client, world.suppliers[0], world.orgs[0])
    for path in (f"/arrangementer/{e}", f"/arrangementer/{e}/pamelding", f"/arrangementer/{e}/moter",
                 f"/behov/{n}/sporsmal", "/kalender"):
        resp = client.get(path)
        assert resp.status_code == 200, path
    page = client.get(f"/arrangementer/{e}").get_data(as_text=True)
    assert "Legg til i Google Kalender" in page and "Dere har møte" in page
    login(client, world.suppliers[1], world.orgs[1])
    assert client.get(f"/arrangementer/{e}").status_code == 200
    assert client.get(f"/arrangementer/{e}/moter").status_code == 200
    anon = client.application.test_client()
    for path in (f"/arrangementer/{e}", f"/behov/{n}/sporsmal", f"/behov/{n}/arrangementer"):
        assert anon.get(path).status_code == 200, path
