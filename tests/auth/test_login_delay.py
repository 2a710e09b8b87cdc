"""Login throttling: the same answer and counting for every address, a growing delay shared by all workers."""

from datetime import timedelta

import pytest

from portal import create_app
from portal.auth import throttle
from portal.db import utcnow
from portal.extensions import db
from tests.auth.helpers import masked, text
from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, make_user

WRONG = "feil-passord-1"


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttle, "utcnow", clock)
    return clock


@pytest.fixture
def kari(app):
    user = make_user(email="kari@example.no")
    db.session.commit()
    return user


def attempt(client, email, password, ip="10.0.0.1"):
    return client.post("/logg-inn", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": ip})


def answer(resp, email):
    return resp.status_code, masked(text(resp), email)


def test_known_and_unknown_addresses_get_identical_answers_and_counting(app, kari, clock):
    known, unknown = app.test_client(), app.test_client()
    for _ in range(9):
        got_known = answer(attempt(known, "kari@example.no", WRONG, ip="10.0.0.1"), "kari@example.no")
        got_unknown = answer(attempt(unknown, "ingen@example.no", WRONG, ip="10.0.0.2"), "ingen@example.no")
        assert got_known == got_unknown
        clock.advance(1)
    assert got_known[0] == 429 and "For mange forsøk. Vent" in got_known[1]
    assert "midlertidig låst" not in got_known[1]


@pytest.mark.config(LOGIN_FREE_ATTEMPTS=3, LOGIN_MAX_DELAY_SECONDS=8)
def test_the_delay_grows_and_is_capped(client, kari, clock):
    seen = []  # 401 for a checked attempt, else the seconds the refusal asks to wait (then waited)
    for _ in range(12):
        resp = attempt(client, "kari@example.no", WRONG)
        if resp.status_code == 429:
            wait = int(text(resp).split("Vent ")[1].split(" sekund")[0])
            seen.append(wait)
            clock.advance(wait)
        else:
            seen.append(resp.status_code)
    assert seen == [401, 401, 401, 1, 401, 2, 401, 4, 401, 8, 401, 8]


@pytest.mark.config(LOGIN_FREE_ATTEMPTS=3)
def test_the_right_password_during_the_delay_is_refused_without_telling(client, kari, clock):
    for _ in range(3):
        attempt(client, "kari@example.no", WRONG)
    right = attempt(client, "kari@example.no", PASSWORD)
    wrong = attempt(client, "kari@example.no", WRONG)
    assert right.status_code == wrong.status_code == 429
    assert masked(text(right), "") == masked(text(wrong), "")
    assert client.get("/konto").status_code == 302
    clock.advance(1)
    assert attempt(client, "kari@example.no", PASSWORD).status_code == 302  # after the wait it works
    assert client.get("/konto").status_code == 200


@pytest.mark.parametrize("email", ["kari@example.no", "ingen@example.no"])
def test_the_delay_is_shared_by_two_app_instances_on_one_database(app, app_config, kari, clock, email):
    other = create_app(app_config)
    other.test_client_class = IsolatedClient
    try:
        first = app.test_client()
        for _ in range(app.config["LOGIN_FREE_ATTEMPTS"]):
            assert attempt(first, email, WRONG).status_code == 401
        resp = attempt(other.test_client(), email, WRONG)
        assert resp.status_code == 429 and "For mange forsøk. Vent 1 sekund " in text(resp)
    finally:
        with other.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("attacker_ips", [["10.1.1.1"], [f"10.9.0.{i}" for i in range(30)]],
                         ids=["same-ip-as-the-user", "many-ips"])
def test_others_failures_do_not_keep_out_a_browser_that_logged_in_before(app, kari, clock, attacker_ips):
    mine = app.test_client()
    assert attempt(mine, "kari@example.no", PASSWORD, ip="10.1.1.1").status_code == 302
    mine.post("/logg-ut")
    attacker = app.test_client()
    for i in range(30):
        attempt(attacker, "kari@example.no", WRONG, ip=attacker_ips[i % len(attacker_ips)])
    # A browser without the cookie, from the user's IP, is delayed (by the address-wide count for many IPs).
    assert attempt(app.test_client(), "kari@example.no", PASSWORD, ip="10.1.1.1").status_code == 429
    assert attempt(mine, "kari@example.no", PASSWORD, ip="10.1.1.1").status_code == 302


def test_a_forged_device_cookie_gives_no_exemption(app, kari, clock):
    attacker = app.test_client()
    attacker.set_cookie(throttle.DEVICE_COOKIE, "eyJhIjoiMCJ9.forged.sig")
    for i in range(30):
        attempt(attacker, "kari@example.no", WRONG, ip=f"10.9.0.{i}")
    assert attempt(attacker, "kari@example.no", PASSWORD, ip="10.9.1.1").status_code == 429


def test_a_password_reset_lifts_the_delay(client, kari, clock, mailbox):
    from tests.auth.helpers import link_path

    for i in range(30):
        attempt(client, "kari@example.no", WRONG, ip=f"10.9.0.{i}")
    assert attempt(client, "kari@example.no", PASSWORD, ip="10.1.1.1").status_code == 429
    client.post("/glemt-passord", data={"email": "kari@example.no"})
    path = link_path(mailbox.to("kari@example.no")[0], "/nytt-passord/")
    new = "et-helt-nytt-passord"
    client.post(path, data={"password": new, "password_repeat": new}, environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert attempt(client, "kari@example.no", new, ip="10.1.1.1").status_code == 302


def test_old_failures_are_forgotten(client, kari, clock):
    for _ in range(8):
        attempt(client, "kari@example.no", WRONG)
        clock.advance(600)
    clock.advance(throttle.FORGET_AFTER.total_seconds() + 1)
    attempt(client, "ingen@example.no", WRONG, ip="10.2.2.2")  # a failure elsewhere tidies the table
    for _ in range(4):
        assert attempt(client, "kari@example.no", WRONG).status_code == 401


def test_a_known_browser_is_still_delayed_by_its_own_failures(app, kari, clock):
    mine = app.test_client()
    assert attempt(mine, "kari@example.no", PASSWORD).status_code == 302
    mine.post("/logg-ut")
    for _ in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        assert attempt(mine, "kari@example.no", WRONG).status_code == 401
    assert attempt(mine, "kari@example.no", PASSWORD).status_code == 429
