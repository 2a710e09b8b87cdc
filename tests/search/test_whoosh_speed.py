"""The faster Whoosh writer methods (portal/search/whoosh_speed.py) write exactly the index Whoosh writes."""

import pytest
from whoosh import index

from portal.search import whoosh_speed
from portal.search.analysis import notices
from portal.search.documents import cpv_prefixes
from portal.search.index import make_schema


def _docs():
    rows = notices()[:300]
    if not rows:
        pytest.skip("the Doffin notices are not available")
    out = []
    for i, n in enumerate(rows):
        codes = [c for c in [n.get("cpv_main")] if c and len(c) >= 8][:1] or ["90910000"]
        body = n.get("description") or ""
        out.append({"key": f"need:{i}", "type": "need", "pk": i, "title": n["title"], "body": body,
                    "text": f"{n['title']}\n{body}", "spell": f"{n['title']}\n{body[:600]}",
                    "cpv": ",".join(sorted(cpv_prefixes([c[:8] for c in codes]))),
                    "county": "46" if i % 3 else "", "nationwide": "", "published": i, "planned": 2**62})
    return out


def _build(path, docs):
    ix = index.create_in(str(path), make_schema())
    w = ix.writer(limitmb=1)  # small runs: the pool saves and merges several
    for doc in docs:
        w.add_document(**doc)
    w.commit()
    return index.open_dir(str(path))


def _dump(ix):
    out = {}
    with ix.reader() as r:
        for fieldname, term in r.all_terms():
            info = r.term_info(fieldname, term)
            m = r.postings(fieldname, term)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            out[(fieldname, term)] = (postings, info.min_length(), info.max_length(), info.max_weight())
        lengths = {(f, d): r.doc_field_length(d, f) for f in ("title", "text", "spell", "cpv") for d in r.all_doc_ids()}
        stored = list(r.all_stored_fields())
    return out, lengths, stored


def test_fast_writer_writes_the_same_index(tmp_path):
    docs = _docs()
    (tmp_path / "fast").mkdir()
    (tmp_path / "whoosh").mkdir()
    fast = _dump(_build(tmp_path / "fast", docs))
    with whoosh_speed.disabled():
        plain = _dump(_build(tmp_path / "whoosh", docs))
    assert len(fast[0]) > 1000
    assert fast == plain


def test_field_length_outside_the_column(tmp_path):
    ix = _build(tmp_path, _docs()[:3])
    with ix.reader() as r:
        assert r.doc_field_length(2, "title") > 0
        assert r.doc_field_length(1, "cpv") == 0  # no length column: the default

