"""Match needs and suppliers: short candidate lists (key terms + CPV from SQL), re-ranked with reasons.

The scoring is documented in docs/matching.md; keep the two in step.
"""

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from portal.db import db
from portal.needs.models import OPEN_STATUSES
from portal.reference import cpv_label
from portal.search.analysis import analyse_word, words
from portal.search.backend import get_backend
from portal.search.documents import NEED, SUPPLIER, need_doc, supplier_doc

WEIGHTS = {"text": 0.40, "cpv": 0.40, "geo": 0.15, "flags": 0.05}
CPV_LEVELS = [("same_code", 1.0), ("covers", 0.85), ("category", 0.8), ("class", 0.7), ("group", 0.55),
              ("division", 0.3), ("none", 0.0)]
CPV_SCORE = dict(CPV_LEVELS)
_LEVEL_RANK = {name: i for i, (name, _) in enumerate(CPV_LEVELS)}
_PREFIX_LEVEL = {5: "category", 4: "class", 3: "group", 2: "division"}
GEO_SCORE = {"municipality": 1.0, "county": 0.7, "nationwide": 0.5, "unknown": 0.5, "elsewhere": 0.0}
KEY_TERMS, TEXT_CANDIDATES, CPV_CANDIDATES = 12, 60, 150
RESERVED_PENALTY = 0.5


@dataclass
class Match:
    pk: int
    name: str
    external_id: str | None
    score: float
    reasons: dict = field(default_factory=dict)


def _sig(code: str) -> str:
    s = code.rstrip("0")
    return code[: max(2, len(s))]


def cpv_relation(a_codes, b_codes) -> tuple[str, str | None, str | None]:
    """The closest relation between two code lists: (level, code in a, code in b)."""
    best, best_rank = ("none", None, None), _LEVEL_RANK["none"]
    b_sigs = [(b, _sig(b)) for b in b_codes]
    for a in a_codes:
        a_sig = _sig(a)
        for b, b_sig in b_sigs:
            if a == b:
                return ("same_code", a, b)  # the closest level: nothing later can replace it
            if a.startswith(b_sig) or b.startswith(a_sig):
                rel = "covers"
            else:
                n = next((n for n in (5, 4, 3, 2) if a[:n] == b[:n]), 0)
                rel = _PREFIX_LEVEL.get(n, "none")
            if _LEVEL_RANK[rel] < best_rank:
                best, best_rank = (rel, a, b), _LEVEL_RANK[rel]
    return best


def geo_relation(need_areas: dict, need_counties: set, sup: dict) -> str:
    munis, whole = set(need_areas.get("municipalities", [])), set(need_areas.get("counties", []))
    if not munis and not whole:
        return "unknown"
    s_areas = sup.get("areas") or {}
    s_munis, s_whole = set(s_areas.get("municipalities", [])), set(s_areas.get("counties", []))
    if munis & s_munis or (need_counties & s_whole):
        return "municipality"
    s_counties = set(filter(None, (sup.get("county") or "").split(",")))
    if need_counties & s_counties:
        return "county"
    if sup.get("nationwide") == "1":
        return "nationwide"
    return "elsewhere"


def _surface(text: str) -> dict[str, str]:
    """Index term → a readable word of the text that produced it."""
    out: dict[str, str] = {}
    for w in words(text):
        toks = analyse_word(w)
        if toks:
            out.setdefault(toks[0], w)
        for part in toks[1:]:
            out.setdefault(part, part)
    return out


def _text_scores(key_terms, own_terms: set, cand_terms: list[str], idf) -> tuple[float, list[str]]:
    """Forward: share of our key-term weight the candidate has; backward: share of its terms we have."""
    cand = set(cand_terms)
    total = sum(w for _, w in key_terms) or 1.0
    shared = [t for t, _ in key_terms if t in cand]
    fwd = sum(w for t, w in key_terms if t in cand) / total
    weights = {t: idf.get(t, 1.0) / (1 + i / 10) for i, t in enumerate(cand_terms[:25])}
    btotal = sum(weights.values()) or 1.0
    bwd = sum(w for t, w in weights.items() if t in own_terms) / btotal
    return 0.6 * fwd + 0.4 * min(1.0, bwd * 2), shared


