"""The search interface views use (Backend), and its Whoosh implementation."""

import math
from dataclasses import dataclass, field
from html import escape
from typing import Protocol

from markupsafe import Markup
from markupsafe import escape as markup_escape
from whoosh import highlight, sorting
from whoosh import query as Q
from whoosh.qparser import QueryParser

from portal.search import index as ix_mod
from portal.search import query as qb
from portal.search.analysis import words

FEW = 3
FACETS = {
    "need": ("kind", "status", "county", "division"),
    "supplier": ("county", "division", "size", "social", "cert"),
}
MULTI = {"county", "division", "cert", "municipality", "cpv"}
SORTS = ("relevance", "newest", "planned")


@dataclass
class Hit:
    key: str
    type: str
    pk: int
    external_id: str | None
    title: str
    snippet: Markup
    score: float
    fields: dict


@dataclass
class Results:
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False
    page: int = 1
    pagelen: int = 20

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.pagelen))


class Backend(Protocol):
    """What the portal needs from a full-text engine (Whoosh today, PostgreSQL later)."""

    def index_docs(self, docs: list[dict]) -> None: ...
    def delete(self, keys: list[str]) -> None: ...
    def apply(self, build) -> object: ...
    def search(self, q: str, doc_type: str | None, filters: dict, sort: str = "relevance",
               page: int = 1, pagelen: int = 20, boost_cpv: list[str] | None = None,
               facets: bool = True) -> Results: ...
    def key_terms(self, text: str, numterms: int = 12) -> list[tuple[str, float]]: ...
    def more_like(self, terms: list[tuple[str, float]], doc_type: str, limit: int = 60,
                  statuses=None) -> dict[int, float]: ...
    def stored(self, doc_type: str, pks) -> dict[int, dict]: ...
    def idf(self, terms) -> dict[str, float]: ...


_idf_cache: dict[int, dict[str, float]] = {}


_facet_cache: dict[tuple[int, str], dict[int, tuple]] = {}


def _facet_map(s, name: str) -> dict[int, tuple]:
    """docnum → the values of a facet field, built once per searcher (Whoosh facets rebuild it per query)."""
    key = (id(s), name)
    if key not in _facet_cache:
        if len(_facet_cache) > 40:
            _facet_cache.clear()
        reader, values = s.reader(), {}
        for term in reader.lexicon(name):
            value = term.decode("utf-8")
            for docnum in reader.postings(name, term).all_ids():
                values[docnum] = values.get(docnum, ()) + (value,)
        _facet_cache[key] = values
    return _facet_cache[key]


def facet_counts(s, docnums, names) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for name in names:
        m, counts = _facet_map(s, name), {}
        for d in docnums:
            for v in m.get(d, ()):
                counts[v] = counts.get(v, 0) + 1
        out[name] = sorted(((v, n) for v, n in counts.items() if v), key=lambda x: (-x[1], x[0]))
    return out


class MarkFormatter(highlight.Formatter):
    """Escape the text, wrap matches in <mark>."""

    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>" + escape(highlight.get_text(text, token, replace), quote=False) + "</mark>"


def _marked(html: str) -> Markup:
    """The highlighter's output: every text part escaped by MarkFormatter, only <mark> added."""
    return Markup(html)  # nosec B704  # noqa: S704


def _plain_snippet(text: str, n: int = 220) -> Markup:
    text = " ".join((text or "").split())
    return markup_escape(text[:n] + ("…" if len(text) > n else ""))


