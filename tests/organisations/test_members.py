"""Invitations, removing members, handing over the admin role, leaving, switching organisation."""

import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.organisations import services
from portal.organisations.models import Invitation, MemberRole, Membership
from tests.conftest import mail_text
from tests.factories import make_org, make_user

LINK = re.compile(r"http://localhost(/invitasjon/[\w-]+)")


def _invite(client, org, email):
    return client.post(f"/organisasjoner/{org.id}/inviter", data={"email": email})


@pytest.fixture
def team():
    admin, member, outsider = make_user(name="Anne Admin"), make_user(name="Mons Medlem"), make_user(name="Ola Ute")
    org = make_org(name="Testvik kommune", admins=[admin], members=[member])
    db.session.commit()
    return org, admin, member, outsider


def test_invitation_mail_link_works_once(client, login, mailbox, team):
    org, admin, member, outsider = team
    resp = _invite(login(client, admin), org, "Ny.Kollega@Example.no")
    assert resp.status_code == 302
    [mail] = mailbox.to("ny.kollega@example.no")
    assert "Testvik kommune" in mail["Subject"]
    body = mail_text(mail)
    assert "Anne Admin" in body
    path = LINK.search(body).group(1)
    token = path.rsplit("/", 1)[1]
    inv = db.session.scalar(db.select(Invitation))
    assert inv.token_hash != token and len(inv.token_hash) == 64  # only the hash is stored

    # Anonymous: told which (masked) address the invitation is for, asked to log in or register with it.
    client.post("/logg-ut")
    with client.session_transaction() as sess:
        sess.clear()
    page = client.get(path).get_data(as_text=True)
    assert "n***@example.no" in page and "ny.kollega@example.no" not in page
    assert f"/logg-inn?next={path}" in page and f"/registrer?invitasjon={token}" in page
    assert client.post(path).headers["Location"].startswith("/logg-inn")

    # The invited address (any case, confirmed) accepts.
    invited = make_user(email="NY.kollega@example.no", name="Nina Ny")
    db.session.commit()
    login(client, invited)
    assert "Bli med i Testvik kommune" in client.get(path).get_data(as_text=True)
    resp = client.post(path)
    assert resp.status_code == 302 and resp.headers["Location"] == f"/organisasjoner/{org.id}"
    db.session.expire_all()
    assert any(m.user_id == invited.id and m.role == MemberRole.MEMBER for m in org.memberships)
    assert "Handler for" in client.get("/organisasjoner/mine").get_data(as_text=True)

    # Single use.
    resp = client.get(path)
    assert resp.status_code == 410 and "allerede brukt" in resp.get_data(as_text=True)
    assert client.post(path).status_code == 410


def test_invitation_expires_after_14_days(client, login, mailbox, team):
    org, admin, member, outsider = team
    _invite(login(client, admin), org, "sen@example.no")
    path = LINK.search(mail_text(mailbox.to("sen@example.no")[0])).group(1)
    inv = db.session.scalar(db.select(Invitation))
    inv.created_dt = inv.created_dt - timedelta(days=14, minutes=1)
    db.session.commit()
    login(client, outsider)
    resp = client.get(path)
    assert resp.status_code == 410 and "utløpt" in resp.get_data(as_text=True)
    assert client.post(path).status_code == 410
    assert not any(m.user_id == outsider.id for m in org.memberships)


def test_revoked_invitation_no_longer_works(client, login, mailbox, team):
    org, admin, member, outsider = team
    _invite(login(client, admin), org, "angre@example.no")
    path = LINK.search(mail_text(mailbox.to("angre@example.no")[0])).group(1)
    inv = db.session.scalar(db.select(Invitation))
    page = client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert "angre@example.no" in page
    resp = client.post(f"/organisasjoner/{org.id}/invitasjoner/{inv.id}/trekk-tilbake", follow_redirects=True)
    assert "Invitasjonen til angre@example.no er trukket tilbake." in resp.get_data(as_text=True)
    assert "angre@example.no" not in client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    login(client, outsider)
    resp = client.get(path)
    assert resp.status_code == 410 and "trukket tilbake" in resp.get_data(as_text=True)
    assert client.post(path).status_code == 410


