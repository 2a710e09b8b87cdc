"""The takeover from the security issue (finding 1), run as one web journey each.

Register an account, register an organisation with the orgnr of an imported buyer (or
supplier), then try everything the issue lists; the platform admin rejects (or declines), try
again. Nothing may work at any point; approval is what lets a person in.
"""

from types import SimpleNamespace

import pytest

from portal.extensions import db
from portal.needs.models import Need, NeedStatus
from portal.opendata.models import ApiKey
from portal.organisations.models import (
    ClaimStatus,
    Organisation,
    OrganisationClaim,
    OrgKind,
    VerificationStatus,
)
from portal.suppliers.models import Interest, NeedInput, SupplierProfile
from tests.auth.helpers import link_path
from tests.factories import PASSWORD, make_org, make_user
from tests.needs.helpers import make_need

CONFIDENTIAL = "Konfidensielt innspill Blåhval"
INTERESTED = "Interessert Leverandør Spekkhogger AS"


def _register(client, email: str, mailbox) -> None:
    """Register, log in and confirm the address: the attacker owns this mailbox, just not the organisation."""
    from portal.auth.models import User

    resp = client.post("/registrer", data={"name": "Tor Overtaker", "email": email, "password": PASSWORD,
                                           "password_repeat": PASSWORD})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    user = db.session.scalar(db.select(User).where(User.email == email))
    with client.session_transaction() as sess:
        sess["_user_id"] = user.get_id()
        sess["_fresh"] = True
    assert client.get(link_path(mailbox.to(email)[-1], "/bekreft/")).status_code == 302
    db.session.refresh(user)
    assert user.is_confirmed


@pytest.fixture
def imported_buyer(app):
    supplier = make_user()
    supplier_org = make_org(name=INTERESTED, kind=OrgKind.BEDRIFT, admins=[supplier])
    buyer = make_org(name="Hvalby kommune", verified=False)
    buyer.is_imported, buyer.external_id = True, "doffin:hvalby"
    need = make_need(buyer, title="Skoleskyss i Hvalby", status=NeedStatus.IN_DIALOGUE)
    db.session.add_all([
        NeedInput(need=need, organisation=supplier_org, author_id=supplier.id, text=CONFIDENTIAL,
                  is_confidential=True, is_published=False),
        Interest(need=need, organisation=supplier_org, user_id=supplier.id)])
    admin = make_user(email="plattform@moteplassen.no", admin=True)
    db.session.commit()
    return SimpleNamespace(org=buyer, need=need, admin=admin)


def _try_everything(client, w) -> None:
    n = w.need.id
    page = client.get(f"/behov/{n}/innspill").get_data(as_text=True)
    assert CONFIDENTIAL not in page
    for url in (f"/behov/{n}/innspill.csv", f"/behov/{n}/interesserte", f"/behov/{n}/interesserte.csv",
                f"/behov/{n}/rediger/om", f"/organisasjoner/{w.org.id}/api-nokler"):
        resp = client.get(url)
        assert resp.status_code in (403, 404), f"GET {url}: {resp.status_code}"
        assert CONFIDENTIAL not in resp.get_data(as_text=True) and INTERESTED not in resp.get_data(as_text=True)
    client.post(f"/behov/{n}/rediger/om", data={"kind": "need", "title": "Overtatt", "summary": "Kort",
                                               "problem_md": "Lang"})
    resp = client.post(f"/organisasjoner/{w.org.id}/api-nokler", data={"name": "Overtakelse"})
    assert resp.status_code == 403
    assert db.session.scalar(db.select(db.func.count(ApiKey.id))) == 0
    db.session.expire_all()
    need = db.session.get(Need, n)
    assert need.title == "Skoleskyss i Hvalby" and need.status == NeedStatus.IN_DIALOGUE


