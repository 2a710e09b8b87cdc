"""Rank a known set of matching documents: each term's scores read once, then summed per document.

The scores are Whoosh's (every leaf is Whoosh's own scored matcher, boosts and sums as its matcher tree
applies them), but each term is visited only at the documents that have it. Whoosh's union matchers
instead walk the whole tree of alternatives (words × fields × compound parts × synonyms × prefix
expansions) once per candidate document, which was most of the time of a slow search.
"""

from bisect import bisect_left
from heapq import nsmallest

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.scoring import WeightLengthScorer

from portal.search import docsets as ds
from portal.search import limits


class Unsupported(Exception):
    """A query node this ranking does not score exactly as Whoosh: use Whoosh's own search."""


def _scores(m, targets) -> dict[int, float]:
    """Score of `m` at each of the (sorted, segment-local) documents in `targets` it matches."""
    fast = _leaf_scores(m, targets)
    if fast is not None:
        return fast
    out = {}
    for d in targets:
        if not m.is_active():
            break
        if m.id() < d:
            m.skip_to(d)
            if not m.is_active():
                break
        if m.id() == d:
            out[d] = m.score()
    return out


def _leaf_scores(m, targets) -> dict[int, float] | None:
    """_scores() for a term's posting list: block by block, the scorer's own formula on each posting's
    weight and field length, times each wrapper's boost (what m.score() computes through 3-4 calls)."""
    boosts = []
    while type(m) in (WrappingMatcher, FilterMatcher):  # FilterMatcher: deleted documents, never targets
        if type(m) is WrappingMatcher:
            boosts.insert(0, m.boost)  # the innermost boost multiplies first
        m = m.child
    scorer = getattr(m, "scorer", None)
    if not isinstance(m, W3LeafMatcher) or m._byteids or type(scorer).score is not WeightLengthScorer.score:
        return None
    score, dfl, out = scorer._score, scorer.dfl, {}
    for d in targets:
        while not m._atend and d > m._maxid:
            if m._lastblock:
                m._atend = True
            else:
                m._goto(m._nextoffset)
        if m._atend:
            break
        if m._ids is None:
            m._read_ids()
        ids = m._ids
        i = bisect_left(ids, d)
        if i < len(ids) and ids[i] == d:
            if m._weights is None:
                m._read_weights()
            v = score(m._weights[i], dfl(d))
            for b in boosts:
                v *= b
            out[d] = v
    return out


class _Segment:
    def __init__(self, sub, base: int, docs: int, memo: dict, ctx):
        self.sub, self.reader, self.base, self.docs, self.memo, self.ctx = sub, sub.reader(), base, docs, memo, ctx
        self.all = None

    def targets(self, mask: int | None) -> list[int]:
        """Local numbers of the documents to score: those the term has, when its postings are known."""
        if mask is None:
            if self.all is None:
                end = self.base + self.reader.doc_count_all()
                self.all = [d - self.base for d in ds.ids(self.docs) if self.base <= d < end]
            return self.all
        return [d - self.base for d in ds.ids(mask & self.docs)]

    def _found(self, q) -> dict:
        entry = self.memo.get(id(q))
        return {} if entry is None else dict(entry.get(id(self.reader), (0, []))[1])

    def eval(self, q) -> dict[int, float]:
        limits.check()
        if isinstance(q, Q.Term):
            entry = self.memo.get(id(q))
            mask = None
            if entry is not None:
                found = self._found(q)
                if not found:
                    return {}
                mask = next(iter(found.values()))
            return _scores(q.matcher(self.sub, self.ctx), self.targets(mask))
        if isinstance(q, ds._Expanded):
            return self._expanded(q)
        if isinstance(q, Q.AndMaybe) and q.boost == 1:
            out = self.eval(q.a)
            if out:
                extra = self.eval(q.b)
                for d, v in extra.items():
                    if d in out:
                        out[d] += v
            return out
        if type(q) is Q.And:
            subs = q.subqueries
            if len(subs) == 1:  # Whoosh uses the child's matcher as it is (no boost)
                return self.eval(subs[0])
            parts = [self.eval(sub) for sub in subs]
            keys = set(parts[0]).intersection(*parts[1:])
            out = {d: sum(p[d] for p in parts) for d in keys}
            return {d: v * q.boost for d, v in out.items()} if q.boost != 1.0 else out
        if type(q) is Q.Or and not (q.minmatch or q.scale):
            subs = q.subqueries
            n = getattr(q, "portal_subs", len(subs))  # before prune()
            if n == 1:
                return self.eval(subs[0])
            return self._union([self.eval(sub) for sub in subs], n, q.boost, scored=True)
        raise Unsupported(repr(q))

    def _union(self, parts, n: int, boost: float, scored: bool) -> dict[int, float]:
        """Or's scores as Whoosh computes them: its union matcher depends on the number of alternatives and
        the segment's size (Or._matcher): a tree of unions sums the scores, then applies the boost; the
        array union of a small segment adds score × boost, or counts 1 when unscored (constantscore)."""
        out: dict[int, float] = {}
        if n < 1024 and (n == 2 or self.reader.doc_count_all() > 5000):
            for p in parts:
                for d, v in p.items():
                    out[d] = out[d] + v if d in out else v
            return {d: v * boost for d, v in out.items()} if boost != 1.0 else out
        for p in parts:
            for d, v in p.items():
                out[d] = (out[d] + v * boost if d in out else v * boost) if scored else 1.0
        return out

    def _expanded(self, q) -> dict[int, float]:
        """As MultiTerm.matcher scores the segment's full expansion (n words), at the documents to rank."""
        n, kept = q.keep.get(id(self.reader), (0, []))
        if not kept:
            return {}
        found = self._found(q.q)
        field = q.q.fieldname
        if n == 1:  # the word's own matcher (no boost)
            return _scores(Q.Term(field, kept[0]).matcher(self.sub, self.ctx), self.targets(found.get(kept[0])))
        ctx = self.ctx.set(weighting=None) if q.q.constantscore else self.ctx  # Term.matcher: None → BM25F
        parts = [_scores(Q.Term(field, w).matcher(self.sub, ctx), self.targets(found.get(w))) for w in kept]
        return self._union(parts, n, q.q.boost, scored=ctx.weighting is not None)