def test_unknown_invitation_token_is_404(client):
    resp = client.get("/invitasjon/finnes-ikke")
    assert resp.status_code == 404 and "fant ikke invitasjonen" in resp.get_data(as_text=True)


def test_invite_form_errors_and_existing_member(client, login, team):
    org, admin, member, outsider = team
    login(client, admin)
    page = _invite(client, org, "ikke-en-adresse").get_data(as_text=True)
    assert 'id="email-error"' in page and "Skriv en gyldig e-postadresse" in page
    page = _invite(client, org, member.email.upper()).get_data(as_text=True)
    assert "allerede medlem" in page
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == 0


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("outsider", 403), ("member", 403), ("admin", 302)])
def test_only_org_admins_invite(client, login, team, who, status):
    org, admin, member, outsider = team
    if who != "anonymous":
        login(client, {"outsider": outsider, "member": member, "admin": admin}[who])
    resp = _invite(client, org, "x@example.no")
    assert resp.status_code == status
    if who == "anonymous":
        assert "/logg-inn" in resp.headers["Location"]
    expected = 1 if who == "admin" else 0
    assert db.session.scalar(db.select(db.func.count(Invitation.id))) == expected


def test_members_list_only_for_members(client, login, team):
    org, admin, member, outsider = team
    public = client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert "Testvik kommune" in public and member.email not in public and "Medlemmer" not in public
    as_outsider = login(client, outsider).get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert member.email not in as_outsider
    as_member = login(client, member).get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert member.email in as_member and "Send invitasjon" not in as_member and "Gjør til administrator" not in as_member
    as_admin = login(client, admin).get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert "Send invitasjon" in as_admin and "Gjør til administrator" in as_admin


def test_unknown_org_is_404(client):
    assert client.get("/organisasjoner/999999").status_code == 404


def _membership(org, user):
    return db.session.scalar(db.select(Membership).filter_by(organisation_id=org.id, user_id=user.id))


def test_admin_removes_member(client, login, team):
    org, admin, member, outsider = team
    m = _membership(org, member)
    login(client, member)
    assert client.post(f"/organisasjoner/{org.id}/medlemmer/{m.id}/fjern").status_code == 403
    login(client, admin)
    resp = client.post(f"/organisasjoner/{org.id}/medlemmer/{m.id}/fjern", follow_redirects=True)
    assert "Mons Medlem er fjernet fra organisasjonen." in resp.get_data(as_text=True)
    db.session.expire_all()
    assert _membership(org, member) is None


def test_membership_of_other_org_is_404(client, login, team):
    org, admin, member, outsider = team
    other = make_org(admins=[outsider])
    db.session.commit()
    m = _membership(other, outsider)
    login(client, admin)
    assert client.post(f"/organisasjoner/{org.id}/medlemmer/{m.id}/fjern").status_code == 404
    assert _membership(other, outsider) is not None


def test_hand_over_admin_role(client, login, team):
    org, admin, member, outsider = team
    login(client, admin)
    m_member, m_admin = _membership(org, member), _membership(org, admin)
    # The only admin cannot step down yet.
    resp = client.post(f"/organisasjoner/{org.id}/medlemmer/{m_admin.id}/fjern-administrator", follow_redirects=True)
    assert "minst én administrator" in resp.get_data(as_text=True)
    client.post(f"/organisasjoner/{org.id}/medlemmer/{m_member.id}/gjor-til-administrator")
    client.post(f"/organisasjoner/{org.id}/medlemmer/{m_admin.id}/fjern-administrator")
    db.session.expire_all()
    assert _membership(org, member).role == MemberRole.ADMIN
    assert _membership(org, admin).role == MemberRole.MEMBER
    # The former admin has lost the admin tools.
    assert client.post(f"/organisasjoner/{org.id}/inviter", data={"email": "a@example.no"}).status_code == 403


