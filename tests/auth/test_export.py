"""«Last ned dataene mine»: every kind of record tied to the person is in the export, no secret is."""

import json

from portal.alerts.models import AlertDelivery, Frequency, SavedSearch
from portal.db import db
from portal.dialogue import booking as booking_services
from portal.dialogue import qa, services
from portal.dialogue import registration as reg_services
from portal.opendata.services import create_api_key
from portal.organisations import services as org_services
from portal.suppliers.models import Interest
from portal.suppliers.services import reply_input
from tests.dialogue import conftest as dialogue
from tests.dialogue.conftest import add_window, event_data
from tests.suppliers.factories import make_input

# The market-dialogue fixtures (a buyer, a published need with an event, three suppliers), reused.
world, _request_ctx = dialogue.world, dialogue._request_ctx


def test_export_holds_every_kind_of_personal_record(client, login, world):
    me, my_org = world.suppliers[0], world.orgs[0]
    other_org = world.orgs[1]
    # Inputs and replies, interest, a question
    mine = make_input(world.need, my_org, me, text="Vårt innspill om robotvask")
    reply_input(world.buyer, mine, "Takk for innspillet")
    db.session.add(Interest(need=world.need, organisation=my_org, user_id=me.id, note="Vi kan levere"))
    qa.ask_question(me, my_org, world.need, "Hvor mange skoler gjelder det?")
    # A meeting booked, a waitlisted registration
    add_window(world)
    booking_services.book_slot(me, my_org, world.event.slots[0], {"topic": "Robotvask i gymsal"})
    full = services.create_event(world.buyer, world.need, event_data(title="Fullt seminar", capacity_orgs=1))
    reg_services.register(world.suppliers[1], other_org, full, [("Per", "per@firma.no")])
    reg_services.register(me, my_org, full, [("Leverandør 1", "lev1@firma.no")])
    # Saved search and what its alert told, an API key, an invitation to my address
    search = SavedSearch(user_id=me.id, name="Renhold i Oslo", doc_type="need", query="renhold")
    db.session.add(search)
    db.session.flush()
    db.session.add(AlertDelivery(user_id=me.id, saved_search_id=search.id, doc_type="need",
                                 object_id=world.need.id, frequency=Frequency.IMMEDIATE))
    _key, plain = create_api_key(me, my_org, {"name": "Vårt ERP"})
    org_services.invite_member(world.buyer, world.buyer_org, "LEV1@firma.no")
    db.session.commit()

    resp = login(client, me).get("/konto/eksport")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    body = resp.get_data(as_text=True)
    data = json.loads(body)
    assert data["profile"]["email"] == "lev1@firma.no"
    assert [m["organisation"] for m in data["memberships"]] == ["Firma 1 AS"]
    assert [i["text"] for i in data["inputs"]] == ["Vårt innspill om robotvask"]
    assert data["interests"][0]["note"] == "Vi kan levere"
    assert data["questions"][0]["question"] == "Hvor mange skoler gjelder det?"
    assert data["bookings"][0]["topic"] == "Robotvask i gymsal" and data["bookings"][0]["booked_by_you"]
    assert {(r["event"], r["status"]) for r in data["registrations"]} == {("Fullt seminar", "waitlisted")}
    assert data["saved_searches"][0]["name"] == "Renhold i Oslo"
    assert data["alerts"][0]["object_id"] == world.need.id
    assert data["api_keys"][0]["name"] == "Vårt ERP" and data["api_keys"][0]["prefix"]
    assert plain not in body and _key.key_hash not in body  # never the key, nor its hash
    assert data["invitations"][0]["organisation"] == "Testby kommune"
    assert data["invitations"][0]["state"] == "open"
    assert any(e["table"] == "memberships" for e in data["audit_log"])
    assert any(e["table"] == "invitations" for e in data["audit_log"])
    assert "token" not in body.lower()


def test_export_includes_replies_and_answers_the_person_wrote(client, login, world):
    buyer = world.buyer
    inp = make_input(world.need, world.orgs[0], world.suppliers[0], text="Et innspill")
    reply_input(buyer, inp, "Vårt svar til leverandøren")
    question = qa.ask_question(world.suppliers[0], world.orgs[0], world.need, "Et spørsmål?")
    qa.answer_question(buyer, question, "Vårt svar på spørsmålet")
    world.need.created_by_id = buyer.id
    db.session.commit()
    data = login(client, buyer).get("/konto/eksport").get_json()
    assert [(i["written_by_you"], i["text"], i["reply_by_you"]) for i in data["inputs"]] == [
        (False, None, "Vårt svar til leverandøren")]
    assert data["questions"][0]["answer"] == "Vårt svar på spørsmålet"
    assert data["questions"][0]["answered_by_you"] and not data["questions"][0]["asked_by_you"]
    assert [n["title"] for n in data["needs_created"]] == ["Rengjøring av skoler"]
