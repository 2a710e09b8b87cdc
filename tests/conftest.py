"""Shared fixtures: an app with a fresh database and search index per test, a real SMTP server."""

import contextvars
import email
import hashlib
import os
import uuid
from email.policy import default as default_policy
from pathlib import Path

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from portal import create_app
from portal.extensions import db, limiter
from tests.smtp import SMTPServer

SHARED = Path(__file__).resolve().parents[2] / "shared"
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")
HTML_DIR = os.environ.get("PORTAL_TEST_HTML_DIR")


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip (fail under PORTAL_REQUIRE_SHARED=1) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("PORTAL_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is required (PORTAL_REQUIRE_SHARED=1) but missing")
        pytest.skip(f"{path} not found: ../shared is absent on this machine")
    return path


@pytest.fixture(scope="session")
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url():
    """A PostgreSQL database of this run's own (schema created once), or None for SQLite."""
    if not PG_URL:
        yield None
        return
    name = f"portal_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": "/tmp", "TESTING": True})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    The `app` fixture keeps an app context pushed for the test body (services, factories);
    without this, requests would reuse it and share `g`, the database session and the
    teardown hooks (mail sending after commit) with the test. So: commit before a request,
    and `db.session.expire_all()` (or re-query) to see what a request changed.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)

    def session_transaction(self, *args, **kwargs):
        return _IsolatedCM(super().session_transaction, *args, **kwargs)


class _IsolatedCM:
    def __init__(self, factory, *args, **kwargs):
        self.ctx = contextvars.Context()
        self.cm = self.ctx.run(factory, *args, **kwargs)

    def __enter__(self):
        return self.ctx.run(self.cm.__enter__)

    def __exit__(self, *exc):
        return self.ctx.run(self.cm.__exit__, *exc)


class IsolatedCliRunner(FlaskCliRunner):
    """CLI commands run in their own app context too (their teardown hooks fire)."""

    def invoke(self, *args, **kwargs):
        return contextvars.Context().run(super().invoke, *args, **kwargs)


def _save_html(response):
    from flask import request

    # A page: not a 304, a stream, or the empty answer to OPTIONS/HEAD (schemathesis sends those).
    if (response.mimetype == "text/html" and response.status_code != 304 and not response.direct_passthrough
            and request.method in ("GET", "POST")):
        data = response.get_data()
        digest = hashlib.sha1(data).hexdigest()[:16]
        Path(HTML_DIR, f"{digest}.html").write_bytes(data)
    return response


@pytest.fixture
def app_config(tmp_path, database_url, smtp_server, request):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_DIR": str(tmp_path),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'portal.db'}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # A busy CI machine must not cut a search short (tests/search/test_limits.py sets its own budget).
        "SEARCH_TIME_BUDGET": 60.0,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp_server.port,
        "SMTP_TIMEOUT": 5,
        "BASE_URL": "http://localhost",
        "SERVER_NAME": None,
    }
    marker = request.node.get_closest_marker("config")
    if marker:
        config.update(marker.kwargs)
    return config


@pytest.fixture
def app(app_config, smtp_server):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    app.test_cli_runner_class = IsolatedCliRunner
    if HTML_DIR:
        Path(HTML_DIR).mkdir(parents=True, exist_ok=True)
        app.after_request(_save_html)
    if limiter.enabled:
        limiter.reset()
    smtp_server.messages.clear()
    with app.app_context():
        if not PG_URL:
            db.create_all()
        yield app
        db.session.remove()
        if PG_URL:
            _empty_pg_tables()
        db.engine.dispose()


def _empty_pg_tables() -> None:
    """Delete every row and restart the ids: far quicker than TRUNCATE (~1.7 s) for small tables."""
    tables = [f'"{t.name}"' for t in reversed(db.metadata.sorted_tables)]
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")  # no FK checks (superuser)
            conn.exec_driver_sql("; ".join(f"DELETE FROM {t}" for t in tables))
            conn.exec_driver_sql("SELECT setval(c.oid::regclass, 1, false) FROM pg_class c "
                                 "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace")
    except DBAPIError:  # not a superuser: the slow, always-allowed way
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def mailbox(smtp_server):
    """Mail that arrived at the SMTP server during this test, parsed."""

    class Mailbox:
        def __iter__(self):
            return iter(self.all())

        def __len__(self):
            return len(smtp_server.messages)

        def all(self):
            return [email.message_from_bytes(raw, policy=default_policy) for raw in smtp_server.messages]

        def to(self, address):
            return [m for m in self.all() if address.lower() in m["To"].lower()]

    return Mailbox()


def mail_text(message) -> str:
    """The plain-text body of a parsed mail."""
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def login():
    """login(client, user, org=None): log `user` in (acting for `org`) without the form."""

    def _login(client, user, org=None):
        from sqlalchemy import inspect

        from portal.extensions import db

        if inspect(user).persistent:  # a logout (by this or another client) has rotated the session token
            db.session.refresh(user, ["session_token"])
        with client.session_transaction() as sess:
            sess["_user_id"] = user.get_id()
            sess["_fresh"] = True
            if org is not None:
                sess["org_id"] = org.id
        return client

    return _login