def test_cannot_remove_last_admin(req, team):
    org, admin, member, outsider = team
    with pytest.raises(services.OrganisationError, match="minst én administrator"):
        services.remove_member(admin, _membership(org, admin))
    with pytest.raises(services.OrganisationError):
        services.leave_organisation(admin, _membership(org, admin))
    assert _membership(org, admin) is not None


def test_member_can_leave_but_last_admin_cannot(client, login, team):
    org, admin, member, outsider = team
    resp = login(client, member).post(f"/organisasjoner/{org.id}/forlat")
    assert resp.status_code == 302 and resp.headers["Location"] == "/organisasjoner/mine"
    assert client.post(f"/organisasjoner/{org.id}/forlat").status_code == 403  # no longer a member
    resp = login(client, admin).post(f"/organisasjoner/{org.id}/forlat", follow_redirects=True)
    assert "minst én administrator" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert _membership(org, member) is None and _membership(org, admin) is not None


def test_switch_org(client, login, team):
    org, admin, member, outsider = team
    second = make_org(name="Nabovik kommune", members=[admin], admins=[outsider])
    db.session.commit()
    login(client, admin, org)
    page = client.get("/organisasjoner/mine").get_data(as_text=True)
    assert "Testvik kommune" in page and "Nabovik kommune" in page and "Bytt til" in page
    resp = client.post(f"/organisasjoner/{second.id}/bytt", follow_redirects=True)
    assert "Du handler nå for Nabovik kommune." in resp.get_data(as_text=True)
    header = client.get("/").get_data(as_text=True)
    assert f'Handler for: <a class="ds-link" href="/organisasjoner/{second.id}">Nabovik kommune</a>' in header


def test_cannot_switch_to_org_you_are_not_member_of(client, login, team):
    org, admin, member, outsider = team
    login(client, member, org)
    other = make_org(name="Fremmed kommune", admins=[outsider])
    db.session.commit()
    assert client.post(f"/organisasjoner/{other.id}/bytt").status_code == 403
    assert "Fremmed kommune" not in client.get("/").get_data(as_text=True)
    assert client.post("/organisasjoner/999999/bytt").status_code == 404


def test_switch_next_is_safe(client, login, team):
    org, admin, member, outsider = team
    login(client, admin)
    resp = client.post(f"/organisasjoner/{org.id}/bytt", data={"next": "https://evil.example/"})
    assert resp.headers["Location"] == "/organisasjoner/mine"
    resp = client.post(f"/organisasjoner/{org.id}/bytt", data={"next": "/behov"})
    assert resp.headers["Location"] == "/behov"


def test_mine_requires_login_and_lists_nothing_for_new_user(client, login):
    assert "/logg-inn" in client.get("/organisasjoner/mine").headers["Location"]
    user = make_user()
    db.session.commit()
    page = login(client, user).get("/organisasjoner/mine").get_data(as_text=True)
    assert "ikke medlem av noen organisasjon" in page


def test_reinvite_replaces_old_link(req, team, mailbox):
    org, admin, member, outsider = team
    first, _ = services.invite_member(admin, org, "to@example.no")
    second, token = services.invite_member(admin, org, "to@example.no")
    assert services.invitation_state(first) == "revoked" and services.invitation_state(second) == "open"
    assert services.find_invitation(token) is second


def test_huge_ids_are_404_not_500(client, login, team):
    org, admin, member, outsider = team
    login(client, admin)
    assert client.get("/organisasjoner/99999999999999999999").status_code == 404
    assert client.post(f"/organisasjoner/{org.id}/medlemmer/99999999999999999999/fjern").status_code == 404


def test_the_only_admin_of_a_pending_organisation_can_leave_it_from_its_page(client, login):
    from portal.organisations.models import Organisation

    user = make_user()
    org = make_org(name="Ventevik kommune", verified=False, admins=[user])
    db.session.commit()
    page = login(client, user).get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert "Venter på verifisering" in page and "Forlat organisasjonen" in page
    resp = client.post(f"/organisasjoner/{org.id}/forlat")
    assert resp.status_code == 302 and resp.headers["Location"] == "/organisasjoner/mine"
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).memberships == []
