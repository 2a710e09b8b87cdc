"""Authorisation matrix, part two: people whose tie to an organisation grants nothing.

Four roles, each with its "own" buyer organisation that owns a published need (in dialogue) with
a supplier's confidential input and an interest, and a DRAFT need:

- «member of a pending organisation»: a Membership row in an imported, PENDING buyer (what the
  old claim-by-orgnr rule created), and an API key row made while it was pending;
- «member of a rejected organisation»: admin of a buyer with an API key, then rejected through
  the real service;
- «claimant of an imported organisation»: went through the web form with the imported orgnr;
- «holder of someone else's invitation link»: used a link addressed to another person.

Every GET route of the URL map (EXPECTED of test_authz_matrix names the policy) is requested with
the role's own objects: routes for owners/members never answer 200, and no body shows the draft's
title, the confidential input or the interested (hidden) supplier. Owner-only POSTs change
nothing, and the role's API key writes nothing and reads nothing confidential.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from portal.db import utcnow
from portal.extensions import db
from portal.needs.models import Need, NeedStatus
from portal.opendata.models import ApiKey
from portal.opendata.services import create_api_key, hash_key
from portal.organisations.models import Invitation, MemberRole, Membership, OrgKind, VerificationStatus
from portal.organisations.services import hash_token, reject_organisation
from portal.suppliers.models import Interest, NeedInput
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need
from tests.security.test_authz_matrix import (
    BUYER,
    EXPECTED,
    HIDDEN_PROFILE,
    INPUT,
    ORG_ADMIN_OR_ADMIN,
    OWN_SEARCH,
    OWN_SUPPLIER_ONLY,
    OWNER,
    OWNER_OR_ADMIN,
    PARTICIPANT,
    SUPPLIER,
    rule_values,
)

ROLES = ("pending_member", "rejected_member", "claimant")
INTERESTED = "Skjult Interessent Piggsvin AS"
# Policies under which only members (of the owning org, of a verified org) get a 200.
MEMBERS_ONLY = [BUYER, HIDDEN_PROFILE, INPUT, ORG_ADMIN_OR_ADMIN, OWN_SEARCH, OWN_SUPPLIER_ONLY, OWNER,
                OWNER_OR_ADMIN, PARTICIPANT, SUPPLIER]


def _secrets(tag: str) -> tuple[str, str]:
    return f"Hemmelig utkast {tag}", f"Konfidensielt innspill {tag}"


def _owned(org, tag: str, supplier, supplier_org) -> SimpleNamespace:
    """A published need with a confidential input and an interest, and a draft, owned by `org`."""
    draft_title, confidential = _secrets(tag)
    w = SimpleNamespace(org=org, tag=tag)
    w.draft = make_need(org, title=draft_title, status=NeedStatus.DRAFT)
    w.need = make_need(org, title=f"Skoleskyss {tag}", status=NeedStatus.IN_DIALOGUE)
    w.input = NeedInput(need=w.need, organisation=supplier_org, author_id=supplier.id, text=confidential,
                        is_confidential=True, is_published=False)
    db.session.add_all([w.input, Interest(need=w.need, organisation=supplier_org, user_id=supplier.id)])
    db.session.flush()
    return w


@pytest.fixture
def uworld(app, client, login):
    from portal.suppliers import services as supplier_services

    with app.test_request_context("/"):
        supplier = make_user(name="Siri Leverandør")
        supplier_org = make_org(name=INTERESTED, kind="bedrift", admins=[supplier], municipality="4601")
        profile = supplier_services.get_or_create_profile(supplier_org)
        supplier_services.update_profile(None, profile, {"is_public": False})
        admin = make_user(name="Per Plattform", admin=True)
        roles = {}

        # Member of a pending (imported) organisation, as the old claim rule left it, with a key row.
        user = make_user(name="Petter Ventende")
        org = make_org(name="Importby kommune", verified=False)
        org.is_imported = True
        db.session.add(Membership(user=user, organisation=org, role=MemberRole.ADMIN))
        w = _owned(org, "Piggvar", supplier, supplier_org)
        w.key = "mp_pending0_" + "p" * 40
        db.session.add(ApiKey(organisation=org, name="Saksbehandling", key_hash=hash_key(w.key), prefix=w.key[:11]))
        roles["pending_member"] = (user, w)

        # Member of a rejected organisation: a key made while verified, then the real reject service.
        user = make_user(name="Ragnhild Avvist")
        org = make_org(name="Avvistby kommune", admins=[user])
        w = _owned(org, "Rødspette", supplier, supplier_org)
        _row, w.key = create_api_key(user, org, {"name": "Saksbehandling"})
        reject_organisation(admin, org, "Ikke en offentlig virksomhet.")
        roles["rejected_member"] = (user, w)

        # Claimant of an imported organisation (the web form, below).
        user = make_user(name="Kjell Krever")
        org = make_org(name="Kravby kommune", verified=False)
        org.is_imported = True
        w = _owned(org, "Kveite", supplier, supplier_org)
        w.key = None
        roles["claimant"] = (user, w)
        db.session.commit()
        from flask import g

        g.pop("mail_queued", None)

    user, w = roles["claimant"]
    resp = login(client, user).post("/organisasjoner/ny", data={
        "kind": "kommune", "name": "Kravby kommune", "orgnr": w.org.orgnr, "municipality": "0301",
        "contact_email": "post@kravby.no"})
    assert resp.status_code == 302
    return SimpleNamespace(roles=roles, profile=profile, supplier=supplier, supplier_org=supplier_org)


@pytest.fixture
def role_clients(app, uworld, login):
    return {role: login(app.test_client(), user, w.org) for role, (user, w) in uworld.roles.items()}


def _url(rule, uw, w, need) -> str:
    ids = {"need_id": need.id, "org_id": w.org.id, "profile_id": uw.profile.id, "supplier_id": uw.profile.id,
           "input_id": w.input.id}
    return rule.build(rule_values(rule, ids), append_unknown=False)[1]


def _leaks(text: str, w) -> list[str]:
    return [s for s in (*_secrets(w.tag), INTERESTED) if s in text]


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix_unverified_roles(app, uworld, role_clients, role):
    """Every GET route with the role's own need, draft and organisation: no member page, no secret."""
    _user, w = uworld.roles[role]
    client = role_clients[role]
    problems = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        members_only = any(EXPECTED[rule.endpoint] is p for p in MEMBERS_ONLY)
        for need in ([w.need, w.draft] if "need_id" in rule.arguments else [w.need]):
            url = _url(rule, uworld, w, need)
            resp = client.get(url)
            body = resp.get_data(as_text=True)
            resp.close()
            if resp.status_code == 500:
                problems.append(f"GET {url}: 500")
            elif (members_only or need is w.draft) and resp.status_code < 300:
                problems.append(f"GET {url}: {resp.status_code} (members only)")
            if leaked := _leaks(body, w):
                problems.append(f"GET {url}: shows {leaked}")
    assert not problems, "\n".join(problems)