def rank(s, q, docs: int, memo: dict, limit: int) -> list[tuple[float, int]]:
    """The top `limit` (score, docnum) of the documents in `docs` under `q`, best first as Whoosh orders them."""
    ctx = s.context(weighting=s.weighting)
    scored: dict[int, float] = {}
    for sub, base in s.leaf_searchers():
        seg = _Segment(sub, base, docs, memo, ctx)
        for d, v in seg.eval(q).items():
            scored[d + base] = v
    return [(-neg, d) for neg, d in nsmallest(limit, ((-v, d) for d, v in scored.items()))]


def rank_terms(s, q, docs: int, memo: dict, limit: int) -> list[tuple[float, int]]:
    """rank() of a flat Or of terms (matching's key terms), skipping documents that cannot reach the top.

    MaxScore: each term adds at most its upper bound (Whoosh's max_quality: its best weight at its
    shortest field length). The `limit`-th best score among the documents of the highest-bound terms is
    a floor; a document with only terms whose bounds sum below it cannot enter the top, and a candidate is
    dropped once its partial score plus the bounds of its unscored terms falls below it. Same top as rank().
    """
    terms = q.subqueries if type(q) is Q.Or and not (q.minmatch or q.scale) and q.boost == 1 else ()
    if not 1 < len(terms) < 1024 or any(type(t) is not Q.Term or id(t) not in memo for t in terms):
        return rank(s, q, docs, memo, limit)
    ctx = s.context(weighting=s.weighting)
    subs = s.leaf_searchers()
    masks, bounds = [], []
    for t in terms:
        mask, bound = 0, 0.0
        for sub, _ in subs:
            found = memo[id(t)].get(id(sub.reader()), (0, []))[1]
            if found:
                mask |= found[0][1]
                bound = max(bound, t.matcher(sub, ctx).max_quality())
        masks.append(mask & docs)
        bounds.append(bound * (1 + 1e-6) + 1e-9)  # a margin for float rounding of the sums
    by_bound = sorted(range(len(terms)), key=lambda i: -bounds[i])
    first = 0
    for i in by_bound:  # a small set of likely good documents: those of the highest-bound terms
        first |= masks[i]
        if first.bit_count() >= limit:
            break
    parts = _term_scores(s, terms, masks, first, ctx)
    floor = _floor(parts, limit)
    rest, cum = [], 0.0
    for i in sorted(range(len(terms)), key=lambda i: bounds[i]):
        cum += bounds[i]
        if cum >= floor:
            break
        rest.append(i)  # together, these terms cannot lift a document to the floor
    essential = [i for i in range(len(terms)) if i not in rest]
    cand = 0
    for i in essential:
        cand |= masks[i]
    cand &= ~first
    if cand:
        partial = _term_scores(s, terms, masks, cand, ctx, essential)
        left = sum(bounds[i] for i in rest)
        keep = [d for d, v in _totals(partial).items() if v + left >= floor]
        later = _term_scores(s, terms, masks, ds.from_ids(s, keep), ctx, rest) if keep and rest else None
        kept = set(keep)
        for i in range(len(terms)):
            src = later[i] if later is not None and i in rest else partial[i]
            parts[i].update((d, v) for d, v in src.items() if d in kept)
    return _top(parts, limit)


def _term_scores(s, terms, masks, target: int, ctx, which=None) -> list[dict[int, float]]:
    """Each term's scores (global docnums) at the documents of `target` that have it."""
    out: list[dict[int, float]] = [{} for _ in terms]
    for i in range(len(terms)) if which is None else which:
        docs = ds.ids(masks[i] & target)
        if not docs:
            continue
        for sub, base in s.leaf_searchers():
            end = base + sub.reader().doc_count_all()
            local = [d - base for d in docs[bisect_left(docs, base):bisect_left(docs, end)]]
            if local:
                out[i].update((d + base, v) for d, v in _scores(terms[i].matcher(sub, ctx), local).items())
    return out


def _totals(parts) -> dict[int, float]:
    """Each document's sum over the terms in query order (the order rank()'s union adds them)."""
    out: dict[int, float] = {}
    for p in parts:
        for d, v in p.items():
            out[d] = out[d] + v if d in out else v
    return out


def _floor(parts, limit: int) -> float:
    totals = sorted(_totals(parts).values(), reverse=True)
    return totals[limit - 1] if len(totals) >= limit else 0.0


def _top(parts, limit: int) -> list[tuple[float, int]]:
    totals = _totals(parts)
    return [(-neg, d) for neg, d in nsmallest(limit, ((-v, d) for d, v in totals.items()))]