def test_taking_over_an_imported_buyer_by_its_orgnr(app, client, imported_buyer, login, mailbox):
    w = imported_buyer
    _register(client, "tor@example.no", mailbox)
    resp = client.post("/organisasjoner/ny", data={
        "kind": "kommune", "name": "Hvalby kommune (overtatt)", "orgnr": w.org.orgnr, "municipality": "0301",
        "contact_email": "tor@example.no"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert w.org.name == "Hvalby kommune" and w.org.memberships == []
    _try_everything(client, w)

    # The platform admin rejects the organisation; still nothing works.
    login(app.test_client(), w.admin).post(f"/admin/organisasjoner/{w.org.id}/avvis",
                                            data={"reason": "Ikke en av oss."})
    db.session.expire_all()
    assert w.org.verification == VerificationStatus.REJECTED
    _try_everything(client, w)
    assert db.session.scalar(db.select(OrganisationClaim.status)) == ClaimStatus.DECLINED


def test_platform_admin_approval_lets_the_claimant_in(app, client, imported_buyer, login, mailbox):
    w = imported_buyer
    claimant = make_user(email="ekte@hvalby.kommune.no", name="Ekte Innkjøper")
    db.session.commit()
    login(client, claimant).post("/organisasjoner/ny", data={
        "kind": "kommune", "name": "Hvalby kommune", "orgnr": w.org.orgnr, "municipality": "0301",
        "contact_email": "post@hvalby.kommune.no"})
    claim = db.session.scalar(db.select(OrganisationClaim))
    admin_client = login(app.test_client(), w.admin)
    assert f"/foresporsler/{claim.id}/godkjenn" in admin_client.get("/admin/").get_data(as_text=True)
    resp = admin_client.post(f"/organisasjoner/{w.org.id}/foresporsler/{claim.id}/godkjenn",
                             data={"next": "/admin/"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/admin/"
    db.session.expire_all()
    assert w.org.verification == VerificationStatus.VERIFIED  # the platform admin checked both
    assert [(m.user_id, m.role.value) for m in w.org.memberships] == [(claimant.id, "admin")]
    assert CONFIDENTIAL in client.get(f"/behov/{w.need.id}/innspill").get_data(as_text=True)
    [mail] = mailbox.to(claimant.email)
    assert "fått tilgang" in mail["Subject"]


def test_org_admin_decides_a_claim_on_a_verified_organisation(app, client, login, mailbox):
    org_admin = make_user(email="sjef@fjordby.no")
    org = make_org(name="Fjordby kommune", admins=[org_admin])
    claimant, stranger = make_user(name="Kari Kollega"), make_user()
    db.session.commit()
    login(client, claimant).post("/organisasjoner/ny", data={
        "kind": "kommune", "name": "Fjordby", "orgnr": org.orgnr, "municipality": "0301",
        "contact_email": "kari@fjordby.no"})
    claim = db.session.scalar(db.select(OrganisationClaim))
    assert len(mailbox.to(org_admin.email)) == 1
    approve = f"/organisasjoner/{org.id}/foresporsler/{claim.id}/godkjenn"
    assert login(app.test_client(), stranger).post(approve).status_code == 403
    assert client.post(approve).status_code == 403  # nobody approves their own request
    admin_client = login(app.test_client(), org_admin, org)
    assert "Kari Kollega" in admin_client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert admin_client.post(approve).status_code == 302
    db.session.expire_all()
    assert {(m.user_id, m.role.value) for m in org.memberships} == {(org_admin.id, "admin"), (claimant.id, "member")}
    assert admin_client.post(approve).status_code == 302  # already decided: a message, nothing else
    assert len(org.memberships) == 2


def test_taking_over_an_imported_supplier_profile(app, client, login, mailbox):
    supplier = make_org(name="Importert Renhold AS", kind=OrgKind.BEDRIFT)
    supplier.is_imported = True
    profile = SupplierProfile(organisation=supplier, capability_md="Vi vasker skoler.", is_public=True)
    db.session.add(profile)
    admin = make_user(admin=True)
    db.session.commit()
    _register(client, "tor@example.no", mailbox)
    resp = client.post("/organisasjoner/ny", data={
        "kind": "bedrift", "name": "Overtatt Renhold AS", "orgnr": supplier.orgnr, "municipality": "0301",
        "contact_email": "tor@example.no"})
    assert resp.status_code == 302

    def nothing_changed():
        assert client.get("/min-side/profil").status_code == 403
        client.post("/min-side/profil", data={"capability_md": "Overtatt.", "is_public": "y"})
        db.session.expire_all()
        assert supplier.name == "Importert Renhold AS" and supplier.is_verified and supplier.memberships == []
        assert db.session.get(SupplierProfile, profile.id).capability_md == "Vi vasker skoler."
        assert "Importert Renhold AS" in client.get(f"/leverandorer/{profile.id}").get_data(as_text=True)

    nothing_changed()
    claim = db.session.scalar(db.select(OrganisationClaim))
    login(app.test_client(), admin).post(f"/organisasjoner/{supplier.id}/foresporsler/{claim.id}/avsla")
    db.session.expire_all()
    assert claim.status == ClaimStatus.DECLINED
    nothing_changed()
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
