"""A real deployment for the gates: gunicorn (the portal's config, 4 workers) on a fresh PostgreSQL database with demo data."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("PORTAL_GATE_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


class Deployment:
    def __init__(self, tmp: Path, workers: int = 4):
        self.name = f"portal_gate_{uuid.uuid4().hex[:8]}"
        self.db_url = make_url(PG_URL).set(database=self.name).render_as_string(hide_password=False)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "FLASK_APP": "wsgi",
            "PORTAL_DATABASE_URL": self.db_url,
            "PORTAL_INSTANCE_DIR": str(tmp / "instance"),
            "PORTAL_SECRET_KEY": "gate-secret",
            "PORTAL_BASE_URL": self.base_url,
            "PORTAL_RATELIMIT_ENABLED": "0",
            "PORTAL_LOGIN_FREE_ATTEMPTS": "1000000",  # sqlmap sends hundreds of failed logins from one IP
        }
        self.workers = workers
        self.proc = None
        self.log = tmp / "gunicorn.log"

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=self.env, check=True,
                              capture_output=True, text=True)

    def create(self) -> None:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        admin.dispose()
        self.flask("db", "upgrade")
        self.flask("demo", "load")

    def start(self) -> None:
        self.log_file = open(self.log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "python:portal.gunicorn_conf", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "5", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
        )
        wait_for(self.base_url + "/healthz")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.log_file.close()

    def drop(self) -> None:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def deployment(tmp_path_factory):
    dep = Deployment(tmp_path_factory.mktemp("gate"))
    dep.create()
    dep.start()
    yield dep
    dep.stop()
    dep.drop()
