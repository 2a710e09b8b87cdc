"""Register, confirm, log in/out, rate limits, password reset, CSRF and safe redirects."""

import re
import time

import itsdangerous
import pytest

from portal.auth.models import User
from portal.extensions import db
from tests.auth.helpers import form_login, link_path, text
from tests.factories import PASSWORD, make_user

NEW = "et-helt-nytt-passord"


def _register(client, email="Kari@Example.no", **extra):
    data = {"name": "Kari Nordmann", "email": email, "password": PASSWORD, "password_repeat": PASSWORD, **extra}
    return client.post("/registrer", data=data)


def test_register_confirm_login_journey(app, client, mailbox):
    resp = _register(client)
    assert resp.status_code == 302 and resp.headers["Location"] == "/logg-inn"
    user = db.session.scalar(db.select(User))
    assert user.email == "kari@example.no" and user.email_confirmed_dt is None
    assert client.get("/konto").status_code == 302  # not logged in: that would tell a new address from a taken one

    [mail] = mailbox.to("kari@example.no")
    assert "Bekreft e-postadressen" in mail["Subject"]
    assert mail.get_body(preferencelist=("html",)) is not None
    path = link_path(mail, "/bekreft/")
    # The link counts only for the account's holder: logged out, it asks to log in first.
    resp = client.get(path)
    assert resp.status_code == 302 and resp.headers["Location"] == f"/logg-inn?next={path}"
    assert "Logg inn for å bekrefte e-postadressen" in text(client.get(resp.headers["Location"]))
    db.session.refresh(user)
    assert user.email_confirmed_dt is None

    resp = client.post(f"/logg-inn?next={path}", data={"email": "KARI@example.no", "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] == path
    assert "er bekreftet" in text(client.get(path, follow_redirects=True))
    db.session.refresh(user)
    assert user.email_confirmed_dt is not None
    page = text(client.get("/konto"))
    assert "Min konto" in page and "ikke bekreftet" not in page


def test_register_short_password_is_refused(client):
    page = text(_register(client, password="kort", password_repeat="kort"))
    assert "Passordet må ha minst 10 tegn." in page and 'aria-invalid="true"' in page


def test_confirm_link_tampered_or_expired(app, client, mailbox, monkeypatch):
    _register(client)
    path = link_path(mailbox.to("kari@example.no")[0], "/bekreft/")
    assert form_login(client, "kari@example.no", PASSWORD).status_code == 302
    resp = client.get(path[:-3] + "xyz")
    assert resp.status_code == 400 and "ugyldig" in text(resp)
    later = int(time.time()) + app.config["CONFIRM_TOKEN_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)
    resp = client.get(path)
    assert resp.status_code == 400 and "Lenken er utløpt" in text(resp)
    assert "Send ny bekreftelseslenke" in text(resp)  # logged in (as one must be), not yet confirmed


def test_unconfirmed_user_can_ask_for_a_new_link(client, login, mailbox):
    user = make_user(email="ny@example.no", confirmed=False)
    db.session.commit()
    login(client, user)
    resp = client.post("/bekreft/ny-lenke", data={"next": "/konto"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/konto"
    path = link_path(mailbox.to("ny@example.no")[0], "/bekreft/")
    client.get(path)
    db.session.refresh(user)
    assert user.is_confirmed


def test_login_page_links_to_register_and_forgot_password(client):
    page = text(client.get("/logg-inn"))
    assert 'href="/registrer"' in page and 'href="/glemt-passord"' in page and "Husk meg" in page


def test_wrong_password_and_unknown_email_give_the_same_answer(client):
    make_user(email="kari@example.no")
    db.session.commit()
    wrong = text(form_login(client, "kari@example.no", "feil-passord"))
    unknown = text(form_login(client, "ingen@example.no", "feil-passord"))
    assert "Feil e-postadresse eller passord." in wrong and "Feil e-postadresse eller passord." in unknown
    assert client.get("/konto").status_code == 302


def test_login_required_redirects_with_norwegian_message(client):
    resp = client.get("/konto")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/logg-inn?next=")
    assert "Logg inn for å se denne siden." in text(client.get(resp.headers["Location"]))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_offsite_next_is_ignored(client, target):
    make_user(email="kari@example.no")
    db.session.commit()
    resp = form_login(client, "kari@example.no", PASSWORD, next_=target)
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert "evil" not in location and location.startswith("/") and not location.startswith("//")


def test_local_next_is_followed(client):
    make_user(email="kari@example.no")
    db.session.commit()
    resp = form_login(client, "kari@example.no", PASSWORD, next_="/konto")
    assert resp.headers["Location"] == "/konto"


@pytest.mark.config(RATELIMIT_ENABLED=True)
def test_login_is_rate_limited_per_ip(client):
    statuses = [form_login(client, f"ukjent{i}@example.no", "feil").status_code for i in range(10)]
    assert 429 not in statuses
    resp = form_login(client, "ukjent99@example.no", "feil")
    assert resp.status_code == 429
    assert "Du har prøvd for mange ganger. Vent litt og prøv igjen." in text(resp)
    assert client.get("/logg-inn").status_code == 200  # only POST is limited


@pytest.mark.config(RATELIMIT_ENABLED=True)
def test_password_reset_is_rate_limited(client):
    for i in range(5):
        assert client.post("/glemt-passord", data={"email": f"a{i}@example.no"}).status_code == 302
    resp = client.post("/glemt-passord", data={"email": "a9@example.no"})
    assert resp.status_code == 429 and "For mange forsøk" in text(resp)


def test_logout(client):
    make_user(email="kari@example.no")
    db.session.commit()
    form_login(client, "kari@example.no", PASSWORD)
    resp = client.post("/logg-ut", follow_redirects=True)
    assert "Du er logget ut." in text(resp)
    assert client.get("/konto").status_code == 302


def test_logout_is_post_only(client):
    assert client.get("/logg-ut").status_code == 405


def test_password_reset_journey_single_use(client, mailbox):
    make_user(email="kari@example.no")
    db.session.commit()
    resp = client.post("/glemt-passord", data={"email": "Kari@example.no"}, follow_redirects=True)
    assert "Hvis kari@example.no har en konto" in text(resp)
    path = link_path(mailbox.to("kari@example.no")[0], "/nytt-passord/")
    assert client.get(path).status_code == 200
    resp = client.post(path, data={"password": NEW, "password_repeat": NEW})
    assert resp.status_code == 302 and resp.headers["Location"] == "/logg-inn"
    assert any("Passordet ditt på Møteplassen er endret" in m["Subject"] for m in mailbox.to("kari@example.no"))
    assert "Feil e-postadresse eller passord." in text(form_login(client, "kari@example.no", PASSWORD))
    assert form_login(client, "kari@example.no", NEW).status_code == 302
    # The link died with the old password.
    resp = client.get(path)
    assert resp.status_code == 400 and "allerede brukt" in text(resp)
    assert client.post(path, data={"password": "tredje-passordet", "password_repeat": "tredje-passordet"}).status_code == 400


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(client, mailbox):
    resp = client.post("/glemt-passord", data={"email": "ingen@example.no"}, follow_redirects=True)
    assert "Hvis ingen@example.no har en konto" in text(resp)
    assert len(mailbox) == 0


def test_expired_reset_link(app, client, mailbox, monkeypatch):
    make_user(email="kari@example.no")
    db.session.commit()
    client.post("/glemt-passord", data={"email": "kari@example.no"})
    path = link_path(mailbox.to("kari@example.no")[0], "/nytt-passord/")
    later = int(time.time()) + app.config["RESET_TOKEN_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)
    resp = client.get(path)
    assert resp.status_code == 400 and "Lenken er utløpt." in text(resp)


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_login_without_csrf_token_is_rejected(client):
    make_user(email="kari@example.no")
    db.session.commit()
    resp = form_login(client, "kari@example.no", PASSWORD)
    assert resp.status_code == 400 and "Skjemaet var utløpt eller ugyldig" in text(resp)
    assert client.get("/konto").status_code == 302


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_login_with_the_form_token_works(client):
    make_user(email="kari@example.no")
    db.session.commit()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text(client.get("/logg-inn"))).group(1)
    resp = client.post("/logg-inn", data={"email": "kari@example.no", "password": PASSWORD, "csrf_token": token})
    assert resp.status_code == 302
    assert client.get("/konto").status_code == 200


def test_someone_who_registered_another_persons_address_never_gets_it_confirmed(client, mailbox):
    """Pre-registration: the owner clicking the confirmation mail must not confirm the other person's account."""
    _register(client, email="offer@example.no", password="angriperens-passord", password_repeat="angriperens-passord")
    [mail] = mailbox.to("offer@example.no")
    victim = client.application.test_client()
    victim.get(link_path(mail, "/bekreft/"))  # the owner opens the link, logged out
    user = db.session.scalar(db.select(User).where(User.email == "offer@example.no"))
    assert not user.is_confirmed
    # The owner does not know the password: a reset confirms the address and ends the other's sessions.
    assert form_login(client, "offer@example.no", "angriperens-passord").status_code == 302
    victim.post("/glemt-passord", data={"email": "offer@example.no"})
    reset = link_path(mailbox.to("offer@example.no")[-1], "/nytt-passord/")
    assert victim.post(reset, data={"password": "eierens-nye-passord", "password_repeat": "eierens-nye-passord"}
                       ).status_code == 302
    db.session.refresh(user)
    assert user.is_confirmed
    assert client.get("/konto").status_code == 302  # the other person is logged out
