"""An invitation works only for the address it was sent to (confirmed), not for whoever holds the link."""

import re

import pytest

from portal.auth.models import User
from portal.extensions import db
from portal.organisations import services
from portal.organisations.models import Invitation
from tests.auth.helpers import link_path
from tests.conftest import mail_text
from tests.factories import PASSWORD, make_org, make_user
from tests.suppliers.factories import make_need

LINK = re.compile(r"http://localhost(/invitasjon/([\w-]+))")
INVITED = "kari.kollega@bergen.kommune.no"
DRAFT = "Hemmelig utkast: nedleggelse av skole"


@pytest.fixture
def invited(client, login, mailbox):
    """A buyer organisation with a draft need; an invitation to INVITED was sent. Returns (org, draft, path, token)."""
    admin = make_user(name="Anne Admin")
    org = make_org(name="Bergen kommune", admins=[admin])
    draft = make_need(org, status="draft", title=DRAFT)
    db.session.commit()
    assert login(client, admin).post(f"/organisasjoner/{org.id}/inviter", data={"email": INVITED}).status_code == 302
    client.post("/logg-ut")
    with client.session_transaction() as sess:
        sess.clear()
    path, token = LINK.search(mail_text(mailbox.to(INVITED)[0])).groups()
    return org, draft, path, token


def _members(org) -> set[int]:
    db.session.expire_all()
    return {m.user_id for m in org.memberships}


def test_outsider_with_the_link_cannot_join_or_see_drafts(client, login, invited):
    org, draft, path, _token = invited
    outsider = make_user(email="ola@example.no", name="Ola Utenfor")
    db.session.commit()
    login(client, outsider)
    page = client.get(path).get_data(as_text=True)
    assert "k***@bergen.kommune.no" in page and INVITED not in page
    assert "Bli med i Bergen kommune" not in page and "Logg ut" in page
    resp = client.post(path)
    assert resp.status_code == 403 and "k***@bergen.kommune.no" in resp.get_data(as_text=True)
    assert outsider.id not in _members(org)
    assert client.get(f"/behov/{draft.id}").status_code == 404
    assert DRAFT not in client.get("/").get_data(as_text=True)
    inv = db.session.scalar(db.select(Invitation))
    assert inv.accepted_dt is None and services.invitation_state(inv) == "open"  # not used up

    # The invited person still can.
    kari = make_user(email=INVITED.upper(), name="Kari Kollega")
    db.session.commit()
    login(client, kari)
    resp = client.post(path)
    assert resp.status_code == 302 and resp.headers["Location"] == f"/organisasjoner/{org.id}"
    assert kari.id in _members(org)
    assert DRAFT in client.get(f"/behov/{draft.id}").get_data(as_text=True)


def test_unconfirmed_address_must_be_confirmed_first(client, login, invited):
    org, _draft, path, _token = invited
    kari = make_user(email=INVITED, confirmed=False)
    db.session.commit()
    login(client, kari)
    page = client.get(path).get_data(as_text=True)
    assert "Bekreft e-postadressen din først" in page and "Bli med i" not in page
    assert client.post(path).status_code == 403
    assert kari.id not in _members(org)


def test_invited_person_registers_through_the_link_and_comes_back(client, invited, mailbox):
    org, draft, path, token = invited
    page = client.get(path).get_data(as_text=True)
    register = f"/registrer?invitasjon={token}"
    assert register in page
    form = client.get(register).get_data(as_text=True)
    assert re.search(rf'<input[^>]*value="{re.escape(INVITED)}"[^>]*readonly|<input[^>]*readonly[^>]*value="'
                     rf'{re.escape(INVITED)}"', form), form
    # The address is locked: another one typed into the form is ignored.
    resp = client.post(register, data={"name": "Kari Kollega", "email": "annen@example.no",
                                       "password": PASSWORD, "password_repeat": PASSWORD})
    # Registering logs no one in (the answer must not tell a new address from a taken one): log in next.
    assert resp.status_code == 302 and resp.headers["Location"] == f"/logg-inn?next={path}"
    kari = db.session.scalar(db.select(User).where(User.name == "Kari Kollega"))
    assert kari.email == INVITED and not kari.is_confirmed
    resp = client.post(f"/logg-inn?next={path}", data={"email": INVITED, "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] == path
    assert "Bekreft e-postadressen din først" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 403

    confirm = link_path(mailbox.to(INVITED)[-1], "/bekreft/")
    resp = client.get(confirm)
    assert resp.status_code == 302 and resp.headers["Location"] == path
    assert "Bli med i Bergen kommune" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 302
    assert kari.id in _members(org)
    assert DRAFT in client.get(f"/behov/{draft.id}").get_data(as_text=True)


def test_confirmation_link_opened_logged_out_leads_to_login_then_the_invitation(client, invited, mailbox):
    _org, _draft, path, token = invited
    client.post(f"/registrer?invitasjon={token}", data={"name": "Kari Kollega", "email": INVITED,
                                                        "password": PASSWORD, "password_repeat": PASSWORD})
    client.post("/logg-ut")
    confirm = link_path(mailbox.to(INVITED)[-1], "/bekreft/")
    resp = client.get(confirm)
    assert resp.status_code == 302 and resp.headers["Location"] == f"/logg-inn?next={confirm}"
    resp = client.post(resp.headers["Location"], data={"email": INVITED, "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] == confirm
    resp = client.get(confirm)
    assert resp.status_code == 302 and resp.headers["Location"] == path


def test_registration_with_a_used_or_unknown_invitation_is_ordinary(client):
    form = client.get("/registrer?invitasjon=finnes-ikke").get_data(as_text=True)
    assert "readonly" not in form


def test_masked_email():
    assert services.masked_email("kari@bergen.kommune.no") == "k***@bergen.kommune.no"
