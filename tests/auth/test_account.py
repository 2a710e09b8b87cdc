"""Min konto: name and language, password change, e-mail change, data export, deletion."""

import json

from portal.auth.models import User
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.auth.helpers import form_login, link_path, masked, text
from tests.conftest import mail_text
from tests.factories import PASSWORD, make_org, make_user

NEW = "et-helt-nytt-passord"


def _logged_in(client, email="kari@example.no", **kw):
    user = make_user(email=email, **kw)
    db.session.commit()
    assert form_login(client, email, PASSWORD).status_code == 302
    return user


def test_account_requires_login(client):
    for path in ["/konto", "/konto/eksport", "/konto/slett"]:
        resp = client.get(path)
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/logg-inn")


def test_account_page_shows_all_sections(client):
    _logged_in(client)
    page = text(client.get("/konto"))
    for heading in ["Navn og språk", "Bytt passord", "Bytt e-postadresse", "Last ned mine data", "Slett kontoen min"]:
        assert heading in page


def test_change_name_and_language(client):
    user = _logged_in(client)
    resp = client.post("/konto/profil", data={"profile-name": "Kari Hansen", "profile-locale": "en"})
    assert resp.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.locale) == ("Kari Hansen", "en")


def test_change_name_refuses_empty_name(client):
    _logged_in(client)
    resp = client.post("/konto/profil", data={"profile-name": "", "profile-locale": "nb"})
    assert resp.status_code == 400 and "Skriv inn navnet ditt." in text(resp)


def test_password_change_logs_out_other_sessions_but_keeps_this_one(app, client, login, mailbox):
    user = _logged_in(client)
    other = login(app.test_client(), user)
    remembered = app.test_client()
    assert form_login(remembered, "kari@example.no", PASSWORD, remember=True).status_code == 302
    cookie = remembered.get_cookie("remember_token")
    assert cookie is not None
    only_cookie = app.test_client()
    only_cookie.set_cookie("remember_token", cookie.value)
    assert only_cookie.get("/konto").status_code == 200  # the remember cookie works before the change

    resp = client.post("/konto/passord", data={"pw-current_password": PASSWORD, "pw-password": NEW,
                                               "pw-password_repeat": NEW})
    assert resp.status_code == 302
    assert client.get("/konto").status_code == 200
    for stale in (other, only_cookie):
        resp = stale.get("/konto")
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/logg-inn")
    assert any("endret" in m["Subject"] for m in mailbox.to("kari@example.no"))


def test_password_change_with_a_remember_cookie_keeps_it_working(app, client):
    _logged_in(client)
    client2 = app.test_client()
    form_login(client2, "kari@example.no", PASSWORD, remember=True)
    client2.post("/konto/passord", data={"pw-current_password": PASSWORD, "pw-password": NEW,
                                         "pw-password_repeat": NEW})
    fresh = app.test_client()
    fresh.set_cookie("remember_token", client2.get_cookie("remember_token").value)
    assert fresh.get("/konto").status_code == 200


def test_password_change_needs_the_current_password(client):
    user = _logged_in(client)
    token = user.session_token
    resp = client.post("/konto/passord", data={"pw-current_password": "feil-passord", "pw-password": NEW,
                                               "pw-password_repeat": NEW})
    page = text(resp)
    assert resp.status_code == 400 and 'id="pw-current_password-error"' in page and "Passordet er feil." in page
    db.session.refresh(user)
    assert user.session_token == token


def test_email_change_flow(client, mailbox):
    user = _logged_in(client)
    resp = client.post("/konto/epost", data={"email-email": "Ny@Example.no", "email-current_password": PASSWORD})
    assert resp.status_code == 302
    db.session.refresh(user)
    assert user.email == "kari@example.no"  # not until confirmed
    [mail] = mailbox.to("ny@example.no")
    path = link_path(mail, "/bekreft-epost/")
    assert "E-postadressen er endret til ny@example.no" in text(client.get(path, follow_redirects=True))
    db.session.refresh(user)
    assert user.email == "ny@example.no" and user.is_confirmed
    notice = [m for m in mailbox.to("kari@example.no") if "endret" in m["Subject"]]
    assert notice and "ny@example.no" in notice[0].get_body(preferencelist=("plain",)).get_content()
    # The link works once; the new address logs in, the old one no longer does.
    assert client.get(path).status_code == 400
    client.post("/logg-ut")
    assert form_login(client, "kari@example.no", PASSWORD).status_code == 401
    assert form_login(client, "ny@example.no", PASSWORD).status_code == 302


