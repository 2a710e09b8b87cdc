"""Multilingual relevance (figures, not pass/fail): the hand-written judged set of judged_multilingual.py.

Loaded like the hidden evaluation of issue #6: the rows go through `flask import needs` and `flask import
suppliers` (JSON Lines files, CLI runner, index updated after commit), and everything is measured through
the HTTP API (`/api/v1/search`, `/api/v1/needs/<id>/matches`) with the Flask test client. Beside it a plain
BM25 baseline: Whoosh LanguageAnalyzer("no") (Snowball Norwegian stemming + stop words) on title + text,
words OR-ed.
"""

import contextvars
import json
import statistics
from urllib.parse import urlencode

import pytest
from sqlalchemy import select
from whoosh import index as windex
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import Term

from portal import create_app
from portal.extensions import db
from tests.bench import judged_unseen_multilingual as unseen
from tests.bench.common import WORD_RE, ndcg, recall, rr, write_section
from tests.bench.judged_multilingual import HELD_OUT, MATCHES, NEEDS, QUERIES, SUPPLIERS

TARGETS = {"ndcg": 0.85, "recall": 0.95, "mrr": 0.85}


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _world(tmp, needs, suppliers):
    """A portal with the judged set loaded through `flask import`, and the plain BM25 index beside it."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "INSTANCE_DIR": str(tmp),
                      "SEARCH_INDEX_DIR": str(tmp / "index"), "UPLOAD_DIR": str(tmp / "uploads"),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}", "RATELIMIT_ENABLED": False,
                      "MAIL_BACKEND": "console"})
    with app.app_context():
        db.create_all()
    runner = app.test_cli_runner()
    for cmd, rows in (("needs", needs), ("suppliers", suppliers)):
        path = _write_jsonl(tmp / f"{cmd}.jsonl", rows)
        result = contextvars.Context().run(runner.invoke, args=["import", cmd, str(path)])
        assert result.exit_code == 0, result.output
        assert f"created {len(rows)}," in result.output, result.output
    with app.app_context():
        from portal.needs.models import Need

        need_ids = {n.external_id: n.id for n in db.session.scalars(select(Need))}
        db.session.remove()
    plain = _plain_index(tmp / "plain", needs, suppliers)
    yield app, need_ids, plain
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    yield from _world(tmp_path_factory.mktemp("multilingual"), NEEDS, SUPPLIERS)


@pytest.fixture(scope="module")
def unseen_world(tmp_path_factory):
    yield from _world(tmp_path_factory.mktemp("unseen"), unseen.NEEDS, unseen.SUPPLIERS)


def _plain_index(path, needs, suppliers):
    ana = LanguageAnalyzer("no")
    schema = Schema(ext=ID(stored=True, unique=True), type=ID(stored=True), title=TEXT(analyzer=ana),
                    body=TEXT(analyzer=ana), pk=STORED)
    path.mkdir()
    ix = windex.create_in(str(path), schema)
    with ix.writer() as w:
        for n in needs:
            w.add_document(ext=n["external_id"], type="need", title=n["title"], body=n["description"])
        for s in suppliers:
            w.add_document(ext=s["external_id"], type="supplier", title=s["name"], body=s["description"])
    return ix


def _bm25(searcher, parser, text, doc_type, limit=20):
    q = parser.parse(" ".join(WORD_RE.findall(text)[:80]) if doc_type == "supplier" else text)
    return [h["ext"] for h in searcher.search(q, limit=limit, filter=Term("type", doc_type))]


def _get(app, url):
    client = app.test_client()
    r = contextvars.Context().run(client.get, url)
    assert r.status_code == 200, (url, r.status_code, r.get_data(as_text=True)[:300])
    return r.get_json()


def _mean(values):
    return statistics.mean(values) if values else 0.0


def _search_rows(app, ps, parser, queries, fails, label):
    rows = []
    for q, kind, gains in queries:
        body = _get(app, "/api/v1/search?" + urlencode({"q": q, "type": "need", "limit": 20}))
        ours = [h["external_id"] for h in body["results"]]
        base = _bm25(ps, parser, q, "need")
        rel = set(gains)
        row = (kind, rr(ours, rel), rr(base, rel), ndcg(ours, gains), ndcg(base, gains),
               recall(ours, gains), recall(base, gains))
        rows.append(row)
        if row[1] < 1:
            fails.append(f"{label} {q!r} ({kind}): RR {row[1]:.2f}, top {ours[:3]}, want {sorted(rel)}")
    return rows


def _match_rows(app, ps, parser, need_ids, needs, matches, fails):
    rows = []
    for n in needs:
        gains = matches[n["external_id"]]
        body = _get(app, f"/api/v1/needs/{need_ids[n['external_id']]}/matches?limit=20")
        ours = [m["supplier"]["external_id"] for m in body["results"]]
        base = _bm25(ps, parser, f"{n['title']} {n['description']}", "supplier")
        row = (n["external_id"], ndcg(ours, gains), ndcg(base, gains), recall(ours, gains), recall(base, gains))
        rows.append(row)
        if row[1] < TARGETS["ndcg"] or row[3] < 1:
            fails.append(f"match {n['external_id']} {n['title']!r}: nDCG {row[1]:.2f} recall {row[3]:.2f}, "
                         f"top {ours[:5]}, want {gains}")
    return rows


def _table_line(label, rows, columns):
    means = [_mean([r[i] for r in rows]) for i in columns]
    return f"| {label} | {len(rows)} | " + " | ".join(f"{v:.3f}" for v in means) + " |"


def _match_line(rows):
    """nDCG@10 and recall@20, ours and BM25, in the columns of the search table (no MRR)."""
    means = [_mean([r[i] for r in rows]) for i in range(1, 5)]
    return f"| **need→supplier matching** | {len(rows)} | | | " + " | ".join(f"{v:.3f}" for v in means) + " |"


def test_multilingual_relevance(world):
    app, need_ids, plain = world
    parser = MultifieldParser(["title", "body"], plain.schema, group=OrGroup)
    fails = []
    with plain.searcher() as ps:
        search_rows = _search_rows(app, ps, parser, QUERIES, fails, "search")
        held_rows = _search_rows(app, ps, parser, HELD_OUT, fails, "held-out")
        match_rows = _match_rows(app, ps, parser, need_ids, NEEDS, MATCHES, fails)
    lines = ["| set | n | MRR ours | MRR BM25 | nDCG@10 ours | nDCG@10 BM25 | recall@20 ours | recall@20 BM25 |",
             "|---|---|---|---|---|---|---|---|"]

    def add(label, sel):
        lines.append(_table_line(label, sel, range(1, 7)))

    add("**search, all queries**", search_rows)
    for lang in ("nb", "nn", "en"):
        add(f"search, {lang}", [r for r in search_rows if r[0].split()[0] == lang])
    for tag in ("compound", "typo", "synonym"):
        add(f"search, {tag}", [r for r in search_rows if tag in r[0]])
    add("**search, held-out queries**", held_rows)
    for lang in ("nb", "nn", "en"):
        add(f"held-out, {lang}", [r for r in held_rows if r[0].split()[0] == lang])
    add("held-out, typo", [r for r in held_rows if "typo" in r[0]])
    lines.append(_match_line(match_rows))
    table = "\n".join(lines)
    print(f"\nMultilingual relevance (targets: search MRR ≥ {TARGETS['mrr']}, matching nDCG@10 ≥ {TARGETS['ndcg']}, "
          f"recall@20 ≥ {TARGETS['recall']})\n"
          + table + "\n\nMisses:\n" + "\n".join(fails))
    write_section("multilingual-relevance", (
        "### Multilingual judged set (tests/bench/judged_multilingual.py)\n\n"
        f"Hand-written: {len(NEEDS)} needs and {len(SUPPLIERS)} supplier profiles in bokmål, nynorsk and English "
        "(3 distractors), graded need→supplier relevance (2 = does exactly this, 1 = part of it or a neighbouring "
        f"service), {len(QUERIES)} need-search queries with typos, compounds and synonyms, and {len(HELD_OUT)} "
        "held-out queries written after the synonym list was extended (not tuned against: the honest estimate for "
        "unseen wordings). Loaded through `flask import needs` / `flask import suppliers`, measured through "
        "`/api/v1/search?type=need` and `/api/v1/needs/<id>/matches` (test client). BM25 = Whoosh "
        "LanguageAnalyzer(\"no\") on title + text, words OR-ed (the need's title + description for matching). "
        "Targets of the issue: search MRR ≥ 0.85, matching nDCG@10 ≥ 0.85 and recall@20 ≥ 0.95.\n\n" + table))


def test_unseen_multilingual_relevance(unseen_world):
    """The set of judged_unseen_multilingual.py, written by a session that never saw the search code: the
    closest stand-in for the hidden evaluation."""
    app, need_ids, plain = unseen_world
    parser = MultifieldParser(["title", "body"], plain.schema, group=OrGroup)
    fails = []
    with plain.searcher() as ps:
        search_rows = _search_rows(app, ps, parser, unseen.QUERIES, fails, "search")
        match_rows = _match_rows(app, ps, parser, need_ids, unseen.NEEDS, unseen.MATCHES, fails)
    lines = ["| set | n | MRR ours | MRR BM25 | nDCG@10 ours | nDCG@10 BM25 | recall@20 ours | recall@20 BM25 |",
             "|---|---|---|---|---|---|---|---|", _table_line("**search**", search_rows, range(1, 7))]
    for lang in ("nb", "nn", "en"):
        lines.append(_table_line(f"search, {lang}", [r for r in search_rows if r[0].split()[0] == lang], range(1, 7)))
    lines.append(_match_line(match_rows))
    table = "\n".join(lines)
    print("\nUnseen multilingual set\n" + table + "\n\nMisses:\n" + "\n".join(fails))
    write_section("unseen-multilingual-relevance", (
        "### Unseen multilingual judged set (tests/bench/judged_unseen_multilingual.py)\n\n"
        f"Written on 2026-12-06 by a separate session that never read or ran the search code: {len(unseen.NEEDS)} "
        f"needs, {len(unseen.SUPPLIERS)} supplier profiles and {len(unseen.QUERIES)} need-search queries in bokmål, "
        "nynorsk and English with typos, compounds and synonyms, graded as above (a supplier counts only where it "
        "serves the buyer's area). Loaded and measured the same way. First measured at search MRR 0.891 and "
        "matching 0.989 / 0.988; its search misses led to two general changes (spelling corrections also from "
        "the synonym list's words, and one part of a compound in the fallback), so for search it is no longer "
        "unseen. Matching and the CPV suggestion were not changed after it.\n\n" + table))
