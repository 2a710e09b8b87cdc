"""Registering an organisation: orgnr validation, an existing orgnr is a request to join, creator is admin."""

import pytest

from portal.extensions import db
from portal.organisations import services
from portal.organisations.forms import OrganisationForm
from portal.organisations.models import (
    ClaimStatus,
    MemberRole,
    Organisation,
    OrganisationClaim,
    OrgKind,
    OrgSide,
    VerificationStatus,
)
from tests.conftest import mail_text
from tests.factories import make_org, make_user

VALID = "974760673"
INVALID_MSG = "Organisasjonsnummeret er ikke gyldig. Det skal være 9 siffer, slik det står i Enhetsregisteret."
TAKEN_MSG = "En organisasjon med dette organisasjonsnummeret er allerede registrert."


def form_data(**overrides):
    data = {"kind": "kommune", "name": "Testvik kommune", "orgnr": "974 760 673", "municipality": "0301",
            "website": "www.testvik.kommune.no", "contact_email": "Post@Testvik.no"}
    data.update(overrides)
    return data


class Checked:
    """What a validated form said, read while the request context (and its language) is there."""

    def __init__(self, form):
        self.errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        self.data = form.to_data() if not self.errors else None


def _form(app, **overrides):
    with app.test_request_context(method="POST", data=form_data(**overrides)):
        form = OrganisationForm()
        form.validate()
        return Checked(form)


@pytest.mark.parametrize("value", ["974760673", "974 760 673", " 974760673 "])
def test_form_accepts_valid_orgnr_with_spaces(app, value):
    form = _form(app, orgnr=value)
    assert form.errors == {}
    assert form.data["orgnr"] == "974760673"
    assert form.data["website"] == "https://www.testvik.kommune.no"
    assert form.data["contact_email"] == "post@testvik.no"


@pytest.mark.parametrize("value", ["974760672", "12345678", "1234567890", "abcdefghi", "97476067a"])
def test_form_rejects_invalid_orgnr_in_norwegian(app, value):
    form = _form(app, orgnr=value)
    assert form.errors == {"orgnr": [INVALID_MSG]}


def test_form_requires_fields(app):
    form = _form(app, kind="", name="", orgnr="", municipality="", contact_email="")
    assert set(form.errors) == {"kind", "name", "orgnr", "municipality", "contact_email"}
    assert form.errors["municipality"] == ["Velg kommunen organisasjonen holder til i."]


@pytest.mark.parametrize("url", ["javascript://example.com/%0aalert(1)", "ftp://example.com", "https://"])
def test_form_rejects_non_web_addresses(app, url):
    assert _form(app, website=url).errors["website"]


def test_form_rejects_unknown_municipality(app):
    assert _form(app, municipality="9999").errors["municipality"]


def test_get_create_page_requires_login(client):
    resp = client.get("/organisasjoner/ny")
    assert resp.status_code == 302 and "/logg-inn" in resp.headers["Location"]


def test_create_page_lists_kinds_and_municipalities(client, login):
    user = make_user()
    db.session.commit()
    page = login(client, user).get("/organisasjoner/ny").get_data(as_text=True)
    for label in ("Kommune", "Fylkeskommune", "Statlig virksomhet", "Helseforetak", "Annen offentlig virksomhet",
                  "Bedrift", "Sosial entreprenør", "Ideell eller frivillig organisasjon", "Bergen (Vestland)"):
        assert label in page


def test_post_invalid_orgnr_shows_error_at_field(client, login):
    user = make_user()
    db.session.commit()
    resp = login(client, user).post("/organisasjoner/ny", data=form_data(orgnr="974 760 672"))
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert f'<div class="ds-validation-message" data-color="danger" id="orgnr-error">{INVALID_MSG}</div>' in page
    assert 'href="#orgnr"' in page  # the error summary links to the field
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0


def test_post_creates_buyer_pending_with_creator_as_admin(client, login, mailbox):
    user = make_user()
    platform_admin = make_user(email="plattform@moteplassen.no", admin=True)
    db.session.commit()
    resp = login(client, user).post("/organisasjoner/ny", data=form_data())
    org = db.session.scalar(db.select(Organisation))
    assert resp.status_code == 302 and resp.headers["Location"] == f"/organisasjoner/{org.id}"
    assert org.orgnr == VALID and org.side == OrgSide.BUYER and org.kind == OrgKind.KOMMUNE
    assert org.verification == VerificationStatus.PENDING
    assert [(m.user_id, m.role) for m in org.memberships] == [(user.id, MemberRole.ADMIN)]
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Venter på verifisering" in page and "974 760 673" in page and "Testvik kommune" in page
    assert "Handler for" not in page  # a pending organisation is nobody's to act for yet
    [mail] = mailbox.to(platform_admin.email)
    assert f"/admin/organisasjoner/{org.id}" in mail_text(mail)


def test_supplier_is_verified_at_once(req):
    user = make_user()
    org = services.create_organisation(user, {
        "kind": OrgKind.SOSIAL_ENTREPRENOR, "name": "Gode Hender AS", "orgnr": VALID, "municipality": "4601",
        "website": None, "contact_email": "post@godehender.no"})
    assert org.side == OrgSide.SUPPLIER and org.is_verified and org.verified_dt is not None


