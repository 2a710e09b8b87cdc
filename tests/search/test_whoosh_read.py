"""The reading side: Whoosh fixes (whoosh_read.py), bitmaps (docsets.py) and ranking.py give Whoosh's answers."""

import pytest
from whoosh import index
from whoosh import query as Q
from whoosh.codec import whoosh3

from portal.search import docsets as ds
from portal.search import query as qb
from portal.search import ranking, whoosh_read
from portal.search.analysis import notices
from portal.search.documents import cpv_prefixes
from portal.search.index import make_schema

QUERIES = ["rammeavtale renhold", "konsulenttjenester", "renholdet", "velferdsteknologi", "brøyting av veier",
           "skoleskyss", "taxi for disabled persons", "kjøp av tjenester", "sykehjem", "rammeavtle konsulnet"]


def _docs(n=400):
    rows = notices()[:n]
    if not rows:
        pytest.skip("the Doffin notices are not available")
    out = []
    for i, row in enumerate(rows):
        code = row.get("cpv_main") or "90910000"
        body = row.get("description") or ""
        out.append({"key": f"need:{i}", "type": "need" if i % 4 else "supplier", "pk": i, "title": row["title"],
                    "body": body, "text": f"{row['title']}\n{body}", "spell": f"{row['title']}\n{body[:600]}",
                    "cpv": ",".join(sorted(cpv_prefixes([code[:8]]))), "county": "46" if i % 3 else "11",
                    "status": "published", "published": i, "planned": 2**62})
    return out


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    """Three compound segments (read through the mmap, as `flask search reindex` writes them) and a deletion."""
    whoosh_read.install()  # as the backend does: the tests compare the fixed reading with Whoosh's own
    path = tmp_path_factory.mktemp("ix")
    ix = index.create_in(str(path), make_schema())
    docs = _docs()
    for part in (docs[:150], docs[150:300], docs[300:]):
        w = ix.writer()
        for doc in part:
            w.add_document(**doc)
        w.commit(merge=False)
    w = ix.writer()
    w.delete_by_term("key", "need:5")
    w.commit(merge=False)
    return index.open_dir(str(path))


def test_skip_to_matches_whooshs(ix):
    assert whoosh3.W3LeafMatcher.skip_to is whoosh_read._skip_to  # the fixed one is what `a` runs
    with ix.searcher() as s:
        r = s.reader().leaf_readers()[0][0]
        for term in (b"avtal", b"tjenest", b"kommun"):
            a, b = r.postings("text", term), r.postings("text", term)
            for target in range(0, 150, 7):
                if not a.is_active():
                    break
                a.skip_to(target)
                whoosh_read._original_skip_to(getattr(b, "child", b), target)
                assert a.is_active() == b.is_active()
                if a.is_active():
                    assert a.id() == b.id()


def test_query_bits_are_whooshs_documents(ix):
    with ix.searcher() as s:
        for text in QUERIES:
            us = qb.units(text)
            for q in filter(None, (qb.strict_query(us), qb.loose_query(us))):
                assert ds.ids(ds.query_bits(s, q)) == sorted(s.docs_for_query(q))


def test_ranking_gives_whooshs_scores(ix):
    with ix.searcher() as s:
        allowed = ds.query_bits(s, Q.Term("type", "need"))
        boost = qb.cpv_boost_query(["90910000", "45000000"])
        for text in QUERIES:
            us = qb.units(text)
            for main in filter(None, (qb.strict_query(us), qb.loose_query(us))):
                memo: dict = {}
                docs = ds.query_bits(s, main, memo) & allowed
                if not docs:
                    continue
                # Every match scored by Whoosh (limit=None: its top-N collector skips blocks by their
                # maximum score, which is wrong for the constant scores of prefixes in small segments).
                hits = s.search(Q.AndMaybe(main, boost), limit=None, filter=ds.Bits(allowed))
                want = sorted(((h.score, h.docnum) for h in hits), key=lambda x: (-x[0], x[1]))[:20]
                got = ranking.rank(s, Q.AndMaybe(ds.prune(main, docs, memo), boost), docs, memo, 20)
                # The same scores; documents whose scores differ by float rounding only may swap places.
                assert [round(x, 9) for x, _ in got] == [round(x, 9) for x, _ in want], text
                cut = round(want[-1][0], 9)  # above the last score, the same documents
                assert {d for x, d in got if round(x, 9) > cut} == {d for x, d in want if round(x, 9) > cut}, text


def test_pruned_key_term_ranking_equals_full_ranking(ix, monkeypatch):
    """rank_terms() (MaxScore pruning, matching's more_like) returns exactly rank()'s top, scoring fewer postings."""
    scored = []
    full_scores = ranking._scores
    monkeypatch.setattr(ranking, "_scores", lambda m, targets: scored.append(len(targets)) or full_scores(m, targets))
    with ix.searcher() as s:
        allowed = ds.query_bits(s, Q.Term("type", "need"))
        full = pruned = 0
        for row in _docs()[::25]:
            terms = s.key_terms_from_text("text", row["text"], numterms=12, normalize=True)
            q = Q.Or([Q.Term("text", t, boost=w) for t, w in terms])
            memo: dict = {}
            docs = ds.query_bits(s, q, memo) & allowed
            for limit in (1, 5, 20, 60):
                scored.clear()
                want = ranking.rank(s, q, docs, memo, limit)
                full += sum(scored)
                scored.clear()
                assert ranking.rank_terms(s, q, docs, memo, limit) == want, (row["title"], limit)
                pruned += sum(scored)
        assert pruned < full * 0.8
