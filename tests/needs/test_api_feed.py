"""API and Atom feed: filters, validation (400 problem+json), drafts never shown."""

import xml.etree.ElementTree as ET

import pytest

from portal.extensions import db
from portal.needs.models import NeedStatus
from tests.factories import make_org
from tests.needs.helpers import make_need

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def needs(app):
    org = make_org(name="Tromsø kommune")
    a = make_need(org, title="Snøbrøyting", cpv=("90620000",), places=("5501",), external_id="ext-1")
    b = make_need(org, title="Skolebygg", cpv=("45214200",), places=("0301",))
    make_need(org, title="Hemmelig utkast", cpv=("45214200",), places=("5501",), status=NeedStatus.DRAFT)
    db.session.commit()
    return a, b


def test_api_list_and_filters(client, needs):
    a, _b = needs
    body = client.get("/api/v1/needs").get_json()
    assert body["total"] == 2 and {r["title"] for r in body["results"]} == {"Snøbrøyting", "Skolebygg"}
    item = next(r for r in body["results"] if r["id"] == a.id)
    assert item["external_id"] == "ext-1" and item["status"] == "published" and item["cpv"] == ["90620000"]
    assert item["buyer"] == "Tromsø kommune" and item["buyer_url"].endswith(f"/kjopere/{a.organisation_id}")
    assert item["url"] == f"http://localhost/behov/{a.id}"
    assert client.get("/api/v1/needs?county=55").get_json()["total"] == 1
    assert client.get("/api/v1/needs?cpv=45").get_json()["results"][0]["title"] == "Skolebygg"
    page = client.get("/api/v1/needs?limit=1&offset=1").get_json()
    assert page["total"] == 2 and len(page["results"]) == 1


@pytest.mark.parametrize("query", ["limit=-1", "limit=abc", "limit=101", "limit=0", "offset=-5",
                                   "offset=999999999999999999999", "county=99", "cpv=xx", "value_min=1e9"])
def test_api_bad_parameters_are_400_problem_json(client, needs, query):
    resp = client.get(f"/api/v1/needs?{query}")
    assert resp.status_code == 400 and resp.mimetype == "application/problem+json"


def test_api_detail_hides_drafts(client, needs):
    a, _b = needs
    draft = db.session.scalar(db.select(type(a)).where(type(a).status == NeedStatus.DRAFT))
    assert client.get(f"/api/v1/needs/{a.id}").get_json()["title"] == "Snøbrøyting"
    assert client.get(f"/api/v1/needs/{draft.id}").status_code == 404
    assert client.get("/api/v1/needs/99999999999999999999").status_code == 404


def test_feed_is_valid_atom_without_drafts(client, needs):
    resp = client.get("/feeds/needs.atom")
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    root = ET.fromstring(resp.data)  # noqa: S314 - our own output
    titles = {e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")}
    assert titles == {"Snøbrøyting", "Skolebygg"}
    root = ET.fromstring(client.get("/feeds/needs.atom?county=55&cpv=90").data)  # noqa: S314
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["Snøbrøyting"]
    assert client.get("/feeds/needs.atom?county=xx").status_code == 400


def test_feed_escapes_markup(client, app):
    org = make_org(name="Kommune <b>&</b>")
    make_need(org, title="Tittel med <script>alert(1)</script> & mer")
    db.session.commit()
    data = client.get("/feeds/needs.atom").data
    assert b"<script>" not in data
    root = ET.fromstring(data)  # noqa: S314
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "Tittel med <script>alert(1)</script> & mer"


def test_has_dialogue_event_filter(client, needs):
    from datetime import timedelta

    from portal.db import utcnow
    from portal.dialogue.models import DialogueEvent, EventFormat, EventKind, EventStatus
    from tests.factories import make_user

    a, b = needs
    user = make_user()
    now = utcnow()
    for need, status in ((a, EventStatus.PUBLISHED), (b, EventStatus.CANCELLED)):
        db.session.add(DialogueEvent(
            need=need, created_by_id=user.id, status=status, kind=EventKind.CONFERENCE, title="Dialogmøte",
            format=EventFormat.DIGITAL,
            starts_dt=now + timedelta(days=5), ends_dt=now + timedelta(days=5, hours=2),
            registration_deadline_dt=now + timedelta(days=4)))
    db.session.commit()
    body = client.get("/api/v1/needs?dialogue=1").get_json()
    assert [r["id"] for r in body["results"]] == [a.id]  # b's only event is cancelled
    page = client.get("/behov?dialogue=1").get_data(as_text=True)
    assert "Har dialogmøte" in page and "Snøbrøyting" in page and "Skolebygg" not in page
