"""Speed figures at 100k needs + 20k suppliers synthesised from the Doffin notices (BENCH_NEEDS to change).

Prints figures and writes them to docs/PERFORMANCE.md; nothing here is a timed assertion.
"""

import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path

from sqlalchemy import select
from whoosh.qparser import QueryParser
from whoosh.query import Term

from portal.extensions import db
from portal.search import index as ix_mod
from portal.search.backend import get_backend
from portal.search.params import SearchParams
from portal.search.reindex import reindex
from tests.bench.common import (
    WORD_RE,
    bench_app,
    insert_needs,
    insert_suppliers,
    load_notices,
    pct,
    supplier_rows,
    synthesise,
    timed,
    write_section,
)

NEEDS = int(os.environ.get("BENCH_NEEDS", "100000"))
SUPPLIERS = int(os.environ.get("BENCH_SUPPLIERS", str(NEEDS // 5)))
QUERIES = 60


def _raw(searcher, q):
    return [h.highlights("text", text=h["body"]) for h in searcher.search(q, limit=20, filter=Term("type", "need"))]


def _workdir(tmp_path) -> tuple[Path, dict | None]:
    """BENCH_SPEED_DIR=dir keeps the database and the index between runs (built once per corpus size; a
    build that did not finish is thrown away, so rows are never inserted twice)."""
    cache = os.environ.get("BENCH_SPEED_DIR")
    if not cache:
        return tmp_path, None
    path = Path(cache) / f"speed-{NEEDS}-{SUPPLIERS}"
    done = path / "built.json"
    if not done.exists():
        shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    return path, json.loads(done.read_text()) if done.exists() else None


def test_speed(tmp_path):
    rng = random.Random(11)
    notices = load_notices()
    lines = [f"Corpus: {NEEDS:,} needs + {SUPPLIERS:,} suppliers synthesised from the Doffin notices "
             f"(3 random title words added per copy); SQLite; {os.cpu_count()} cores; "
             f"load average at start {os.getloadavg()[0]:.1f}.", ""]
    work, built = _workdir(tmp_path)
    with bench_app(work) as app:
        needs, suppliers = synthesise(notices, NEEDS, rng), supplier_rows(notices, SUPPLIERS, rng)
        if built is None:
            t = time.perf_counter()
            first = insert_needs(needs)[0]
            first_supplier = insert_suppliers(suppliers)[0]
            print(f"\ninserted rows in {time.perf_counter() - t:.1f} s")
            t = time.perf_counter()
            n = reindex(procs=2)
            built = {"first": first, "first_supplier": first_supplier, "n": n, "seconds": time.perf_counter() - t}
            if work != tmp_path:
                (work / "built.json").write_text(json.dumps(built))
        else:
            print(f"\nreusing the database and index in {work}")
        need_ids = list(range(built["first"], built["first"] + NEEDS))
        supplier_ids = list(range(built["first_supplier"], built["first_supplier"] + SUPPLIERS))
        n, build = built["n"], built["seconds"]
        lines.append(f"- `flask search reindex --procs 2`: {n:,} documents in {build:.1f} s = "
                     f"**{n / build:,.0f} docs/s** (reading the database and building documents included)")
        print(lines[-1])

        from portal.search.views import run_search

        queries = []
        for x in rng.sample(notices, QUERIES):
            words = [w for w in WORD_RE.findall(x["title"]) if len(w) > 3][:3]
            if words:
                queries.append(" ".join(words))
        s = ix_mod.searcher()
        parser = QueryParser("text", s.schema)
        for q in queries[:5]:  # warm caches (CPV model, term caches)
            run_search(SearchParams(q=q), 1, 20)
        ours, raw, api = [], [], []
        for q in queries:
            _, ms = timed(run_search, SearchParams(q=q), 1, 20)
            ours.append(ms)
            _, ms = timed(run_search, SearchParams(q=q), 1, 20, False)
            api.append(ms)
            s = ix_mod.searcher()
            pq = parser.parse(q)
            _, ms = timed(_raw, s, pq)
            raw.append(ms)
        lines.append(f"- search page query ({len(queries)} title queries, facets, snippets, CPV boost): "
                     f"p50 {statistics.median(ours):.1f} ms, p95 **{pct(ours, 95):.1f} ms**; raw Whoosh "
                     f"(QueryParser AND on body + highlights, same searcher) p50 {statistics.median(raw):.1f} ms, "
                     f"p95 {pct(raw, 95):.1f} ms → ratio p95 **{pct(ours, 95) / max(pct(raw, 95), 0.01):.1f}×**")
        lines.append(f"- the same queries as the API runs them (no facet counts): p50 {statistics.median(api):.1f} ms, "
                     f"p95 **{pct(api, 95):.1f} ms** → ratio p95 **{pct(api, 95) / max(pct(raw, 95), 0.01):.1f}×**")
        print(lines[-2] + "\n" + lines[-1])
        typo = []  # the fallback path: a typo in the longest word (two letters swapped) leaves few strict hits
        for q in queries:
            words = q.split()
            i = max(range(len(words)), key=lambda k: len(words[k]))
            w = words[i]
            words[i] = w[:2] + w[3] + w[2] + w[4:]
            _, ms = timed(run_search, SearchParams(q=" ".join(words)), 1, 20)
            typo.append(ms)
        lines.append(f"- the same queries with a typo (two letters of the longest word swapped; fuzzy fallback, "
                     f"«Mente du», corrected words): p50 {statistics.median(typo):.1f} ms, "
                     f"p95 **{pct(typo, 95):.1f} ms**")
        print(lines[-1])

        from portal.needs.models import Need
        from portal.search.matching import match_needs, match_suppliers
        from portal.suppliers.models import SupplierProfile

        for label, model, fn, ids in (("need → supplier", Need, match_suppliers, need_ids),
                                      ("supplier → need", SupplierProfile, match_needs, supplier_ids)):
            fn(db.session.get(model, ids[0]), 20)  # warm
            times = []
            for pk in rng.sample(ids, 50):
                obj = db.session.get(model, pk)
                _, ms = timed(fn, obj, 20)
                times.append(ms)
                db.session.expunge_all()
            lines.append(f"- {label} matching (50 {'needs' if model is Need else 'suppliers'}, top 20 with "
                         f"reasons): p50 {statistics.median(times):.1f} ms, p95 **{pct(times, 95):.1f} ms**")
            print(lines[-1])

        from portal.auth.models import User
        from portal.needs import services
        from tests.factories import make_org, make_user

        app.config["SEARCH_INDEX_AFTER_COMMIT"] = True
        token = "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(5)) + os.urandom(3).hex()
        user = db.session.scalar(select(User).where(User.email == "publish-bench@example.no"))
        if user is None:  # a kept database (BENCH_SPEED_DIR) already has them
            user = make_user(email="publish-bench@example.no")
            make_org(admins=[user])
            db.session.commit()
        org = user.memberships[0].organisation
        delays = []
        for i in range(5):
            word = f"zyxwv{token}{'abcde'[i]}"
            need = services.create_need(user, org, {"title": f"Publiseringstest {word}", "summary": "Måling",
                                                    "problem_md": "Tid fra publisering til søkbar.",
                                                    "cpv_main": "90910000"})
            services.publish_need(user, need)
            t = time.perf_counter()
            db.session.commit()
            while not get_backend().search(word, "need", {}).hits:
                if time.perf_counter() - t > 30:
                    break
                time.sleep(0.01)
            delays.append((time.perf_counter() - t) * 1000)
        lines.append(f"- publish → searchable (commit returns after the index write; 5 publishes): "
                     f"median {statistics.median(delays):.0f} ms, max **{max(delays):.0f} ms**")
        print(lines[-1])
    write_section("speed", "### Speed\n\n" + "\n".join(lines))
