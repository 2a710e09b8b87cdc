"""Logging out ends the session on the server: a copied session or remember-me cookie opens nothing."""

import pytest

from portal.extensions import db
from tests.auth.helpers import form_login
from tests.factories import PASSWORD, make_user


@pytest.fixture
def kari(app):
    user = make_user(email="kari@example.no")
    db.session.commit()
    return user


def _replayed(app, name: str, value: str):
    fresh = app.test_client()
    fresh.set_cookie(name, value)
    return fresh.get("/konto")


def _refused(resp) -> bool:
    return resp.status_code == 302 and resp.headers["Location"].startswith("/logg-inn")


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_a_cookie_copied_before_logout_is_refused_after_it(app, client, kari, cookie):
    assert form_login(client, "kari@example.no", PASSWORD, remember=True).status_code == 302
    value = client.get_cookie(cookie).value
    assert _replayed(app, cookie, value).status_code == 200  # the copy works while logged in
    assert client.post("/logg-ut").status_code == 302
    assert _refused(_replayed(app, cookie, value))
    assert _refused(client.get("/konto"))


def test_logout_ends_the_sessions_on_other_devices_too(app, client, kari):
    other = app.test_client()
    form_login(client, "kari@example.no", PASSWORD)
    form_login(other, "kari@example.no", PASSWORD)
    client.post("/logg-ut")
    assert _refused(other.get("/konto"))
    assert form_login(client, "kari@example.no", PASSWORD).status_code == 302  # a new login works at once
    assert client.get("/konto").status_code == 200


def test_logout_without_a_session_and_a_stale_cookie_never_fail(app, client, kari):
    assert client.post("/logg-ut").status_code == 302
    stale = app.test_client()
    stale.set_cookie("remember_token", "1:0123456789abcdef|forged")
    assert _refused(stale.get("/konto"))
    assert stale.post("/logg-ut").status_code == 302
