"""Browser tests: Debian Chromium driven by pytest-playwright against a live server in a thread.

Never `playwright install`: the browser is /usr/bin/chromium from Debian (`apt-get install chromium`).
Without it the tests are skipped, unless PORTAL_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db
from tests.e2e.helpers import Mail

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
CHROMIUM_ARGS = [
    "--disable-gpu", "--disable-quic", "--disable-domain-reliability", "--disable-default-apps",
    # Chromium resolves Google hosts at start; keep every lookup on loopback:
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: install Debian's chromium to run browser tests")
    for item in items:
        if "/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is required (PORTAL_REQUIRE_BROWSER=1) but missing: "
                    "apt-get install -y --no-install-recommends chromium chromium-driver")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nb-NO", "timezone_id": "Europe/Oslo"}


def _create_schema(app) -> None:
    """Migrations when there are any (the real path), else create_all."""
    with app.app_context():
        if any(MIGRATIONS.glob("*.py")):
            from flask_migrate import upgrade

            upgrade()
        else:
            db.create_all()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, smtp_server):
    """The portal as a user meets it (CSRF and everything on), with a fresh SQLite database."""
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "SECRET_KEY": "e2e-secret",
        "INSTANCE_DIR": str(instance),
        "SEARCH_INDEX_DIR": str(instance / "index"),
        "UPLOAD_DIR": str(instance / "uploads"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'portal.db'}",
        # Many logins from one address in a few minutes: the limiter has its own unit tests.
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp_server.port,
        "SMTP_TIMEOUT": 5,
    })
    _create_schema(app)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    live_app.config["BASE_URL"] = url  # links in mail point at this server
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join(5)
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def mail(smtp_server):
    """Mail that arrived at the SMTP server (whole session: tests use their own addresses)."""
    return Mail(smtp_server)


@pytest.fixture
def cli(live_app):
    """Run a `flask ...` command against the live server's database: cli(["users", "create-admin", ...])."""
    runner = live_app.test_cli_runner()

    def invoke(args, input=None):
        result = runner.invoke(args=args, input=input)
        assert result.exit_code == 0, f"flask {' '.join(args)} failed:\n{result.output}\n{result.exception!r}"
        return result

    return invoke


@pytest.fixture
def people(live_app):
    """Create confirmed users (and their organisations) straight in the live database.

    people.buyer() → {"email", "name", "org", "org_id"}: admin of a verified municipality;
    people.supplier(kind="sosial_entreprenor") → the same for a supplier organisation.
    Everyone has the password helpers.PASSWORD.
    """
    from tests import factories
    from tests.e2e.helpers import PASSWORD, unique_email

    class People:
        def _make(self, who, name, org_name, kind, verified=True):
            with live_app.app_context():
                user = factories.make_user(email=unique_email(who), name=name, password=PASSWORD)
                org = factories.make_org(name=org_name, kind=kind, verified=verified, admins=[user],
                                         municipality="1804")
                made = {"email": user.email, "name": user.name, "org": org.name, "org_id": org.id,
                        "user_id": user.id}
                db.session.commit()
                db.session.remove()
            return made

        def buyer(self, org_name="Nordfjell kommune", verified=True):
            return self._make("innkjoper", "Inger Innkjøper", org_name, "kommune", verified)

        def supplier(self, org_name="Grønn Omsorg SA", kind="sosial_entreprenor"):
            return self._make("leverandor", "Lars Leverandør", org_name, kind)

        def published_need(self, buyer, title, cpv=("90911000",), places=("18",)):
            """A published need of `buyer`'s organisation; returns its id."""
            from portal.organisations.models import Organisation
            from tests.needs.helpers import make_need

            with live_app.app_context():
                org = db.session.get(Organisation, buyer["org_id"])
                need_id = make_need(org, title=title, cpv=cpv, places=places).id
                db.session.commit()
                db.session.remove()
            return need_id

    return People()