class WhooshBackend:
    def index_docs(self, docs):
        ix = ix_mod.open_index(create=True)
        with ix_mod.writer(ix) as w:
            for doc in docs:
                w.update_document(**doc)

    def delete(self, keys):
        ix = ix_mod.open_index(create=True)
        with ix_mod.writer(ix) as w:
            for k in keys:
                w.delete_by_term("key", k)

    def apply(self, build):
        """Hold the write lock while `build()` reads the database, so the newest state is written last."""
        ix = ix_mod.open_index(create=True)
        w = ix_mod.writer(ix)
        try:
            docs, deletes, result = build()
            for k in deletes:
                w.delete_by_term("key", k)
            for doc in docs:
                w.update_document(**doc)
        except BaseException:
            w.cancel()
            raise
        w.commit()
        return result

    # --- searching ---------------------------------------------------------------------------------

    def search(self, q, doc_type, filters, sort="relevance", page=1, pagelen=20, boost_cpv=None, facets=True):
        s = ix_mod.searcher()
        us = qb.units(q)
        flt = qb.filter_query(doc_type, filters)
        facets = FACETS.get(doc_type or "", ()) if facets else ()
        kwargs = {"filter": flt, "terms": False}
        if sort == "newest":
            kwargs["sortedby"] = sorting.FieldFacet("published", reverse=True)
        elif sort == "planned":
            kwargs["sortedby"] = sorting.FieldFacet("planned")
        strict = qb.strict_query(us)
        if strict is None:
            main = Q.Every()
            if "sortedby" not in kwargs:
                kwargs["sortedby"] = sorting.FieldFacet("published", reverse=True)
        else:
            main = strict
        boost = qb.cpv_boost_query(boost_cpv or []) if strict is not None else None
        final = Q.AndMaybe(main, boost) if boost is not None else main
        res = s.search_page(final, page, pagelen=pagelen, **kwargs)
        out = Results(page=page, pagelen=pagelen)
        if strict is not None and res.total < FEW:
            loose = qb.loose_query(us)
            fres = s.search_page(Q.AndMaybe(loose, boost) if boost is not None else loose, page,
                                 pagelen=pagelen, **kwargs)
            if fres.total > res.total:
                res, out.fuzzy = fres, True
            out.suggestion = self._suggest(s, q)
        out.total = res.total
        if facets and res.total:
            out.facets = facet_counts(s, res.results.docs(), facets)
        res.results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
        res.results.formatter = MarkFormatter()
        for hit in res:
            fields = hit.fields()
            snippet = hit.highlights("text", text=fields.get("body", ""), top=2) if strict is not None else ""
            out.hits.append(Hit(
                key=fields["key"], type=fields["type"], pk=fields["pk"], external_id=fields.get("external_id"),
                title=fields.get("title", ""), score=round(float(hit.score or 0.0), 4), fields=fields,
                snippet=_marked(snippet) if snippet else _plain_snippet(fields.get("body", "")),
            ))
        return out

    def _suggest(self, s, q: str) -> str | None:
        """'Mente du …?': replace unknown words by the closest indexed word."""
        corrector = s.corrector("spell")
        changed, out = False, []
        for w in words(q):
            if s.doc_frequency("spell", w) == 0 and len(w) >= 4 and w.isalpha():
                found = corrector.suggest(w, limit=1, maxdist=2 if len(w) > 6 else 1, prefix=1)
                if found and found[0] != w:
                    out.append(found[0])
                    changed = True
                    continue
            out.append(w)
        return " ".join(out) if changed else None

    # --- matching ----------------------------------------------------------------------------------

    def key_terms(self, text, numterms=12):
        s = ix_mod.searcher()
        try:
            return s.key_terms_from_text("text", text, numterms=numterms, normalize=True)
        except (ValueError, ZeroDivisionError):  # empty text or empty index
            return []

    def more_like(self, terms, doc_type, limit=60, statuses=None):
        if not terms:
            return {}
        s = ix_mod.searcher()
        q = Q.Or([Q.Term("text", t, boost=w) for t, w in terms])
        flt = Q.Term("type", doc_type)
        if statuses:
            flt = Q.And([flt, Q.Or([Q.Term("status", st) for st in statuses])])
        res = s.search(q, limit=limit, filter=flt, terms=False)
        return {hit["pk"]: float(hit.score) for hit in res}

    def stored(self, doc_type, pks):
        s = ix_mod.searcher()
        out = {}
        for pk in pks:
            docnum = s.document_number(key=f"{doc_type}:{pk}")
            if docnum is not None:
                out[pk] = s.stored_fields(docnum)
        return out

    def idf(self, terms):
        s = ix_mod.searcher()
        cache = _idf_cache.setdefault(id(s), {})
        if len(_idf_cache) > 4:  # one entry per searcher generation is enough
            for k in list(_idf_cache)[:-1]:
                _idf_cache.pop(k)
        n = max(1, s.doc_count())
        out = {}
        for t in terms:
            if t not in cache:
                cache[t] = math.log(1 + n / (1 + s.doc_frequency("text", t)))
            out[t] = cache[t]
        return out

    def raw_search(self, text: str, limit: int = 20):
        """Plain Whoosh (QueryParser on the body, BM25F) as a baseline for benchmarks."""
        s = ix_mod.searcher()
        q = QueryParser("text", s.schema).parse(text)
        return [hit["pk"] for hit in s.search(q, limit=limit)]


def get_backend() -> Backend:
    return WhooshBackend()
