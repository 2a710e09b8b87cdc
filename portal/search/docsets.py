"""Sets of document numbers as bitmaps (Python ints): one bit per document, C-speed & | and counts.

A filter or facet value over 120k documents takes 15 KB (a set of ints took ~7 MB), and the set of
every document a query matches is computed from the posting lists block by block instead of walking
Whoosh's matcher tree once more per document (that unscored second pass was most of a slow search).
prune() then drops the branches of the query that match none of them before ranking.py scores them.
"""

import re

from whoosh import query as Q
from whoosh.idsets import DocIdSet
from whoosh.matching.wrappers import FilterMatcher

from portal.search import limits

_NONZERO = re.compile(rb"[^\x00]")
_BITS = tuple(tuple(k for k in range(8) if v >> k & 1) for v in range(256))


def _leaf_ids(m):
    """The document numbers of a segment's posting list, a block at a time where the codec allows."""
    if isinstance(m, FilterMatcher):  # deleted documents: removed once at the end (live())
        m = m.child
    if not (hasattr(m, "_read_ids") and hasattr(m, "_next_block")):
        return list(m.all_ids())
    out = []
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        out.extend(m._ids[m._i:])
        m._next_block()
    return out


def _set_bits(buf: bytearray, ids, base: int) -> None:
    for d in ids:
        d += base
        buf[d >> 3] |= 1 << (d & 7)


def _size(s) -> int:
    return (s.reader().doc_count_all() >> 3) + 1


def to_int(buf: bytearray) -> int:
    return int.from_bytes(buf, "little")


def from_ids(s, ids) -> int:
    buf = bytearray(_size(s))
    _set_bits(buf, ids, 0)
    return to_int(buf)


def ids(mask: int) -> list[int]:
    """The set bits, ascending."""
    raw = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    out: list[int] = []
    for m in _NONZERO.finditer(raw):
        i = m.start()
        base = i << 3
        out.extend(base + k for k in _BITS[raw[i]])
    return out


def per_searcher(s, key, build):
    """A value built once per searcher and kept on it (a commit opens a new searcher, dropping them all)."""
    cache = s.__dict__.setdefault("_portal_cache", {})
    if key not in cache:
        if len(cache) > 200:  # filters and facets are few; a long-lived searcher must not grow forever
            cache.clear()
        cache[key] = build()
    return cache[key]


def live(s) -> int | None:
    """Every document not deleted, or None when nothing is deleted (kept per searcher)."""
    def build():
        reader = s.reader()
        return from_ids(s, reader.all_doc_ids()) if reader.has_deletions() else None

    return per_searcher(s, "live", build)


TERM_CACHE_BYTES = 16 << 20  # per searcher: ~1,000 bitmaps of common terms at 120k documents
CACHE_MIN_DOCS = 256  # rarer terms are read again (two posting blocks or fewer)


def _term_mask(s, r, base: int, fieldname: str, btext: bytes) -> int:
    """The documents of one term of one segment, common terms kept per searcher (bounded in bytes)."""
    cache = s.__dict__.get("_portal_terms")
    if cache is None:
        cache = s.__dict__["_portal_terms"] = ({}, [0])
    masks, used = cache
    key = (id(r), fieldname, btext)
    mask = masks.pop(key, None)
    if mask is not None:
        masks[key] = mask  # most recently used last
        return mask
    ids_ = _leaf_ids(r.postings(fieldname, btext))
    buf = bytearray(_size(s))
    _set_bits(buf, ids_, base)
    mask = to_int(buf)
    if len(ids_) >= CACHE_MIN_DOCS:
        masks[key] = mask
        used[0] += len(buf)
        while used[0] > TERM_CACHE_BYTES and masks:
            used[0] -= (masks.pop(next(iter(masks))).bit_length() >> 3) + 1
    return mask


