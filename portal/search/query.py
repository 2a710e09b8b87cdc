"""Build Whoosh queries from what people type: words, compounds, synonyms, prefixes, fuzzy fallback."""

import re
from functools import cache

from whoosh import query as Q

from portal.search.analysis import STOP_WORDS, analyse_word, fold, words
from portal.search.synonyms import SYNONYMS

TEXT_FIELDS = ("title", "text")
SYNONYM_BOOST = 0.7
PREFIX_MIN = 6
PART_BOOST = 0.4  # one part of a compound (or its synonym) in the fallback


def any_field(term: str, boost: float = 1.0, fields=TEXT_FIELDS) -> Q.Query:
    return Q.Or([Q.Term(f, term, boost=boost) for f in fields])


@cache
def synonym_index() -> tuple[dict, list]:
    """Analysed whole-word term (or folded phrase) → indexes of its synonym groups."""
    lookup: dict[str, set[int]] = {}
    for i, group in enumerate(SYNONYMS):
        for member in group:
            ws = words(member)
            if not ws:
                continue
            name = " ".join(fold(w) for w in ws) if len(ws) > 1 else (analyse_word(ws[0]) or [""])[0]
            lookup.setdefault(name, set()).add(i)
    return lookup, SYNONYMS


@cache
def vocabulary() -> list[str]:
    """The words of the synonym list, sorted: spelling corrections beyond the indexed words (as the spelling
    field: no stop words, none shorter than 4 letters)."""
    return sorted({w for group in SYNONYMS for member in group for w in member.lower().split()
                   if w.isalpha() and len(w) >= 4 and w not in STOP_WORDS})


def in_vocabulary(word: str) -> bool:
    """A word of the synonym list (snow, clearing): known, though no document may have it."""
    return word.lower() in _vocabulary_set()


@cache
def _vocabulary_set() -> frozenset[str]:
    return frozenset(vocabulary())


def _member_query(member: str, boost: float) -> Q.Query | None:
    parts = [analyse_word(w) for w in words(member)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    if len(parts) == 1:
        term = parts[0][0]
        if len(term) >= PREFIX_MIN:  # sykehjem → sykehjemmet (stem sykehjemm)
            return Q.Or([any_field(term, boost), Q.Prefix("text", term, boost=boost * 0.5)])
        return any_field(term, boost)
    return Q.And([any_field(p[0], boost) for p in parts])


def word_alternatives(word: str, synonyms: bool = True) -> list[Q.Query]:
    """Ways a document can match one query word."""
    toks = analyse_word(word)
    if not toks:
        return []
    whole, parts = toks[0], toks[1:]
    alts: list[Q.Query] = [any_field(whole)]
    if parts:
        alts.append(Q.And([_part(p) for p in parts]))
    if synonyms:
        alts += synonym_alternatives(whole, SYNONYM_BOOST, skip=word.lower())
    return alts


def synonym_alternatives(key: str, boost: float, skip: str | None = None) -> list[Q.Query]:
    """The members of every synonym group of `key` (an analysed word or a folded phrase), each a query."""
    lookup, groups = synonym_index()
    out = []
    for gi in sorted(lookup.get(key, ())):
        for member in groups[gi]:
            q = _member_query(member, boost)
            if q is not None and member.lower() != skip:
                out.append(q)
    return out


def _part(term: str) -> Q.Query:
    if len(term) >= PREFIX_MIN:
        return Q.Or([any_field(term), Q.Prefix("text", term, boost=0.5)])
    return any_field(term)


def units(text: str) -> list[tuple[str, list[Q.Query]]]:
    """The query's units (a word, or a multi-word synonym phrase) with their alternatives."""
    ws = words(text)[:12]
    lookup, _ = synonym_index()
    out, i = [], 0
    while i < len(ws):
        for n in (3, 2):
            phrase = " ".join(fold(w) for w in ws[i:i + n])
            if len(ws) - i >= n and phrase in lookup:
                alts = [Q.And([any_field(t[0]) for t in map(analyse_word, ws[i:i + n]) if t])]
                alts += synonym_alternatives(phrase, SYNONYM_BOOST)
                out.append((" ".join(ws[i:i + n]), alts))
                i += n
                break
        else:
            alts = word_alternatives(ws[i])
            if alts:
                out.append((ws[i], alts))
            i += 1
    return out


def strict_query(us) -> Q.Query | None:
    if not us:
        return None
    return Q.And([Q.Or(alts) for _, alts in us])


def loose_query(us, is_common=None) -> Q.Query | None:
    """Any word, also with one or two typos (the fuzzy fallback). `is_common(term)` tells the compound parts
    too common to count alone (tjenester in vaktmestertjenester)."""
    if not us:
        return None
    ors = []
    for word, alts in us:
        extra = []
        toks = analyse_word(word) if " " not in word else []
        whole = toks[0] if toks else ""
        if len(whole) >= PREFIX_MIN:  # inflections the stemmer does not join
            extra.append(Q.Prefix("text", whole, boost=0.4))
        if " " not in word and len(word) >= 4:
            extra.append(Q.FuzzyTerm("spell", word.lower(), boost=0.5, maxdist=1 if len(word) < 6 else 2,
                                     prefixlength=1))
        for part in toks[1:]:  # one part of a compound, or a synonym of it (plenslått → slått → gressklipping)
            if len(part) >= 4 and not (is_common and is_common(part)):
                extra += [any_field(part, PART_BOOST), *synonym_alternatives(part, PART_BOOST)]
        ors.append(Q.Or(alts + extra))
    return Q.Or(ors)


def filter_query(doc_type: str | None, filters: dict[str, list[str]]) -> Q.Query | None:
    clauses = [Q.Term("type", doc_type)] if doc_type else []
    for field, values in filters.items():
        values = [v for v in values if v]
        if values:
            clauses.append(Q.Or([Q.Term(field, v) for v in values]))
    return Q.And(clauses) if clauses else None


def cpv_boost_query(codes: list[str]) -> Q.Query | None:
    """Optional boost for documents in the CPV groups the query text suggests."""
    if not codes:
        return None
    return Q.Or([Q.Term("cpv", c[:3], boost=0.8) for c in codes] + [Q.Term("cpv", c[:2], boost=0.3) for c in codes])


QUOTE_RE = re.compile(r"[\"«»]")
