"""API keys: only org admins manage them; the key is shown once and stored hashed; revoke works."""

import hashlib

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.opendata.models import ApiKey
from portal.opendata.permissions import can_manage_api_keys
from portal.opendata.services import authenticate, create_api_key, revoke_api_key
from portal.organisations.models import OrgKind
from tests.factories import make_org, make_user


@pytest.fixture
def buyer(app):
    admin, member = make_user(), make_user()
    org = make_org(name="Oslo kommune", admins=[admin], members=[member])
    db.session.commit()
    return org, admin, member


def test_permission_truth_table(buyer):
    org, admin, member = buyer
    supplier_admin = make_user()
    supplier = make_org(kind=OrgKind.BEDRIFT, admins=[supplier_admin])
    platform = make_user(admin=True)
    assert can_manage_api_keys(admin, org)
    assert not can_manage_api_keys(member, org)
    assert not can_manage_api_keys(platform, org)
    assert not can_manage_api_keys(supplier_admin, supplier)  # keys write needs: buyers only


def test_service_stores_only_the_hash_and_authenticates(buyer):
    org, admin, _ = buyer
    api_key, plain = create_api_key(admin, org, {"name": "  Sak  arkiv "})
    assert api_key.name == "Sak arkiv"
    assert api_key.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in (api_key.prefix, api_key.key_hash) and plain.startswith(api_key.prefix)
    assert authenticate(f"Bearer {plain}") is api_key
    for header in (None, "", plain, f"Basic {plain}", "Bearer mp_wrong", f"Bearer {plain}x"):
        assert authenticate(header) is None
    revoke_api_key(admin, api_key)
    assert authenticate(f"Bearer {plain}") is None


def test_login_required_and_403_and_404(client, buyer, login):
    org, _admin, member = buyer
    resp = client.get(f"/organisasjoner/{org.id}/api-nokler")
    assert resp.status_code == 302 and "/logg-inn" in resp.headers["Location"]
    login(client, member, org)
    assert client.get(f"/organisasjoner/{org.id}/api-nokler").status_code == 403
    assert client.post(f"/organisasjoner/{org.id}/api-nokler", data={"name": "x"}).status_code == 403
    assert client.get("/organisasjoner/999999/api-nokler").status_code == 404


def test_admin_creates_sees_once_and_revokes(client, buyer, login):
    org, admin, _ = buyer
    login(client, admin, org)
    resp = client.post(f"/organisasjoner/{org.id}/api-nokler", data={"name": "Websak"})
    assert resp.status_code == 201
    assert resp.headers["Cache-Control"] == "no-store"
    html = resp.get_data(as_text=True)
    stored = db.session.scalar(select(ApiKey).where(ApiKey.organisation_id == org.id))
    plain = html.split('id="new-api-key">')[1].split("<")[0]
    assert hashlib.sha256(plain.encode()).hexdigest() == stored.key_hash
    again = client.get(f"/organisasjoner/{org.id}/api-nokler").get_data(as_text=True)
    assert plain not in again and "Websak" in again and stored.prefix in again
    resp = client.post(f"/organisasjoner/{org.id}/api-nokler/{stored.id}/trekk-tilbake")
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(ApiKey, stored.id).revoked_dt is not None
    assert "Trukket tilbake" in client.get(f"/organisasjoner/{org.id}/api-nokler").get_data(as_text=True)


def test_empty_name_shows_error_next_to_field(client, buyer, login):
    org, admin, _ = buyer
    login(client, admin, org)
    resp = client.post(f"/organisasjoner/{org.id}/api-nokler", data={"name": "  "})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Gi nøkkelen et navn" in html and 'aria-invalid="true"' in html
    assert db.session.scalar(select(ApiKey)) is None


def test_cannot_revoke_another_orgs_key(client, buyer, login):
    org, admin, _ = buyer
    other_admin = make_user()
    other = make_org(admins=[other_admin])
    key, _plain = create_api_key(other_admin, other, {"name": "Annen"})
    db.session.commit()
    login(client, admin, org)
    assert client.post(f"/organisasjoner/{org.id}/api-nokler/{key.id}/trekk-tilbake").status_code == 404
    assert client.post(f"/organisasjoner/{other.id}/api-nokler/{key.id}/trekk-tilbake").status_code == 403
