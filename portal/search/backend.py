"""The search interface views use (Backend), and its Whoosh implementation."""

import math
from dataclasses import dataclass, field
from html import escape
from typing import Protocol

from markupsafe import Markup
from markupsafe import escape as markup_escape
from whoosh import highlight, sorting
from whoosh import query as Q
from whoosh.spelling import ListCorrector

from portal.search import docsets as ds
from portal.search import index as ix_mod
from portal.search import limits, ranking, whoosh_read
from portal.search import query as qb
from portal.search.analysis import analyse_word, words

whoosh_read.install()
FEW = 3
COMMON_SHARE, COMMON_MIN = 0.01, 5  # a compound part in more documents than this does not count alone
LIST_CORRECTION_MIN = 7  # letters a word needs before «Mente du» may take a word of the synonym list
FACETS = {
    "need": ("kind", "status", "county", "division"),
    "supplier": ("county", "division", "size", "social", "cert"),
}
SORTS = ("relevance", "newest", "planned")


@dataclass
class Hit:
    key: str
    type: str
    pk: int
    external_id: str | None
    title: str
    snippet: Markup
    score: float | None  # relevance; None when the order is by date (Whoosh gives the sort key there)
    fields: dict


@dataclass
class Results:
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    fuzzy: bool = False
    truncated: bool = False  # the time budget ran out: the hits found so far, maybe unranked
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
               facets: bool = True, loose: bool = True) -> Results:
        """`loose=False` (alerts): with few hits, only the «Mente du» spelling of all the words is added,
        never the any-word and fuzzy fallback."""
    def key_terms(self, text: str, numterms: int = 12) -> list[tuple[str, float]]: ...
    def more_like(self, terms: list[tuple[str, float]], doc_type: str, limit: int = 60,
                  statuses=None) -> dict[int, float]: ...
    def stored(self, doc_type: str, pks) -> dict[int, dict]: ...
    def idf(self, terms) -> dict[str, float]: ...


def _facet_sets(s, name: str) -> list[tuple[str, int]]:
    """(value, bitmap of the documents having it) of a facet field, built once per searcher."""
    def build():
        return [(term.decode("utf-8"), ds.query_bits(s, Q.Term(name, term)))
                for term in s.reader().lexicon(name)]
    return ds.per_searcher(s, ("facet-bits", name), build)


def facet_counts(s, docs: int, names) -> dict[str, list[tuple[str, int]]]:
    """Counts of each facet value among the documents of the bitmap `docs`."""
    out = {}
    for name in names:
        counts = [(v, (docs & bits).bit_count()) for v, bits in _facet_sets(s, name) if v]
        out[name] = sorted(((v, n) for v, n in counts if n), key=lambda x: (-x[1], x[0]))
    return out


def _filter_bits(s, flt) -> int | None:
    """The documents a filter query allows (a bitmap), kept per searcher."""
    if flt is None:
        return None
    return ds.per_searcher(s, ("filter-bits", repr(flt)), lambda: ds.query_bits(s, flt))


DOCNUM_MEMO = 20_000


def _docnums(s) -> dict:
    """key → docnum (None: not indexed) of the documents recently looked up on this searcher."""
    memo = ds.per_searcher(s, "docnums", dict)
    if len(memo) > DOCNUM_MEMO:
        memo.clear()
    return memo


class MarkFormatter(highlight.Formatter):
    """Escape the text, wrap matches in <mark>."""

    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<mark>" + escape(highlight.get_text(text, token, replace), quote=False) + "</mark>"


class _Snippets:
    """Highlighted snippets for the shown hits: the query's terms (prefixes expanded) looked up once."""

    def __init__(self, s, query):
        self.analyzer = s.schema["text"].analyzer
        field = s.schema["text"]
        self.words = frozenset(field.from_bytes(t) for _, t in query.existing_terms(s.reader(), fieldname="text",
                                                                                      expand=True))
        self.hl = highlight.Highlighter(fragmenter=highlight.ContextFragmenter(maxchars=240, surround=60),
                                        formatter=MarkFormatter())

    def __call__(self, text: str, top: int = 2) -> str:
        """What Whoosh's `hit.highlights("text", text=…, top=2)` returns, without re-expanding per hit."""
        if not text or not self.words:
            return ""
        hl = self.hl
        tokens = self.analyzer(text, positions=True, chars=True, mode="index", removestops=False)
        tokens = hl._merge_matched_tokens(highlight.set_matched_filter(tokens, self.words))
        fragments = highlight.top_fragments(hl.fragmenter.fragment_tokens(text, tokens), top, hl.scorer, hl.order,
                                            minscore=1)
        return hl.formatter.format(fragments)


