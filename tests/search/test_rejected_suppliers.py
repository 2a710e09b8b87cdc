"""Search shows only what the directory shows: a rejected supplier leaves search, matches and alerts."""

from portal.alerts.finder import public_profiles
from portal.extensions import db
from portal.organisations.models import VerificationStatus
from portal.search import documents
from tests.factories import make_user
from tests.search.helpers import buyer, published_need, supplier

NAME = "Fjord Snørydding AS"


def _everywhere(client, need) -> dict[str, bool]:
    """Where the supplier's name (or its text) shows up for an anonymous visitor."""
    api = client.get("/api/v1/search?q=snørydding&type=supplier").json["results"]
    by_text = client.get("/api/v1/search?q=sykkelveier&type=supplier").json["results"]
    web = client.get("/sok?q=snørydding&type=supplier").get_data(as_text=True)
    matches_api = client.get(f"/api/v1/needs/{need.id}/matches").json["results"]
    matches_web = client.get(f"/behov/{need.id}/treff").get_data(as_text=True)
    return {"api": NAME in [r["name"] for r in api], "by_text": bool(by_text),
            "web": NAME in web, "matches_api": NAME in [r["supplier"]["name"] for r in matches_api],
            "matches_web": NAME in matches_web}


def test_rejected_supplier_leaves_search_and_returns_when_verified(client, login):
    user, org = buyer()
    need = published_need(user, org, "Snørydding ved skolene", problem="Brøyting og strøing av skolegårder.",
                          cpv="90620000")
    profile = supplier(NAME, "Brøyting av gang- og sykkelveier og snørydding i Bergen.", cpv=("90620000",))
    found = _everywhere(client, need)
    assert all(found.values()), found
    assert public_profiles([profile.id]) == [profile]
    profile_id, org_id = profile.id, profile.organisation_id

    admin = make_user(admin=True)
    db.session.commit()
    login(client, admin)
    resp = client.post(f"/admin/organisasjoner/{org_id}/avvis", data={"reason": "Ikke en ekte bedrift"})
    assert resp.status_code == 302 and resp.location.endswith("/admin/")
    client.post("/logg-ut", follow_redirects=True)  # the page shows (and uses up) the flash messages naming it
    assert not any(_everywhere(client, need).values())
    assert client.get(f"/leverandorer/{profile_id}/treff").status_code == 404
    assert client.get(f"/api/v1/suppliers/{profile_id}/matches").status_code == 404
    assert public_profiles([profile_id]) == []

    login(client, admin)
    assert client.post(f"/admin/organisasjoner/{org_id}/verifiser").location.endswith("/admin/")
    client.post("/logg-ut", follow_redirects=True)  # the page shows (and uses up) the flash messages naming it
    assert all(_everywhere(client, need).values())


def test_rejected_profile_is_never_indexed(app):
    profile = supplier(NAME, "Snørydding.", commit=False)
    assert documents.supplier_is_indexable(profile)
    profile.organisation.verification = VerificationStatus.REJECTED
    assert not documents.supplier_is_indexable(profile)
    docs, deletes = documents.build(db.session, documents.SUPPLIER, [profile.id])
    assert docs == [] and deletes == [documents.key(documents.SUPPLIER, profile.id)]


def test_full_reindex_leaves_rejected_suppliers_out(app, runner, client):
    profile = supplier(NAME, "Brøyting av gang- og sykkelveier og snørydding i Bergen.")
    profile.organisation.verification = VerificationStatus.REJECTED
    db.session.commit()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert client.get("/api/v1/search?q=snørydding&type=supplier").json["results"] == []