def _bits(s, q, memo: dict) -> int:
    """The documents `q` matches; `memo` keeps those of each term for prune()."""
    limits.check()
    if isinstance(q, (Q.Term, Q.MultiTerm)):
        field = q.fieldname
        if isinstance(q, Q.Term):
            text = s.schema[field].to_bytes(q.text) if isinstance(q.text, str) else q.text
            texts_of = lambda r: (text,)  # noqa: E731
        else:  # Prefix, FuzzyTerm: expanded per segment, as Whoosh's matcher does
            texts_of = q._btexts
        out, per_reader = 0, {}
        for r, base in s.reader().leaf_readers():
            words = [w for w in texts_of(r) if w]
            found = [(w, _term_mask(s, r, base, field, w)) for w in words if (field, w) in r]
            per_reader[id(r)] = (len(words), found)
            for _, mask in found:
                out |= mask
        memo[id(q)] = per_reader
        return out
    if isinstance(q, Q.AndMaybe):
        return _bits(s, q.a, memo)
    if isinstance(q, Q.AndNot):
        return _bits(s, q.a, memo) & ~_bits(s, q.b, memo)
    if isinstance(q, Q.And):
        out = -1
        for sub in q.subqueries:
            out &= _bits(s, sub, memo)
            if not out:
                return 0
        return out
    if isinstance(q, (Q.Or, Q.DisjunctionMax)):
        out = 0
        for sub in q.subqueries:
            out |= _bits(s, sub, memo)
        return out
    if isinstance(q, Q.WrappingQuery):
        return _bits(s, q.child, memo)
    if q is Q.NullQuery:
        return 0
    return from_ids(s, s.docs_for_query(q))


def query_bits(s, q, memo: dict | None = None) -> int:
    """Every live document `q` matches."""
    out = _bits(s, q, {} if memo is None else memo)
    alive = live(s)
    return out & alive if alive is not None and out else out


def prune(q, docs: int, memo: dict):
    """`q` without the branches that match none of `docs` (None: nothing left), scoring those the same.

    A document's score is the sum over the branches it matches, so a branch that matches none of the
    documents to rank only costs time: skipping through its postings for every candidate.
    """
    if isinstance(q, Q.Term):
        entry = memo.get(id(q))
        if entry is None:
            return q
        return q if any(mask & docs for _, found in entry.values() for _, mask in found) else None
    if isinstance(q, Q.MultiTerm):
        entry = memo.get(id(q))
        if entry is None:
            return q
        keep = {rid: (n, [w for w, mask in found if mask & docs]) for rid, (n, found) in entry.items()}
        return _Expanded(q, keep) if any(kept for _, kept in keep.values()) else None
    if isinstance(q, Q.AndMaybe) and q.boost == 1:
        a = prune(q.a, docs, memo)
        if a is None:
            return None
        b = prune(q.b, docs, memo)
        return a if b is None else Q.AndMaybe(a, b)
    if isinstance(q, Q.And) and q.boost == 1:
        subs = [prune(sub, docs, memo) for sub in q.subqueries]
        return None if any(sub is None for sub in subs) else Q.And(subs)
    if isinstance(q, Q.Or) and not q.scale and not q.minmatch:
        subs = [sub for sub in (prune(sub, docs, memo) for sub in q.subqueries) if sub is not None]
        if not subs:
            return None
        out = Q.Or(subs, boost=q.boost)
        out.portal_subs = len(q.subqueries)  # Whoosh picks its union matcher (and so the scores) by this
        return out
    return q


class _Expanded(Q.Query):
    """A Prefix or FuzzyTerm with, per segment, the number of words it expands to and those that occur in
    the documents to rank (scored by ranking.py as Whoosh's MultiTerm.matcher scores the full expansion)."""

    def __init__(self, q, keep: dict):
        self.q, self.keep = q, keep

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return f"Expanded({self.q!r})"

    def matcher(self, searcher, context=None):
        raise NotImplementedError("only ranking.rank() scores a pruned query")


class Bits(DocIdSet):
    """A bitmap as a Whoosh filter (`searcher.search(..., filter=Bits(mask))`)."""

    def __init__(self, mask: int):
        self.mask, self.count = mask, mask.bit_count()
        self._raw = mask.to_bytes((mask.bit_length() + 7) // 8, "little")

    def __contains__(self, d):
        raw = self._raw
        i = d >> 3
        return i < len(raw) and raw[i] >> (d & 7) & 1 == 1

    def __len__(self):
        return self.count

    def __bool__(self):
        return self.count > 0

    def __iter__(self):
        return iter(ids(self.mask))
