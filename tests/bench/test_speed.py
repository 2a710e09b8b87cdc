"""Speed figures at 100k needs + 20k suppliers synthesised from the Doffin notices (BENCH_NEEDS to change).

Prints figures and writes them to docs/PERFORMANCE.md; nothing here is a timed assertion.
"""

import os
import random
import statistics
import time

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


def test_speed(tmp_path):
    rng = random.Random(11)
    notices = load_notices()
    lines = [f"Corpus: {NEEDS:,} needs + {SUPPLIERS:,} suppliers synthesised from the Doffin notices "
             f"(3 random title words added per copy); SQLite; {os.cpu_count()} cores.", ""]
    with bench_app(tmp_path) as app:
        t = time.perf_counter()
        need_ids = insert_needs(synthesise(notices, NEEDS, rng))
        insert_suppliers(supplier_rows(notices, SUPPLIERS, rng))
        print(f"\ninserted rows in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        n = reindex(procs=2)
        build = time.perf_counter() - t
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

        from portal.needs.models import Need
        from portal.search.matching import match_suppliers

        times = []
        for nid in rng.sample(need_ids, 50):
            need = db.session.get(Need, nid)
            _, ms = timed(match_suppliers, need, 20)
            times.append(ms)
            db.session.expunge_all()
        lines.append(f"- need → supplier matching (50 needs, top 20): p50 {statistics.median(times):.1f} ms, "
                     f"p95 **{pct(times, 95):.1f} ms**")
        print(lines[-1])

        from portal.needs import services
        from portal.organisations.models import Organisation
        from tests.factories import make_org, make_user

        app.config["SEARCH_INDEX_AFTER_COMMIT"] = True
        user = make_user()
        org = make_org(admins=[user])
        db.session.commit()
        delays = []
        for i in range(5):
            need = services.create_need(user, org, {"title": f"Publiseringstest zyxwv{i}", "summary": "Måling",
                                                    "problem_md": "Tid fra publisering til søkbar.",
                                                    "cpv_main": "90910000"})
            services.publish_need(user, need)
            t = time.perf_counter()
            db.session.commit()
            while not get_backend().search(f"zyxwv{i}", "need", {}).hits:
                if time.perf_counter() - t > 30:
                    break
                time.sleep(0.01)
            delays.append((time.perf_counter() - t) * 1000)
        lines.append(f"- publish → searchable (commit returns after the index write; 5 publishes): "
                     f"median {statistics.median(delays):.0f} ms, max **{max(delays):.0f} ms**")
        print(lines[-1])
        assert db.session.get(Organisation, org.id)
    write_section("speed", "### Speed\n\n" + "\n".join(lines))