def _sql_cpv_candidates(codes, other: str) -> list[int]:
    """Candidates whose codes are close to ours, closest level first.

    Driven by the code index of the CPV table (the open/public check is a correlated EXISTS on the
    primary key): with a join, SQLite starts from the status index and probes every open need (0.5 s
    at 100k needs for a rare code), PostgreSQL plans both forms the same way.
    """
    if not codes:
        return []
    if other == SUPPLIER:
        from portal.suppliers.models import SupplierCpv, SupplierProfile
        from portal.suppliers.queries import listed

        col, owner = SupplierCpv.code, SupplierCpv.profile_id
        visible = select(SupplierProfile.id).where(SupplierProfile.id == owner, listed())
    else:
        from portal.needs.models import Need, NeedCpv

        col, owner = NeedCpv.code, NeedCpv.need_id
        visible = select(Need.id).where(Need.id == owner, Need.status.in_(OPEN_STATUSES))
    base = select(owner).where(visible.exists())
    found: dict[int, None] = {}
    for n in (8, 5, 4, 3, 2):
        if n == 8:  # the same code, or a code that covers ours (its division, group, class or category)
            cond = col.in_(sorted(set(codes) | {c[:k].ljust(8, "0") for c in codes for k in (2, 3, 4, 5)}))
        else:
            cond = or_(*[and_(col >= p, col < p + "\uffff") for p in sorted({c[:n] for c in codes})])
        found.update(dict.fromkeys(db.session.scalars(base.where(cond).distinct().limit(CPV_CANDIDATES))))
        if len(found) >= CPV_CANDIDATES:
            break
    return list(found)[:CPV_CANDIDATES]


def _rank(doc: dict, own_text: str, other: str, flags: dict, limit: int) -> list[Match]:
    backend = get_backend()
    key_terms = backend.key_terms(own_text, KEY_TERMS)
    text_hits = backend.more_like(key_terms, other, TEXT_CANDIDATES,
                                  statuses=OPEN_STATUSES if other == NEED else None)
    own_codes = [c for c in (doc["cpv"] or "").split(",") if len(c) == 8]
    cand_ids = list(text_hits) + [i for i in _sql_cpv_candidates(own_codes, other) if i not in text_hits]
    stored = backend.stored(other, cand_ids)
    own_terms = set(doc["terms"]) | {t for t, _ in key_terms}
    all_terms = {t for f in stored.values() for t in f.get("terms", [])[:25]}
    idf = backend.idf(all_terms)
    surface = _surface(own_text)
    own_counties = set(filter(None, doc["county"].split(",")))
    out = []
    for pk, f in stored.items():
        text, shared = _text_scores(key_terms, own_terms, f.get("terms", []), idf)
        other_codes = [c for c in (f.get("cpv") or "").split(",") if len(c) == 8]
        rel, own_code, other_code = cpv_relation(own_codes, other_codes)
        if other == SUPPLIER:
            geo = geo_relation(doc["areas"], own_counties, f)
        else:
            geo = geo_relation(f.get("areas") or {}, set(filter(None, (f.get("county") or "").split(","))), doc)
        if other == SUPPLIER:
            reserved, social = bool(flags.get("reserved")), f.get("social") == "1"
        else:
            reserved, social = f.get("social") == "1", doc.get("social") == "1"
        flag_score = 1.0 if (reserved and social) else 0.0
        score = (WEIGHTS["text"] * text + WEIGHTS["cpv"] * CPV_SCORE[rel] + WEIGHTS["geo"] * GEO_SCORE[geo]
                 + WEIGHTS["flags"] * flag_score)
        if reserved and not social:
            score *= RESERVED_PENALTY
        if text == 0 and rel == "none":
            continue
        reasons = {
            "terms": [surface.get(t, t) for t in shared[:5]],
            "cpv": {"relation": rel, "code": own_code, "other_code": other_code,
                    "label": cpv_label(other_code) if other_code else None},
            "region": geo,
            "social_enterprise": social,
            "reserved": reserved,
            "parts": {"text": round(text, 3), "cpv": CPV_SCORE[rel], "geo": GEO_SCORE[geo]},
        }
        out.append(Match(pk=pk, name=f.get("title", ""), external_id=f.get("external_id"),
                         score=round(score, 4), reasons=reasons))
    out.sort(key=lambda m: (-m.score, m.name))
    return out[:limit]


def match_suppliers(need, limit: int = 20) -> list[Match]:
    """'Leverandører som kan passe' for a public need."""
    doc = need_doc(need)
    return _rank(doc, f"{doc['title']}\n{doc['title']}\n{doc['body']}", SUPPLIER,
                 {"reserved": need.is_reserved_social}, limit)


def match_needs(profile, limit: int = 20) -> list[Match]:
    """'Behov som passer deg' for a supplier profile: open public needs."""
    doc = supplier_doc(profile)
    return _rank(doc, doc["text"], NEED, {}, limit)
