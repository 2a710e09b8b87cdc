"""POST /api/v1/needs and PATCH /api/v1/needs/<id> with a Bearer API key (no cookies, no CSRF)."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.needs.models import Need, NeedStatus
from portal.opendata.services import create_api_key, revoke_api_key
from portal.organisations.models import OrgKind
from tests.factories import make_org, make_user
from tests.opendata.data import make_need

BODY = {"title": "Mobilt kjøkken", "summary": "Kjøkken som kan flyttes", "problem_md": "Vi mangler **kjøkken**.",
        "cpv_main": "39221000", "places": ["0301"], "value_min_nok": 100_000, "value_max_nok": 500_000,
        "planned_notice_date": "2026-03-01", "kind": "planned_procurement", "external_id": "SAK-2025/17"}


@pytest.fixture
def keyed(app):
    admin = make_user()
    org = make_org(name="Oslo kommune", admins=[admin])
    api_key, plain = create_api_key(admin, org, {"name": "Websak"})
    db.session.commit()
    return org, api_key, {"Authorization": f"Bearer {plain}"}


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_create_draft_then_publish_with_key(client, keyed):
    org, api_key, auth = keyed
    resp = client.post("/api/v1/needs", json=BODY, headers=auth)
    assert resp.status_code == 201, resp.get_json()
    data = resp.get_json()
    assert data["status"] == "draft" and data["title"] == "Mobilt kjøkken" and data["cpv_main"] == "39221000"
    assert resp.headers["Location"].endswith(f"/api/v1/needs/{data['id']}")
    need = db.session.get(Need, data["id"])
    assert need.organisation_id == org.id and need.external_id == "SAK-2025/17"
    assert str(need.planned_notice_date) == "2026-03-01"
    resp = client.patch(f"/api/v1/needs/{need.id}", json={"publish": True, "summary": "Nytt sammendrag"}, headers=auth)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["status"] == "published"
    assert client.get(f"/api/v1/needs/{need.id}").status_code == 200
    # After publication each change goes into the public history, as with the web form.
    client.patch(f"/api/v1/needs/{need.id}", json={"title": "Mobilt storkjøkken"}, headers=auth)
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert [(c.field, c.old, c.new) for c in need.changes] == [("title", "Mobilt kjøkken", "Mobilt storkjøkken")]
    assert db.session.get(type(api_key), api_key.id).last_used_dt is not None


@pytest.mark.parametrize("header", [None, "Bearer mp_nope", "Basic abc"])
def test_missing_or_bad_key_is_401_problem(client, keyed, header):
    headers = {"Authorization": header} if header else {}
    resp = client.post("/api/v1/needs", json=BODY, headers=headers)
    assert resp.status_code == 401
    assert resp.mimetype == "application/problem+json"
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert db.session.scalar(select(Need)) is None


def test_session_cookie_is_not_enough(client, keyed, login):
    org, _key, _auth = keyed
    member = make_user()
    make_org(kind=OrgKind.KOMMUNE, members=[member])
    db.session.commit()
    login(client, member)
    assert client.post("/api/v1/needs", json=BODY).status_code == 401


def test_revoked_key_stops_working(client, keyed):
    _org, api_key, auth = keyed
    revoke_api_key(None, api_key)
    db.session.commit()
    assert client.post("/api/v1/needs", json=BODY, headers=auth).status_code == 401


def test_validation_errors_are_422_with_fields(client, keyed):
    _org, _key, auth = keyed
    resp = client.post("/api/v1/needs", json={**BODY, "title": "", "value_min_nok": "mye", "bogus": 1}, headers=auth)
    assert resp.status_code == 422
    errors = resp.get_json()["errors"]
    assert {"title", "value_min_nok", "body"} <= set(errors)
    # Domain rules come from the needs services.
    resp = client.post("/api/v1/needs", json={**BODY, "value_min_nok": 9, "value_max_nok": 1}, headers=auth)
    assert resp.status_code == 422 and "value_max_nok" in resp.get_json()["errors"]
    resp = client.post("/api/v1/needs", json={**BODY, "cpv_main": "12345678"}, headers=auth)
    assert resp.status_code == 422 and "cpv_main" in resp.get_json()["errors"]
    resp = client.post("/api/v1/needs", data="not json", headers={**auth, "Content-Type": "application/json"})
    assert resp.status_code == 400
    assert client.post("/api/v1/needs", data="x=1", headers=auth).status_code == 415
    assert db.session.scalar(select(Need)) is None


def test_external_id_conflict_is_409(client, keyed):
    _org, _key, auth = keyed
    assert client.post("/api/v1/needs", json=BODY, headers=auth).status_code == 201
    assert client.post("/api/v1/needs", json=BODY, headers=auth).status_code == 409


def test_external_id_is_per_organisation(client, keyed):
    """Another organisation's draft neither blocks nor reveals itself through its external_id."""
    _org, _key, auth = keyed
    secret = BODY | {"title": "Hemmelig utkast om nedleggelse", "summary": "Skal ikke lekke"}
    assert client.post("/api/v1/needs", json=secret, headers=auth).status_code == 201
    admin_b = make_user()
    org_b = make_org(name="Bergen kommune", admins=[admin_b])
    _key_b, plain_b = create_api_key(admin_b, org_b, {"name": "Sak B"})
    db.session.commit()
    auth_b = {"Authorization": f"Bearer {plain_b}"}
    resp = client.post("/api/v1/needs", json=BODY, headers=auth_b)
    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["external_id"] == "SAK-2025/17"
    assert "Hemmelig" not in resp.get_data(as_text=True) and "lekke" not in resp.get_data(as_text=True)
    again = client.post("/api/v1/needs", json=BODY, headers=auth_b)
    assert again.status_code == 409 and "Hemmelig" not in again.get_data(as_text=True)
    owners = db.session.scalars(select(Need.organisation_id).where(Need.external_id == "SAK-2025/17")).all()
    assert sorted(owners) == sorted([_org.id, org_b.id])


