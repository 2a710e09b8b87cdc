"""Relevance figures (not pass/fail): search and need→supplier matching, beside BM25.

Judged set, built from the 1,252 Doffin notices: queries from notice titles (as typed, with a typo,
in nynorsk/English via CPV labels), relevance from CPV groups; 20 hand-written supplier profiles.
"""

import random
import statistics

import pytest
from whoosh import index as windex
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from portal.extensions import db
from portal.reference import cpv, normalise_cpv
from portal.search.analysis import STOP_WORDS
from portal.search.backend import get_backend
from portal.search.reindex import reindex
from tests.bench.common import (
    WORD_RE,
    bench_app,
    insert_needs,
    insert_suppliers,
    load_notices,
    ndcg,
    recall,
    rr,
    typo,
    write_section,
)
from tests.bench.judged_suppliers import SUPPLIERS

SAMPLE = 200


def _title_query(title: str, rng) -> str:
    words = [w for w in WORD_RE.findall(title) if w.lower() not in STOP_WORDS]
    return " ".join(words[:5])


def _plain_index(path, needs, suppliers):
    """A plain BM25 baseline: Whoosh StandardAnalyzer (no stemming, compounds or synonyms)."""
    schema = Schema(key=ID(stored=True, unique=True), pk=STORED, type=ID(stored=True),
                    title=TEXT(analyzer=StandardAnalyzer()), body=TEXT(analyzer=StandardAnalyzer()))
    path.mkdir()
    ix = windex.create_in(str(path), schema)
    with ix.writer(limitmb=256) as w:
        for pk, n in needs:
            w.add_document(key=f"need:{pk}", pk=pk, type="need", title=n["title"], body=n["description"] or "")
        for pk, (name, text, _, _) in suppliers:
            w.add_document(key=f"supplier:{pk}", pk=pk, type="supplier", title=name, body=text)
    return ix


def _bm25(searcher, parser, text, doc_type, limit=20):
    from whoosh.query import Term

    q = parser.parse(" ".join(WORD_RE.findall(text)[:60]))
    return [h["pk"] for h in searcher.search(q, limit=limit, filter=Term("type", doc_type))]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("relevance")
    notices = load_notices()
    with bench_app(tmp) as app:
        need_ids = insert_needs(notices)
        sup_ids = insert_suppliers(SUPPLIERS)
        reindex()
        plain = _plain_index(tmp / "plain", list(zip(need_ids, notices, strict=True)),
                             list(zip(sup_ids, SUPPLIERS, strict=True)))
        yield app, notices, need_ids, sup_ids, plain


def _group(code):
    return code[:3]


def test_search_relevance(world):
    app, notices, need_ids, _, plain = world
    rng = random.Random(7)
    by_group: dict[str, set[int]] = {}
    for pk, n in zip(need_ids, notices, strict=True):
        by_group.setdefault(_group(n["cpv_main"]), set()).add(pk)
    sample = rng.sample(list(zip(need_ids, notices, strict=True)), SAMPLE)
    backend = get_backend()
    parser = MultifieldParser(["title", "body"], plain.schema, group=OrGroup)
    rows = []
    with plain.searcher() as ps:
        def run(kind, q, gains, known=None):
            ours = [h.pk for h in backend.search(q, "need", {}, pagelen=20).hits]
            base = _bm25(ps, parser, q, "need")
            rel = {d for d, g in gains.items() if g > 0}
            rows.append((kind, ndcg(ours, gains), ndcg(base, gains), recall(ours, gains, 20),
                         recall(base, gains, 20), rr(ours, {known} if known else rel),
                         rr(base, {known} if known else rel)))

        for pk, n in sample:
            q = _title_query(n["title"], rng)
            if not q:
                continue
            gains = {d: 1 for d in by_group[_group(n["cpv_main"])]} | {pk: 2}
            run("title", q, gains, pk)
            words = q.split()
            longest = max(words, key=len)
            run("title+typo", " ".join(typo(w, rng) if w == longest else w for w in words), gains, pk)
        groups = sorted((g for g, ds in by_group.items() if len(ds) >= 8), key=lambda g: -len(by_group[g]))
        for g in groups:
            code = g.ljust(8, "0")
            if code not in cpv():
                continue
            gains = {d: 1 for d in by_group[g]}
            run("CPV label (no)", cpv()[code]["no"], gains)
            run("CPV label (en)", cpv()[code]["en"], gains)
    lines = ["| query set | n | nDCG@10 ours | nDCG@10 BM25 | recall@20 ours | recall@20 BM25 | MRR ours | MRR BM25 |",
             "|---|---|---|---|---|---|---|---|"]
    for kind in dict.fromkeys(r[0] for r in rows):
        sel = [r for r in rows if r[0] == kind]
        m = [statistics.mean(r[i] for r in sel) for i in range(1, 7)]
        lines.append(f"| {kind} | {len(sel)} | {m[0]:.3f} | {m[1]:.3f} | {m[2]:.3f} | {m[3]:.3f} | {m[4]:.3f} | {m[5]:.3f} |")
    table = "\n".join(lines)
    print("\nSearch relevance\n" + table)
    write_section("search-relevance", "### Search relevance (judged set from the Doffin notices)\n\n"
                  "Title queries: up to 5 content words of a notice title; MRR = rank of that notice. "
                  "CPV label queries: the group's label; relevant = notices in that CPV group (MRR = first "
                  "relevant). Graded gains: the notice itself 2, same CPV group 1. BM25 = Whoosh "
                  "StandardAnalyzer, OR of the words.\n\n" + table)


def test_matching_relevance(world):
    app, notices, need_ids, sup_ids, plain = world
    from portal.needs.models import Need
    from portal.search.matching import match_suppliers

    sup_codes = {pk: codes for pk, (_, _, codes, _) in zip(sup_ids, SUPPLIERS, strict=True)}
    parser = MultifieldParser(["title", "body"], plain.schema, group=OrGroup)
    rows = []
    with plain.searcher() as ps:
        for pk, n in zip(need_ids, notices, strict=True):
            main = normalise_cpv(n["cpv_main"])
            extra = {normalise_cpv(c) for c in n.get("cpv_additional") or []} - {None}
            gains = {}
            for sid, codes in sup_codes.items():
                if any(c[:3] == main[:3] for c in codes):
                    gains[sid] = 2
                elif any(c[:2] == main[:2] for c in codes) or any(c[:3] == e[:3] for c in codes for e in extra):
                    gains[sid] = 1
            if not gains:
                continue
            need = db.session.get(Need, pk)
            ours = [m.pk for m in match_suppliers(need, 20)]
            base = _bm25(ps, parser, f"{n['title']} {n['description']}", "supplier")
            rows.append((ndcg(ours, gains), ndcg(base, gains), recall(ours, gains), recall(base, gains)))
            db.session.expunge_all()
    m = [statistics.mean(r[i] for r in rows) for i in range(4)]
    table = ("| need→supplier | needs | nDCG@10 | recall@20 |\n|---|---|---|---|\n"
             f"| ours | {len(rows)} | {m[0]:.3f} | {m[2]:.3f} |\n| BM25 (need text as OR query) | {len(rows)} | "
             f"{m[1]:.3f} | {m[3]:.3f} |")
    print("\nMatching relevance\n" + table)
    write_section("matching-relevance", "### Need → supplier matching (20 hand-written profiles, "
                  "tests/bench/judged_suppliers.py)\n\nEvery notice with at least one relevant supplier; gain 2 = "
                  "supplier has a code in the notice's main CPV group, 1 = same division or the group of an "
                  "additional code.\n\n" + table)
