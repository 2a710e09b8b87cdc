"""Gates: faults in a running deployment (gunicorn, 4 workers, PostgreSQL).

1. A gunicorn worker killed (SIGKILL) during writes loses no committed data, and gunicorn replaces it.
2. A PostgreSQL restart makes requests fail cleanly (no hang, no traceback) and the app recovers
   without restarting gunicorn. This test restarts this machine's PostgreSQL server, so it runs last
   in this file; CI runs the gates after every other stage, when nothing else uses the server.
"""

import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from portal import create_app
from portal.config import load_config
from portal.extensions import db

RESTART_CMD = ["pg_ctlcluster", "--skip-systemctl-redirect", None, "main", "restart"]


def gate_app(deployment):
    cfg = load_config(deployment.env)
    return create_app({**cfg, "SQLALCHEMY_DATABASE_URI": deployment.db_url})


def call(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, content type, body) for any HTTP status; connection failures raise."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - loopback only
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8", "replace")


def workers_of(pid: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return {int(x) for x in out.stdout.split()}


def wait_healthy(base_url: str, seconds: float) -> float | None:
    """Seconds until /healthz answers 200, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if call(base_url + "/healthz", timeout=5)[0] == 200:
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.25)
    return None


# ------------------------------------------------------------------ 1. a worker killed during writes

def test_killed_worker_loses_no_committed_data(deployment):
    from portal.needs.models import Need
    from portal.opendata.services import create_api_key
    from portal.organisations.demo import buyer_org

    app = gate_app(deployment)
    with app.app_context():
        _row, key = create_api_key(None, buyer_org(), {"name": "Feiltest"})
        db.session.commit()
        db.engine.dispose()

    url = deployment.base_url + "/api/v1/needs"
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    tag = uuid.uuid4().hex[:6]
    stop = threading.Event()
    lock = threading.Lock()
    committed: dict[int, str] = {}  # need id → external_id, for every 2xx
    statuses: dict = {}

    def writer(t: int):
        n = 0
        while not stop.is_set():
            n += 1
            ext = f"fault-{tag}-{t}-{n}"
            payload = json.dumps({"title": f"Feiltest {t}-{n}", "external_id": ext}).encode()
            try:
                status, _ct, body = call(url, payload, headers)
            except OSError as exc:  # the killed worker's connection: no answer, so nothing was promised
                status = type(exc).__name__
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if isinstance(status, int) and 200 <= status < 300:
                    committed[json.loads(body)["id"]] = ext

    before = workers_of(deployment.proc.pid)
    assert len(before) == deployment.workers, before
    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join(60)

    recovered = wait_healthy(deployment.base_url, 20)
    deadline = time.monotonic() + 15
    while len(after := workers_of(deployment.proc.pid)) < deployment.workers and time.monotonic() < deadline:
        time.sleep(0.2)

    with app.app_context():
        stored = dict(db.session.execute(select(Need.id, Need.external_id).where(Need.id.in_(committed))).all())
        db.engine.dispose()
    lost = {i: e for i, e in committed.items() if stored.get(i) != e}
    print(f"\nWORKER KILL: killed worker {victim}; {len(committed)} writes answered 2xx, statuses {statuses}; "
          f"lost committed rows: {len(lost)}; workers before {sorted(before)} after {sorted(after)}; "
          f"healthz 200 after {recovered if recovered is None else round(recovered, 2)} s")

    assert victim not in after and len(after) == deployment.workers, (before, after)
    assert len(committed) > 20, statuses
    assert not lost, lost
    assert not [s for s in statuses if isinstance(s, int) and s >= 500], statuses
    assert recovered is not None, "/healthz did not answer 200 after the worker was killed"
    assert deployment.proc.poll() is None


# ------------------------------------------------------------------ 2. a PostgreSQL restart (keep last)

def _wait_until_server_idle(deployment, seconds: float = 60) -> int:
    """Give other clients of this PostgreSQL server (on a developer machine) a chance to finish first.

    Returns the number of other client connections still there when we go ahead anyway.
    """
    from sqlalchemy import create_engine, text

    from tests.gates.conftest import PG_URL

    engine = create_engine(PG_URL)
    query = text("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                 "AND pid <> pg_backend_pid() AND datname IS NOT NULL AND datname <> :own")
    deadline = time.monotonic() + seconds
    try:
        while True:
            with engine.connect() as conn:
                others = conn.scalar(query, {"own": make_url(deployment.db_url).database})
            if not others or time.monotonic() > deadline:
                return others
            time.sleep(1)
    finally:
        engine.dispose()


def _clean_failure(status: int, ctype: str, body: str) -> bool:
    if status not in (500, 503) or "Traceback" in body or 'File "' in body:
        return False
    return "text/html" in ctype or "json" in ctype


def test_database_restart_fails_cleanly_and_recovers(deployment):
    master = deployment.proc.pid
    workers = workers_of(master)
    for path in ("/", "/healthz"):
        assert call(deployment.base_url + path)[0] == 200, path
    others = _wait_until_server_idle(deployment)
    if others:
        print(f"\nDB RESTART: {others} other client connections still open; restarting anyway")
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    assert Path(f"/etc/postgresql/{version}/main").is_dir()

    probes: list[tuple] = []  # (seconds since start, path, status or error, elapsed, clean?)
    stop = threading.Event()
    t0 = time.monotonic()

    def prober(path: str):
        while not stop.is_set():
            start = time.monotonic()
            try:
                status, ctype, body = call(deployment.base_url + path, timeout=30)
                clean = status == 200 or _clean_failure(status, ctype, body)
                detail = "" if clean else f"{ctype} {body[:300]!r}"
            except OSError as exc:
                status, clean, detail = type(exc).__name__, False, repr(exc)
            probes.append((round(start - t0, 2), path, status, round(time.monotonic() - start, 2), clean, detail))
            time.sleep(0.1)

    threads = [threading.Thread(target=prober, args=(p,)) for p in ("/", "/healthz", "/", "/healthz")]
    for t in threads:
        t.start()
    time.sleep(1)
    r_start = time.monotonic()
    cmd = [c if c is not None else version for c in RESTART_CMD]
    restart = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    r_end = time.monotonic()
    recovered = wait_healthy(deployment.base_url, 20)
    time.sleep(1)  # let every prober see the recovered database on every worker
    stop.set()
    for t in threads:
        t.join(60)

    after_ok = [call(deployment.base_url + p)[0] for p in ("/", "/healthz") * 8]
    failures = [p for p in probes if p[2] != 200]
    unclean = [p for p in probes if not p[4]]
    slowest = max(p[3] for p in probes)
    print(f"\nDB RESTART: pg_ctlcluster took {r_end - r_start:.1f} s (rc {restart.returncode}); "
          f"{len(probes)} probes, {len(failures)} failed "
          f"({sorted({str(p[2]) for p in failures})}), {len(unclean)} unclean, slowest {slowest:.2f} s; "
          f"/healthz 200 again {recovered if recovered is None else round(recovered, 2)} s after the restart; "
          f"afterwards {after_ok.count(200)}/{len(after_ok)} requests 200")

    assert restart.returncode == 0, restart.stderr
    assert recovered is not None, "/healthz did not return 200 within 20 s of the database restart"
    assert deployment.proc.poll() is None and deployment.proc.pid == master
    assert workers_of(master) == workers, "gunicorn workers were replaced: the app did not recover by itself"
    assert not unclean, unclean[:5]
    assert slowest < 5, [p for p in probes if p[3] >= 5][:5]
    assert after_ok.count(200) == len(after_ok), after_ok
