"""Index build rate and gunicorn memory at 100k needs + 20k suppliers (BENCH_NEEDS / BENCH_SUPPLIERS to change).

The generated SQLite database is cached under /tmp (BENCH_CACHE=0 rebuilds it); BENCH_DATABASE_URL runs the
build against another database (e.g. PostgreSQL), filling it first when it has no needs. BENCH_PROCS lists the
writer process counts to time (default "2,1"); BENCH_MEMORY=0 skips the gunicorn part.
Prints figures and writes them to docs/PERFORMANCE.md; nothing here is a timed assertion.
"""

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import func, select

from portal.extensions import db
from portal.search.reindex import reindex
from tests.bench.common import (
    WORD_RE,
    bench_app,
    insert_needs,
    insert_suppliers,
    load_notices,
    supplier_rows,
    synthesise,
    write_section,
)

NEEDS = int(os.environ.get("BENCH_NEEDS", "100000"))
SUPPLIERS = int(os.environ.get("BENCH_SUPPLIERS", str(NEEDS // 5)))
PROCS = [int(p) for p in os.environ.get("BENCH_PROCS", "2,1").split(",") if p.strip()]
REQUESTS = 50
ROOT = Path(__file__).resolve().parents[2]


def _fill(rng) -> None:
    from portal.needs.models import Need

    if db.session.scalar(select(func.count()).select_from(Need)):
        return
    notices = load_notices()
    insert_needs(synthesise(notices, NEEDS, rng))
    insert_suppliers(supplier_rows(notices, SUPPLIERS, rng))


def _database(tmp: Path) -> tuple[str, str]:
    """(SQLAlchemy URL, label): the configured database, else a cached SQLite file."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url, url.split("+")[0].split(":")[0]
    cache = Path(f"/tmp/moteplassen-bench-index-{NEEDS}-{SUPPLIERS}.db")
    if os.environ.get("BENCH_CACHE") == "0":
        cache.unlink(missing_ok=True)
    return f"sqlite:///{cache}", "SQLite"


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _proc_kb(pid: int, file: str, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (a preloaded app, the page cache of mmapped files) split between
    the processes that share them, so the sum is the memory really used."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=300) as r:  # noqa: S310 - local bench server
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _memory(tmp: Path, url: str, need_ids: list[int], profile_ids: list[int], rng) -> list[str]:
    """Serve search and match pages from gunicorn -w 2; sum the RSS of master and workers."""
    port = _free_port()
    env = os.environ | {"PORTAL_INSTANCE_DIR": str(tmp), "PORTAL_DATABASE_URL": url,
                        "PORTAL_SECRET_KEY": "bench", "PORTAL_RATELIMIT_ENABLED": "0",
                        "PORTAL_MAIL_BACKEND": "console"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp / "gunicorn.log").open("wb")
    proc = subprocess.Popen([str(gunicorn), "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "300", "wsgi:app"],  # noqa: S603
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if _get(base + "/healthz") < 600:
                    break
            except OSError:
                time.sleep(0.2)
        words = sorted({w.lower() for n in load_notices()[:400] for w in WORD_RE.findall(n["title"])})
        idle = sum(_rss_kb(p) for p in [proc.pid, *_children(proc.pid)])
        statuses = []
        for i in range(REQUESTS):
            q = urllib.parse.quote(" ".join(rng.sample(words, 2)))
            statuses.append(_get(f"{base}/sok?q={q}"))
            statuses.append(_get(f"{base}/sok?q={q}&type=supplier"))
            statuses.append(_get(f"{base}/behov/{rng.choice(need_ids)}/treff"))
            statuses.append(_get(f"{base}/api/v1/needs/{rng.choice(need_ids)}/matches"))
            statuses.append(_get(f"{base}/leverandorer/{rng.choice(profile_ids)}/treff"))
            statuses.append(_get(f"{base}/api/v1/search?q={q}&type=supplier"))
            if i == 0:
                statuses.append(_get(f"{base}/api/v1/cpv/suggest?text={q}"))
        pids = [proc.pid, *_children(proc.pid)]
        per = {pid: _rss_kb(pid) for pid in pids}
        total, pss = sum(per.values()), sum(_pss_kb(pid) for pid in pids)
        bad = [s for s in statuses if s != 200]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    parts = ", ".join(f"{kb / 1024:.0f}" for kb in per.values())
    line = (f"- gunicorn master + {len(pids) - 1} sync workers after {len(statuses)} search/match requests: "
            f"**{total / 1024:.0f} MB RSS** in total (master, workers: {parts} MB; {idle / 1024:.0f} MB before "
            f"the first request), {pss / 1024:.0f} MB PSS; {len(bad)} non-200 responses; load average {_loadavg()}")
    print(line)
    return [line]


def test_index_speed(tmp_path):
    rng = random.Random(11)
    url, label = _database(tmp_path)
    lines = [f"Corpus: {NEEDS:,} needs + {SUPPLIERS:,} suppliers synthesised from the Doffin notices; {label}; "
             f"{os.cpu_count()} cores.", ""]
    with bench_app(tmp_path, SQLALCHEMY_DATABASE_URI=url) as app:
        t = time.perf_counter()
        _fill(rng)
        print(f"\ndatabase ready in {time.perf_counter() - t:.1f} s")
        from portal.needs.models import Need
        from portal.suppliers.models import SupplierProfile

        need_ids = db.session.scalars(select(Need.id)).all()
        profile_ids = db.session.scalars(select(SupplierProfile.id)).all()
        db.session.remove()
        for procs in PROCS:
            shutil.rmtree(app.config["SEARCH_INDEX_DIR"], ignore_errors=True)
            load, cpu = _loadavg(), _cpu()
            t = time.perf_counter()
            n = reindex(procs=procs)
            build, cpu = time.perf_counter() - t, _cpu() - cpu
            lines.append(f"- `flask search reindex --procs {procs}`: {n:,} documents in {build:.1f} s = "
                         f"**{n / build:,.0f} docs/s** (database reading and documents included; "
                         f"{cpu / n * 1000:.2f} ms CPU per document in all processes; load average before: {load})")
            print(lines[-1])
        assert n == len(need_ids) + len(profile_ids)
    section = "index-speed" if label == "SQLite" else f"index-speed-{label}"
    write_section(section, f"### Index build rate ({label})\n\n" + "\n".join(lines))
    if os.environ.get("BENCH_MEMORY", "1") != "0":
        mem = _memory(tmp_path, url, need_ids, profile_ids, rng)
        write_section("memory", "### Memory\n\n" + "\n".join([lines[0], "", *mem]))
    print(json.dumps({"needs": NEEDS, "suppliers": SUPPLIERS}))