def test_existing_orgnr_becomes_a_request_to_its_admins(client, login, mailbox):
    user = make_user(name="Tore Tilgang")
    org_admin = make_user(email="admin@eksisterende.no")
    existing = make_org(name="Eksisterende kommune", admins=[org_admin])
    db.session.commit()
    resp = login(client, user).post("/organisasjoner/ny", data=form_data(orgnr=existing.orgnr, name="Overtatt"))
    assert resp.status_code == 302 and resp.headers["Location"] == "/organisasjoner/mine"
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "finnes allerede på Møteplassen. Vi har sendt en forespørsel om tilgang" in page
    assert "Venter på svar" in page
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
    assert existing.name == "Eksisterende kommune"  # nothing in the organisation changed
    assert [m.user_id for m in existing.memberships] == [org_admin.id]
    [claim] = db.session.scalars(db.select(OrganisationClaim)).all()
    assert (claim.user_id, claim.organisation_id, claim.status) == (user.id, existing.id, ClaimStatus.PENDING)
    [mail] = mailbox.to(org_admin.email)
    assert "Tore Tilgang" in mail_text(mail) and f"/organisasjoner/{existing.id}#foresporsler" in mail_text(mail)


def test_member_registering_own_orgnr_again_is_told_at_field(client, login):
    user = make_user()
    existing = make_org(admins=[user])
    db.session.commit()
    resp = login(client, user).post("/organisasjoner/ny", data=form_data(orgnr=existing.orgnr))
    assert "Du er allerede medlem av denne organisasjonen." in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(OrganisationClaim.id))) == 0


def test_create_organisation_service_refuses_a_taken_orgnr(req):
    org = make_org(admins=[make_user()])
    with pytest.raises(services.OrganisationError) as err:
        services.create_organisation(make_user(), {**_data(), "orgnr": org.orgnr})
    assert err.value.field == "orgnr" and str(err.value) == TAKEN_MSG


def _data():
    return {"kind": OrgKind.KOMMUNE, "name": "Testvik kommune", "orgnr": VALID, "municipality": "0301",
            "website": None, "contact_email": "post@testvik.no"}


def test_imported_org_is_not_taken_over_but_queued_for_platform_admins(client, login, mailbox):
    imported = Organisation(name="TESTVIK KOMMUNE", orgnr=VALID, kind=OrgKind.KOMMUNE, side=OrgSide.BUYER,
                            is_imported=True, external_id="doffin:1", verification=VerificationStatus.PENDING)
    db.session.add(imported)
    user = make_user()
    platform_admin = make_user(email="plattform@moteplassen.no", admin=True)
    db.session.commit()
    resp = login(client, user).post("/organisasjoner/ny", data=form_data())
    assert resp.status_code == 302
    db.session.expire_all()
    orgs = db.session.scalars(db.select(Organisation)).all()
    assert [o.id for o in orgs] == [imported.id]
    assert imported.name == "TESTVIK KOMMUNE" and imported.external_id == "doffin:1"
    assert imported.verification == VerificationStatus.PENDING
    assert imported.memberships == []
    [mail] = mailbox.to(platform_admin.email)
    assert f"/admin/organisasjoner/{imported.id}" in mail_text(mail)


def test_a_rejected_organisation_takes_no_requests_and_none_are_approved(client, login, req):
    from portal.organisations import services_claims
    from portal.organisations.models import VerificationStatus

    rejected = make_org(name="Avvist AS", kind=OrgKind.BEDRIFT)
    rejected.verification = VerificationStatus.REJECTED
    user = make_user()
    db.session.commit()
    page = login(client, user).post("/organisasjoner/ny", data=form_data(orgnr=rejected.orgnr)).get_data(as_text=True)
    assert "Organisasjonen er avvist av Møteplassen og kan ikke få nye medlemmer" in page
    assert db.session.scalar(db.select(db.func.count(OrganisationClaim.id))) == 0
    # A request made before the rejection cannot be approved afterwards either.
    claim = OrganisationClaim(user=user, organisation=rejected)
    db.session.add(claim)
    db.session.flush()
    with pytest.raises(services.OrganisationError):
        services_claims.approve_claim(make_user(admin=True), claim)
    assert rejected.memberships == []


def test_an_unconfirmed_address_cannot_register_or_claim_an_organisation(client, login):
    existing = make_org(name="Eksisterende AS", kind=OrgKind.BEDRIFT, admins=[make_user()])
    user = make_user(confirmed=False)
    db.session.commit()
    page = login(client, user).get("/organisasjoner/ny").get_data(as_text=True)
    assert "Bekreft e-postadressen din før du registrerer en organisasjon" in page and 'name="orgnr"' not in page
    for orgnr in (VALID, existing.orgnr):  # a new organisation, or a request to join one
        resp = client.post("/organisasjoner/ny", data=form_data(orgnr=orgnr, kind="bedrift"))
        assert resp.status_code == 403
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
    assert db.session.scalar(db.select(db.func.count(OrganisationClaim.id))) == 0
