"""OCDS releases validate against the official 1.1.5 schema and carry the need's facts."""

import json

import pytest

from portal.extensions import db
from portal.needs.models import NeedKind, NeedStatus, Procedure
from portal.organisations.models import OrgKind
from tests.factories import make_org
from tests.opendata.data import add_co_buyer, assert_valid, dt, make_event, make_need


@pytest.fixture
def published(app):
    buyer = make_org(name="Bergen kommune", municipality="4601")
    partner = make_org(name="Bjørnafjorden kommune", municipality="4624")
    need = make_need(buyer, title="Rengjøring av skoler", cpvs=("90910000", "90911200"),
                     kind=NeedKind.PLANNED_PROCUREMENT, value_min_nok=1_000_000, value_max_nok=2_500_000,
                     procedure=Procedure.COMPETITIVE_DIALOGUE, problem_md="Skolene må **vaskes** oftere.")
    add_co_buyer(need, partner)
    make_event(need, title="Leverandørkonferanse", starts=dt(2025, 4, 1, 9))
    make_event(need, title="Hemmelig møte", visibility="invited", starts=dt(2099, 1, 1, 9))
    make_need(buyer, title="Utkast", status=NeedStatus.DRAFT)
    db.session.commit()
    return need


@pytest.mark.config(OCDS_OCID_PREFIX="ocds-test01")
def test_single_release_is_valid_ocds_with_need_facts(client, published, package_validator):
    resp = client.get(f"/api/v1/ocds/releases/{published.id}")
    assert resp.status_code == 200
    body = resp.get_json()
    assert_valid(package_validator, body)
    release = body["releases"][0]
    assert release["ocid"] == f"ocds-test01-{published.id}"
    assert release["tag"] == ["planningUpdate"]  # the dialogue events were added after publication
    assert release["tender"]["status"] == "planning"
    assert release["planning"]["rationale"] == "Skolene må vaskes oftere."
    assert release["planning"]["budget"]["amount"] == {"amount": 2_500_000, "currency": "NOK"}
    item = release["tender"]["items"][0]
    assert item["classification"]["scheme"] == "CPV"
    assert item["classification"]["id"] == "90910000"
    assert [c["id"] for c in item["additionalClassifications"]] == ["90911200"]
    buyer = published.organisation
    assert release["buyer"] == {"id": f"NO-BRC-{buyer.orgnr}", "name": "Bergen kommune"}
    parties = {p["name"]: p for p in release["parties"]}
    assert parties["Bergen kommune"]["identifier"] == {"scheme": "NO-BRC", "id": buyer.orgnr,
                                                       "legalName": "Bergen kommune"}
    assert parties["Bergen kommune"]["roles"] == ["buyer"]
    assert "Bjørnafjorden kommune" in parties
    milestones = release["planning"]["milestones"]
    assert [m["type"] for m in milestones] == ["engagement", "engagement"]
    assert milestones[0]["title"] == "Leverandørkonferanse"
    assert milestones[0]["status"] == "met"
    assert milestones[0]["dueDate"] == "2025-04-01T09:00:00Z"
    # An invitation-only event shows that dialogue happens, not its title.
    assert milestones[1]["status"] == "scheduled"
    assert release["planning"]["documents"][0]["url"] == f"http://localhost/behov/{published.id}"
    assert "Hemmelig" not in json.dumps(body)


def test_release_package_lists_public_needs_only_and_paginates(client, published, package_validator):
    org = published.organisation
    for i in range(3):
        make_need(org, title=f"Behov {i}", cpvs=("45000000",))
    db.session.commit()
    resp = client.get("/api/v1/ocds/releases?limit=2")
    assert resp.status_code == 200
    body = resp.get_json()
    assert_valid(package_validator, body)
    assert [r["tender"]["title"] for r in body["releases"]] == ["Rengjøring av skoler", "Behov 0"]
    assert resp.headers["X-Total-Count"] == "4"
    assert "offset=2" in body["links"]["next"]
    second = client.get(body["links"]["next"]).get_json()
    assert_valid(package_validator, second)
    assert [r["tender"]["title"] for r in second["releases"]] == ["Behov 1", "Behov 2"]
    assert "next" not in second["links"]
    assert second["releases"][0]["tender"]["mainProcurementCategory"] == "works"


def test_cancelled_need_is_a_cancellation_release(client, app, package_validator):
    org = make_org()
    need = make_need(org, status=NeedStatus.CANCELLED)
    db.session.commit()
    body = client.get(f"/api/v1/ocds/releases/{need.id}").get_json()
    assert_valid(package_validator, body)
    assert body["releases"][0]["tender"]["status"] == "cancelled"


def test_draft_unknown_and_huge_ids_are_json_404(client, app):
    draft = make_need(make_org(), status=NeedStatus.DRAFT)
    db.session.commit()
    for path in (f"/api/v1/ocds/releases/{draft.id}", "/api/v1/ocds/releases/999",
                 "/api/v1/ocds/releases/99999999999999999999", f"/api/v1/ocds/records/{draft.id}",
                 "/api/v1/ocds/records/999"):
        resp = client.get(path)
        assert resp.status_code == 404
        assert resp.mimetype == "application/problem+json"


@pytest.mark.parametrize("query", ["limit=0", "limit=1000", "offset=abc", "offset=-1", "limit=99999999999999999999"])
def test_bad_pagination_is_a_problem_400(client, app, query):
    resp = client.get(f"/api/v1/ocds/releases?{query}")
    assert resp.status_code == 400
    assert resp.mimetype == "application/problem+json"
    assert resp.get_json()["status"] == 400


def test_organisation_without_orgnr_gets_a_local_party_id(app):
    from portal.opendata.ocds import party

    org = make_org(kind=OrgKind.STATLIG)
    org.orgnr = None
    assert party(org, ["buyer"])["id"] == f"moteplassen-org-{org.id}"
    assert "identifier" not in party(org, ["buyer"])


@pytest.mark.config(RATELIMIT_ENABLED=True, API_RATELIMIT="3 per minute")
def test_api_is_rate_limited_with_a_problem_429(client, app):
    from portal.extensions import limiter

    make_need(make_org())
    db.session.commit()
    limiter.reset()
    for path in ("/api/v1/ocds/releases", "/api/v1/needs"):  # ours and another domain's blueprint
        statuses = [client.get(path).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429], path
    resp = client.get("/api/v1/ocds/releases")
    assert resp.mimetype == "application/problem+json" and resp.get_json()["status"] == 429


def test_no_public_needs_or_page_past_the_end_is_a_problem_404_not_an_invalid_package(client, app):
    # OCDS requires at least one release in a package: an empty list would fail validation downstream.
    make_need(make_org(), status=NeedStatus.DRAFT)
    db.session.commit()
    resp = client.get("/api/v1/ocds/releases")
    assert resp.status_code == 404 and resp.mimetype == "application/problem+json"
    assert "Ingen behov er publisert" in resp.get_json()["detail"]
    make_need(make_org(), title="Publisert")
    db.session.commit()
    assert client.get("/api/v1/ocds/releases").status_code == 200
    past = client.get("/api/v1/ocds/releases?offset=5")
    assert past.status_code == 404 and "denne siden" in past.get_json()["detail"]