def _owner_posts(w) -> list[tuple[str, dict]]:
    n, d = w.need.id, w.draft.id
    return [
        (f"/behov/{n}/rediger/om", {"kind": "need", "title": "Overtatt tittel", "summary": "Kort", "problem_md": "x"}),
        (f"/behov/{n}/avlys", {"reason": "Overtatt"}),
        (f"/behov/{n}/status", {"status": "closed", "reason": "Overtatt"}),
        (f"/behov/{d}/publiser", {}),
        (f"/behov/{d}/slett", {}),
        ("/behov/ny", {"kind": "need", "title": "Nytt behov", "summary": "Kort", "problem_md": "Lang"}),
        (f"/behov/{n}/innspill/{w.input.id}/publiser", {}),
        (f"/organisasjoner/{w.org.id}/api-nokler", {"name": "Min nøkkel"}),
        (f"/organisasjoner/{w.org.id}/inviter", {"email": "kompis@example.no"}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_owner_posts_change_nothing(app, uworld, role_clients, role):
    _user, w = uworld.roles[role]
    client = role_clients[role]
    keys_before = db.session.scalar(db.select(db.func.count(ApiKey.id)))
    for url, data in _owner_posts(w):
        resp = client.post(url, data=data)
        assert resp.status_code in (302, 403, 404), f"POST {url}: {resp.status_code}"
        assert "/logg-inn" not in resp.headers.get("Location", "")
    db.session.expire_all()
    need, draft = db.session.get(Need, w.need.id), db.session.get(Need, w.draft.id)
    assert need.title == f"Skoleskyss {w.tag}" and need.status == NeedStatus.IN_DIALOGUE
    assert draft is not None and draft.status == NeedStatus.DRAFT
    assert db.session.scalar(db.select(db.func.count(Need.id)).where(Need.organisation_id == w.org.id)) == 2
    assert db.session.scalar(db.select(db.func.count(ApiKey.id))) == keys_before
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0
    assert not db.session.get(NeedInput, w.input.id).is_published


@pytest.mark.parametrize("role", ["pending_member", "rejected_member"])
def test_api_key_of_unverified_org_writes_and_reads_nothing(app, uworld, role):
    _user, w = uworld.roles[role]
    auth = {"Authorization": f"Bearer {w.key}"}
    client = app.test_client()  # no session: the key alone
    resp = client.patch(f"/api/v1/needs/{w.need.id}", json={"status": "cancelled", "status_reason": "Overtatt"},
                        headers=auth)
    assert resp.status_code == 401 and resp.mimetype == "application/problem+json"
    resp = client.post("/api/v1/needs", json={"title": "Nytt behov", "summary": "Kort", "problem_md": "Lang",
                                              "kind": "need", "cpv": ["60100000"]}, headers=auth)
    assert resp.status_code == 401
    for url in (f"/api/v1/needs/{w.need.id}/inputs", f"/api/v1/needs/{w.draft.id}", f"/api/v1/needs/{w.need.id}"):
        assert not _leaks(client.get(url, headers=auth).get_data(as_text=True), w)
    db.session.expire_all()
    assert db.session.get(Need, w.need.id).status == NeedStatus.IN_DIALOGUE
    assert db.session.scalar(db.select(db.func.count(Need.id)).where(Need.organisation_id == w.org.id)) == 2


def test_rejection_left_no_member_key_or_claim(uworld):
    _user, w = uworld.roles["rejected_member"]
    db.session.expire_all()
    assert w.org.verification == VerificationStatus.REJECTED and w.org.memberships == []
    assert all(k.revoked_dt is not None for k in db.session.scalars(
        db.select(ApiKey).where(ApiKey.organisation_id == w.org.id)))


@pytest.fixture
def invitation_holder(app, client, login):
    """A logged-in user holding a valid link that the owning buyer sent to someone else."""
    owner = make_user(name="Eva Eier")
    org = make_org(name="Eierby kommune", kind=OrgKind.KOMMUNE, admins=[owner])
    draft = make_need(org, title="Hemmelig utkast Zebrafinke", status=NeedStatus.DRAFT)
    token = "lenke-til-en-annen-" + "x" * 20
    db.session.add(Invitation(organisation=org, email="invitert@eierby.kommune.no", token_hash=hash_token(token),
                              invited_by_id=owner.id, created_dt=utcnow() - timedelta(hours=1)))
    holder = make_user(email="finner@example.no", name="Finn Finner")
    db.session.commit()
    login(client, holder)
    client.post(f"/invitasjon/{token}")
    return SimpleNamespace(org=org, draft=draft, holder=holder)


def test_holder_of_someone_elses_invitation_sees_no_drafts(client, invitation_holder):
    draft = invitation_holder.draft
    assert client.get(f"/behov/{draft.id}/forhandsvis").status_code in (403, 404)
    assert client.get(f"/behov/{draft.id}").status_code in (403, 404)
    assert draft.title not in client.get("/behov/mine").get_data(as_text=True)


def test_new_input_is_not_mailed_to_a_pending_member(app, uworld, login, mailbox):
    user, w = uworld.roles["pending_member"]
    supplier = login(app.test_client(), uworld.supplier, uworld.supplier_org)
    resp = supplier.post(f"/behov/{w.need.id}/innspill", data={"input-text": "Nytt hemmelig innspill",
                                                               "input-is_confidential": "y"})
    assert resp.status_code == 302
    assert db.session.scalar(db.select(db.func.count(NeedInput.id)).where(NeedInput.need_id == w.need.id)) == 2
    assert mailbox.to(user.email) == []