def _marked(html: str) -> Markup:
    """The highlighter's output: every text part escaped by MarkFormatter, only <mark> added."""
    return Markup(html)  # nosec B704  # noqa: S704


def _closest(correctors, word: str) -> str | None:
    """The nearest other word (edit distance 1, then 2 for words of 7+ letters), the first corrector first."""
    for distance in range(1, (2 if len(word) > 6 else 1) + 1):
        for corrector in correctors:
            found = corrector.suggest(word, limit=1, maxdist=distance, prefix=1)
            if found and found[0] != word:
                return found[0]
    return None


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

    @limits.exclusive
    def search(self, q, doc_type, filters, sort="relevance", page=1, pagelen=20, boost_cpv=None, facets=True,
               loose=True):
        s = ix_mod.searcher()
        us = qb.units(q)
        with limits.time_budget(None):  # filters are few values, kept per searcher: never cut short
            allowed = _filter_bits(s, qb.filter_query(doc_type, filters))
        facets = FACETS.get(doc_type or "", ()) if facets else ()
        kwargs = {"terms": False, "limit": page * pagelen}
        if sort == "newest":
            kwargs["sortedby"] = sorting.FieldFacet("published", reverse=True)
        elif sort == "planned":
            kwargs["sortedby"] = sorting.FieldFacet("planned")
        main = qb.strict_query(us)
        if main is None and "sortedby" not in kwargs:
            kwargs["sortedby"] = sorting.FieldFacet("published", reverse=True)
        boost = qb.cpv_boost_query(boost_cpv or []) if main is not None else None
        out = Results(page=page, pagelen=pagelen)
        memo: dict = {}
        docs = 0
        try:
            docs = self._docs(s, main, allowed, memo)
            if main is not None and docs.bit_count() < FEW:
                out.suggestion = self._suggest(s, q)
                fallback = us
                if out.suggestion:  # first all the corrected words, as if typed so; else any of them
                    fallback = qb.units(out.suggestion)
                    docs, main, memo, out.fuzzy = self._wider(s, qb.strict_query(fallback), allowed, docs, main,
                                                              memo)
                if loose and docs.bit_count() < FEW:
                    common = max(COMMON_MIN, s.doc_count() * COMMON_SHARE)
                    loose = qb.loose_query(fallback, is_common=lambda t: s.doc_frequency("text", t) > common)
                    docs, main, memo, out.fuzzy = self._wider(s, loose, allowed, docs, main, memo, out.fuzzy)
        except limits.TooSlow:  # keep what the finished steps found (each step assigns only when done)
            out.truncated = True
        out.total = docs.bit_count()
        if facets and docs:
            with limits.time_budget(None):  # bitmaps of the facet values, kept per searcher
                out.facets = facet_counts(s, docs, facets)
        with limits.grace():  # ranking gets its own share, so the hits found are ranked when they can be
            shown = self._shown(s, main, boost, docs, allowed, kwargs, memo, page, pagelen, out)
            snippet_of = _Snippets(s, main) if main is not None and shown and not limits.exceeded() else None
        by_relevance = "sortedby" not in kwargs and not out.truncated
        for score, fields in shown:
            body = fields.get("body", "")
            snippet = snippet_of(body) if snippet_of else ""
            out.hits.append(Hit(
                key=fields["key"], type=fields["type"], pk=fields["pk"], external_id=fields.get("external_id"),
                title=fields.get("title", ""), score=round(float(score or 0.0), 4) if by_relevance else None,
                fields=fields,
                snippet=_marked(snippet) if snippet else _plain_snippet(body),
            ))
        return out

    def _shown(self, s, main, boost, docs, allowed, kwargs, memo, page, pagelen, out) -> list[tuple[float, dict]]:
        """(score, stored fields) of the page's hits; over the time budget, the first matching documents in
        index order (out.truncated) instead of the best ranked ones."""
        if not docs:
            return []
        try:
            return self._ranked(s, main, boost, docs, allowed, kwargs, memo, page * pagelen)[(page - 1) * pagelen:]
        except limits.TooSlow:
            out.truncated = True
            first = ds.ids(docs)[(page - 1) * pagelen:page * pagelen]
            return [(0.0, s.stored_fields(d)) for d in first]

    @classmethod
    def _wider(cls, s, query, allowed, docs, main, memo, fuzzy=False):
        """(docs, query, memo, fuzzy) with `query` added when it matches more documents than the current
        search; the documents that already matched stay in (and rank first: they match both)."""
        if query is None:  # nothing left to search for (e.g. only stop words): never "all documents"
            return docs, main, memo, fuzzy
        if docs:
            query = Q.Or([main, query])
        wider_memo: dict = {}
        wider = cls._docs(s, query, allowed, wider_memo)
        if wider.bit_count() > docs.bit_count():
            return wider, query, wider_memo, True
        return docs, main, memo, fuzzy

    @staticmethod
    def _docs(s, main, allowed, memo) -> int:
        """Every document the search matches (a bitmap): for the total, the facets and the ranking."""
        if main is None:
            return allowed if allowed is not None else (ds.live(s) or (1 << s.reader().doc_count_all()) - 1)
        docs = ds.query_bits(s, main, memo)
        return docs & allowed if allowed is not None else docs

    @staticmethod
    def _ranked(s, main, boost, docs, allowed, kwargs, memo, limit) -> list[tuple[float, dict]]:
        """(score, stored fields) of the top `limit`: scored only on the documents known to match, without
        the branches none of them matches (ranking.py: Whoosh's scores, far less work), else by Whoosh."""
        if main is not None and "sortedby" not in kwargs:  # 10× faster than Whoosh's collector at 50k matches too
            pruned = ds.prune(main, docs, memo) or main
            try:
                return [(score, s.stored_fields(d)) for score, d in
                        ranking.rank(s, Q.AndMaybe(pruned, boost) if boost is not None else pruned, docs, memo, limit)]
            except ranking.Unsupported:
                pass
        query = Q.Every() if main is None else Q.AndMaybe(main, boost) if boost is not None else main
        res = s.search(query, filter=ds.Bits(allowed) if allowed is not None else None, **kwargs)
        return [(hit.score, hit.fields()) for hit in res]

    def _suggest(self, s, q: str) -> str | None:
        """'Mente du …?': replace each unknown word by the closest indexed word (an indexed word wins a tie);
        a word of 7 letters or more may also become a word of the synonym list (snøbrøyitng → snøbrøyting,
        though no document has that word). Shorter words have too many neighbours there (rense → reuse)."""
        index = s.corrector("spell")
        changed, out = False, []
        for w in words(q):
            limits.check()
            known = s.doc_frequency("spell", w) or qb.in_vocabulary(w)  # words() left out stop words
            found = None
            if not known and len(w) >= 4 and w.isalpha():
                long_word = len(w) >= LIST_CORRECTION_MIN
                found = _closest((index, ListCorrector(qb.vocabulary())) if long_word else (index,), w)
                if found and analyse_word(found)[:1] == analyse_word(w)[:1]:
                    found = None  # the same stem: the search already finds it (bile → biler)
            out.append(found or w)
            changed = changed or found is not None
        return " ".join(out) if changed else None

    # --- matching ----------------------------------------------------------------------------------

    @limits.exclusive
    def key_terms(self, text, numterms=12):
        s = ix_mod.searcher()
        try:
            return s.key_terms_from_text("text", text, numterms=numterms, normalize=True)
        except (ValueError, ZeroDivisionError):  # empty text or empty index
            return []

    @limits.exclusive
    def more_like(self, terms, doc_type, limit=60, statuses=None):
        if not terms:
            return {}
        s = ix_mod.searcher()
        q = Q.Or([Q.Term("text", t, boost=w) for t, w in terms])
        flt = Q.Term("type", doc_type)
        if statuses:
            flt = Q.And([flt, Q.Or([Q.Term("status", st) for st in statuses])])
        memo: dict = {}
        docs = ds.query_bits(s, q, memo) & _filter_bits(s, flt)
        top = ranking.rank_terms(s, q, docs, memo, limit)  # only the candidates of the wanted type and status
        docnums, recent = _docnums(s), ds.per_searcher(s, "recent", dict)
        recent.clear()  # the fields of these hits, for the stored() call that follows
        out = {}
        for score, docnum in top:
            fields = s.stored_fields(docnum)
            docnums[fields["key"]] = docnum
            recent[docnum] = fields
            out[fields["pk"]] = float(score)
        return out

    @limits.exclusive
    def stored(self, doc_type, pks):
        s = ix_mod.searcher()
        docnums, recent, reader = _docnums(s), ds.per_searcher(s, "recent", dict), s.reader()
        out = {}
        for pk in pks:
            key = f"{doc_type}:{pk}"
            if key not in docnums:
                term = key.encode("utf-8")
                docnums[key] = next(iter(reader.postings("key", term).all_ids()), None) \
                    if ("key", term) in reader else None
            docnum = docnums[key]
            if docnum is not None:
                out[pk] = recent.get(docnum) or s.stored_fields(docnum)
        return out

    @limits.exclusive
    def idf(self, terms):
        s = ix_mod.searcher()
        cache = ds.per_searcher(s, "idf", dict)
        n = max(1, s.doc_count())
        out = {}
        for t in terms:
            if t not in cache:
                cache[t] = math.log(1 + n / (1 + s.doc_frequency("text", t)))
            out[t] = cache[t]
        return out


def get_backend() -> Backend:
    return WhooshBackend()