def test_patch_other_orgs_needs(client, keyed):
    _org, _key, auth = keyed
    other = make_org()
    public = make_need(other, title="Andres")
    draft = make_need(other, title="Andres utkast", status=NeedStatus.DRAFT)
    db.session.commit()
    assert client.patch(f"/api/v1/needs/{public.id}", json={"title": "x"}, headers=auth).status_code == 403
    assert client.patch(f"/api/v1/needs/{draft.id}", json={"title": "x"}, headers=auth).status_code == 404
    assert client.patch("/api/v1/needs/99999999999", json={"title": "x"}, headers=auth).status_code == 404
    db.session.expire_all()
    assert db.session.get(Need, public.id).title == "Andres"


def test_publish_needs_a_complete_need(client, keyed):
    _org, _key, auth = keyed
    resp = client.post("/api/v1/needs", json={"title": "Bare tittel", "publish": True}, headers=auth)
    assert resp.status_code == 422
    assert "Fyll ut før publisering" in resp.get_json()["detail"]
    assert db.session.scalar(select(Need)) is None


def test_audit_log_names_the_api_key_as_the_actor(client, keyed, login):
    org, api_key, auth = keyed
    resp = client.post("/api/v1/needs", json=BODY | {"external_id": "SAK-AUDIT"}, headers=auth)
    assert resp.status_code == 201
    admin = org.memberships[0].user
    login(client, admin, org)
    page = client.get(f"/revisjonslogg/organisasjon/{org.id}").get_data(as_text=True)
    assert "API-nøkkel «Websak»" in page and "Mobilt kjøkken" in page


def test_status_moves_along_the_lifecycle_through_the_api(client, keyed):
    org, api_key, auth = keyed
    need_id = client.post("/api/v1/needs", json=BODY, headers=auth).get_json()["id"]
    draft = client.patch(f"/api/v1/needs/{need_id}", json={"status": "in_dialogue"}, headers=auth)
    assert draft.status_code == 422 and "status" in draft.get_json()["errors"]
    client.patch(f"/api/v1/needs/{need_id}", json={"publish": True}, headers=auth)
    missing = client.patch(f"/api/v1/needs/{need_id}", json={"status": "announced"}, headers=auth)
    assert missing.status_code == 422 and "doffin_reference" in missing.get_json()["errors"]
    ok = client.patch(f"/api/v1/needs/{need_id}", json={"status": "announced", "doffin_reference": "2026-101234"},
                      headers=auth)
    assert ok.status_code == 200 and ok.get_json()["status"] == "announced"
    no_reason = client.patch(f"/api/v1/needs/{need_id}", json={"status": "cancelled"}, headers=auth)
    assert no_reason.status_code == 422 and "status_reason" in no_reason.get_json()["errors"]
    cancelled = client.patch(f"/api/v1/needs/{need_id}", json={"status": "cancelled", "status_reason": "Budsjettkutt"},
                             headers=auth)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    db.session.expire_all()
    need = db.session.get(Need, need_id)
    assert need.doffin_reference == "2026-101234" and need.status_reason == "Budsjettkutt"
    assert ("status", "announced", "cancelled") in [(c.field, c.old, c.new) for c in need.changes]
    assert client.patch(f"/api/v1/needs/{need_id}", json={"status": "closed"}, headers=auth).status_code == 409
