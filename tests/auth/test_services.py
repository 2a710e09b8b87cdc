"""Account services without HTTP."""

import time

import itsdangerous
import pytest

from portal.auth import services, tokens
from portal.auth.models import User
from portal.auth.passwords import verify_password
from portal.extensions import db
from tests.factories import PASSWORD, make_org, make_user

NEW = "et-helt-nytt-passord"


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated lazily, and the language selector reads the session."""
    with app.test_request_context():
        yield


def test_register_user_stores_lowercase_and_creates_no_duplicate(app):
    user = services.register_user(None, {"name": "Kari", "email": "Kari@Example.no", "password": PASSWORD})
    db.session.commit()
    assert user.email == "kari@example.no" and not user.is_confirmed
    assert verify_password(user.password_hash, PASSWORD) and user.password_hash.startswith("$argon2")
    assert services.register_user(None, {"name": "Kari 2", "email": "KARI@example.NO", "password": PASSWORD}) is None
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_external_url_uses_base_url_outside_a_request(app):
    app.config["BASE_URL"] = "https://moteplassen.example/portal"
    url = services.external_url("auth.confirm", token="abc")
    assert url == "https://moteplassen.example/portal/bekreft/abc"


def test_reset_token_works_once(app):
    user = make_user()
    token = tokens.make_token(tokens.RESET, {"uid": user.id, "email": user.email,
                                             "fp": tokens.password_fingerprint(user.password_hash)})
    old_session = user.session_token
    services.reset_password(token, {"password": NEW})
    assert verify_password(user.password_hash, NEW) and user.session_token != old_session
    with pytest.raises(tokens.TokenError) as exc:
        services.reset_password(token, {"password": "enda-et-passord"})
    assert not exc.value.expired


def test_reset_token_expires(app, monkeypatch):
    user = make_user()
    token = tokens.make_token(tokens.RESET, {"uid": user.id, "email": user.email,
                                             "fp": tokens.password_fingerprint(user.password_hash)})
    later = int(time.time()) + app.config["RESET_TOKEN_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)
    with pytest.raises(tokens.TokenError) as exc:
        services.user_for_reset_token(token)
    assert exc.value.expired


def test_token_for_one_purpose_is_refused_for_another(app):
    user = make_user()
    token = tokens.make_token(tokens.CONFIRM, {"uid": user.id, "email": user.email})
    with pytest.raises(tokens.TokenError):
        services.user_for_reset_token(token)


def test_confirm_token_for_an_old_address_does_not_confirm_the_new(app):
    user = make_user(confirmed=False)
    token = tokens.make_token(tokens.CONFIRM, {"uid": user.id, "email": user.email})
    user.email = "ny@example.no"
    with pytest.raises(tokens.TokenError):
        services.confirm_email(token, user)
    assert user.email_confirmed_dt is None


def test_change_password_needs_current_password(app):
    user = make_user()
    with pytest.raises(services.AuthError) as exc:
        services.change_password(user, user, {"current_password": "feil", "password": NEW})
    assert exc.value.field == "current_password"


def test_export_registry_lets_other_domains_add_sections(app, monkeypatch):
    monkeypatch.setattr(services, "EXPORT_SECTIONS", list(services.EXPORT_SECTIONS))
    user = make_user(name="Ola")
    org = make_org(name="Fjellby kommune", admins=[user])

    @services.export_section("needs")
    def _needs(u):
        return [{"title": f"behov av {u.name}"}]

    data = services.export_user_data(user)
    assert data["profile"]["name"] == "Ola"
    assert data["memberships"] == [{"organisation_id": org.id, "organisation": "Fjellby kommune",
                                    "orgnr": org.orgnr, "role": "admin",
                                    "since": data["memberships"][0]["since"]}]
    assert data["needs"] == [{"title": "behov av Ola"}]


def test_delete_account_runs_hooks_and_anonymises(app, monkeypatch):
    monkeypatch.setattr(services, "DELETION_HOOKS", list(services.DELETION_HOOKS))
    seen = []
    services.on_account_deleted(lambda u: seen.append(u.email))
    user = make_user(email="borte@example.no")
    org = make_org(members=[user])
    services.delete_account(user, user, {"current_password": PASSWORD})
    db.session.commit()
    assert seen == ["borte@example.no"]
    stored = db.session.get(User, user.id)
    assert (stored.name, stored.email, stored.password_hash) == ("Slettet bruker", None, None)
    assert stored.deleted_dt is not None and stored.memberships == []
    assert org.memberships == []


def test_sole_admin_with_other_members_cannot_delete(app):
    admin, member = make_user(), make_user()
    make_org(name="Lille AS", kind="bedrift", admins=[admin], members=[member])
    with pytest.raises(services.AuthError) as exc:
        services.delete_account(admin, admin, {"current_password": PASSWORD})
    assert "Lille AS" in exc.value.message and "administratorrollen" in exc.value.message
    assert admin.deleted_dt is None
