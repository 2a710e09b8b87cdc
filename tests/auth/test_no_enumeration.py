"""Registration and password reset answer alike for new and existing addresses; the owner is told by mail."""

from portal.auth.models import User
from portal.auth.passwords import verify_password
from portal.extensions import db
from tests.auth.helpers import form_login, link_path, masked, text
from tests.conftest import mail_text
from tests.factories import PASSWORD, make_user

ATTACKER_PASSWORD = "angriperens-passord"


def _register(client, email):
    return client.post("/registrer", data={"name": "Ola Angriper", "email": email, "password": ATTACKER_PASSWORD,
                                           "password_repeat": ATTACKER_PASSWORD})


def _answer(app, email):
    client = app.test_client()
    resp = _register(client, email)
    follow = client.get(resp.headers["Location"]) if resp.status_code == 302 else resp
    return (resp.status_code, resp.headers.get("Location"), follow.status_code, masked(text(follow), email),
            client.get("/konto").status_code)


def test_registering_a_taken_address_looks_exactly_like_a_new_one(app):
    make_user(email="kari@example.no")
    db.session.commit()
    taken, new = _answer(app, "Kari@Example.no"), _answer(app, "ny@example.no")
    assert taken == new
    assert taken[0] == 302 and "Vi har sendt en e-post til ADDRESS" in taken[3] and taken[4] == 302
    assert "finnes allerede" not in taken[3]


def test_the_owner_of_a_taken_address_gets_a_mail_with_working_links_and_nothing_changes(app, client, mailbox):
    kari = make_user(email="kari@example.no", name="Kari Nordmann")
    db.session.commit()
    _register(client, "kari@example.no")
    [mail] = mailbox.to("kari@example.no")
    body = mail_text(mail)
    assert "Du har allerede en konto" in mail["Subject"] and "Hei Kari Nordmann" in body
    assert "/bekreft/" not in body and mail.get_body(preferencelist=("html",)) is not None
    assert ">Logg inn</h1>" in text(client.get(link_path(mail, "/logg-inn")))
    assert ">Glemt passord</h1>" in text(client.get(link_path(mail, "/glemt-passord")))
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    db.session.refresh(kari)
    assert verify_password(kari.password_hash, PASSWORD) and kari.name == "Kari Nordmann"
    assert form_login(client, "kari@example.no", ATTACKER_PASSWORD).status_code == 401


def test_a_new_address_gets_the_confirmation_mail(client, mailbox):
    _register(client, "ny@example.no")
    [mail] = mailbox.to("ny@example.no")
    assert "Bekreft e-postadressen" in mail["Subject"] and link_path(mail, "/bekreft/")


def test_password_reset_request_answers_alike_for_known_and_unknown(app, mailbox):
    make_user(email="kari@example.no")
    db.session.commit()
    answers = []
    for email in ("kari@example.no", "ingen@example.no"):
        client = app.test_client()
        resp = client.post("/glemt-passord", data={"email": email})
        answers.append((resp.status_code, resp.headers["Location"], masked(text(client.get("/logg-inn")), email)))
    assert answers[0] == answers[1]
    assert len(mailbox.to("kari@example.no")) == 1 and not mailbox.to("ingen@example.no")


def test_registration_passes_next_on_to_the_login_page(client):
    resp = client.post("/registrer?next=/konto", data={"name": "Kari", "email": "ny@example.no",
                                                       "password": PASSWORD, "password_repeat": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] == "/logg-inn?next=/konto"