def test_email_change_to_a_taken_address_looks_the_same_and_tells_its_owner(client, mailbox):
    make_user(email="opptatt@example.no")
    user = _logged_in(client)
    answers = []
    for new in ("OPPTATT@example.no", "ledig@example.no"):
        resp = client.post("/konto/epost", data={"email-email": new, "email-current_password": PASSWORD})
        answers.append((resp.status_code, resp.headers["Location"],
                        masked(text(client.get("/konto")), new)))
    assert answers[0] == answers[1]
    [owner_mail] = mailbox.to("opptatt@example.no")
    assert "allerede en konto" in owner_mail["Subject"] and "/bekreft-epost/" not in mail_text(owner_mail)
    assert link_path(owner_mail, "/glemt-passord")
    db.session.refresh(user)
    assert user.email == "kari@example.no"


def test_email_change_refuses_a_wrong_password(client, mailbox):
    _logged_in(client)
    page = text(client.post("/konto/epost", data={"email-email": "ledig@example.no",
                                                  "email-current_password": "feil"}))
    assert "Passordet er feil." in page
    assert len(mailbox) == 0


def test_export_data_is_a_json_attachment(client):
    user = _logged_in(client, name="Kari Nordmann")
    org = make_org(name="Fjellby kommune", members=[user])
    db.session.commit()
    resp = client.get("/konto/eksport")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(resp.get_data(as_text=True))
    assert data["profile"]["email"] == "kari@example.no" and data["profile"]["name"] == "Kari Nordmann"
    assert data["memberships"][0]["organisation"] == "Fjellby kommune"
    assert data["memberships"][0]["organisation_id"] == org.id and data["memberships"][0]["role"] == "member"


def test_delete_account_keeps_the_organisation(client, mailbox):
    user = _logged_in(client)
    colleague = make_user(email="kollega@example.no")
    org = make_org(name="Fjellby kommune", admins=[colleague], members=[user])
    db.session.commit()
    assert "Slett kontoen" in text(client.get("/konto/slett"))
    resp = client.post("/konto/slett", data={"current_password": PASSWORD, "confirm": "y"})
    assert resp.status_code == 302
    assert "Kontoen din er slettet" in text(client.get(resp.headers["Location"]))
    db.session.expire_all()
    stored = db.session.get(User, user.id)
    assert stored.name == "Slettet bruker" and stored.email is None and stored.password_hash is None
    assert stored.deleted_dt is not None and stored.memberships == []
    org = db.session.get(Organisation, org.id)
    assert [m.user_id for m in org.memberships] == [colleague.id]
    assert client.get("/konto").status_code == 302
    assert form_login(client, "kari@example.no", PASSWORD).status_code == 401
    assert mailbox.to("kari@example.no"), "a last mail confirms the deletion"


def test_delete_account_needs_password_and_checkbox(client):
    user = _logged_in(client)
    resp = client.post("/konto/slett", data={"current_password": "feil", "confirm": "y"})
    assert resp.status_code == 400 and "Passordet er feil." in text(resp)
    resp = client.post("/konto/slett", data={"current_password": PASSWORD})
    assert resp.status_code == 400 and "Kryss av" in text(resp)
    db.session.refresh(user)
    assert user.deleted_dt is None


def test_only_admin_must_hand_over_before_deleting(client):
    user = _logged_in(client)
    member = make_user()
    make_org(name="Lille Sosiale AS", kind="sosial_entreprenor", admins=[user], members=[member])
    db.session.commit()
    page = text(client.get("/konto/slett"))
    assert "eneste administrator for Lille Sosiale AS" in page
    resp = client.post("/konto/slett", data={"current_password": PASSWORD, "confirm": "y"})
    assert resp.status_code == 400 and "Gi administratorrollen til et annet medlem" in text(resp)
    db.session.refresh(user)
    assert user.deleted_dt is None and user.email == "kari@example.no"


def test_only_member_and_admin_may_delete(client):
    user = _logged_in(client)
    org = make_org(name="Enkeltmannsforetak", kind="bedrift", admins=[user])
    db.session.commit()
    assert client.post("/konto/slett", data={"current_password": PASSWORD, "confirm": "y"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, org.id) is not None
