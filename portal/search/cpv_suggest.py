"""Suggest CPV codes for a text: nearest neighbours among the CPV labels and the imported notices."""

import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from portal.reference import cpv, cpv_label, normalise_cpv
from portal.search.analysis import notices, terms

NEIGHBOURS = 60
POWER = 2  # close neighbours count much more than distant ones
LABEL_WEIGHT = 0.8
ADDITIONAL_WEIGHT = 0.35


@dataclass
class Model:
    postings: dict[str, list[tuple[int, float]]]
    codes: list[dict[str, float]]
    idf: dict[str, float]


def _vector(tokens, idf) -> dict[str, float]:
    tf = Counter(tokens)
    vec = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items() if v > 0}


def train(notice_rows=None) -> Model:
    """Build the model from the CPV vocabulary and notices (title, description, cpv_main, cpv_additional)."""
    notice_rows = notices() if notice_rows is None else notice_rows
    docs: list[tuple[list[str], dict[str, float]]] = []
    for code, entry in cpv().items():
        docs.append((terms(f"{entry['no']} {entry['en']}"), {code: LABEL_WEIGHT}))
    for n in notice_rows:
        main = normalise_cpv(n.get("cpv_main") or "")
        if not main:
            continue
        codes = {main: 1.0}
        for extra in n.get("cpv_additional") or []:
            code = normalise_cpv(extra)
            if code and code not in codes:
                codes[code] = ADDITIONAL_WEIGHT
        docs.append((terms(f"{n['title']} {n['title']} {n.get('description') or ''}"), codes))
    df = Counter()
    for toks, _ in docs:
        df.update(set(toks))
    idf = {t: math.log(len(docs) / c) for t, c in df.items()}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (toks, _) in enumerate(docs):
        for t, w in _vector(toks, idf).items():
            postings[t].append((i, w))
    return Model(postings=dict(postings), codes=[c for _, c in docs], idf=idf)


_model: Model | None = None
_lock = threading.Lock()


def model() -> Model:
    global _model
    with _lock:
        if _model is None:
            _model = train()
        return _model


def suggest(text: str, limit: int = 5, m: Model | None = None) -> list[dict]:
    """Up to `limit` codes, the best code of each of the best divisions first: [{code, label, score}]."""
    m = m or model()
    q = _vector(terms(text), m.idf)
    if not q:
        return []
    sims: dict[int, float] = defaultdict(float)
    for t, w in q.items():
        for i, dw in m.postings.get(t, ()):
            sims[i] += w * dw
    top = sorted(sims.items(), key=lambda x: -x[1])[:NEIGHBOURS]
    votes: dict[str, float] = defaultdict(float)
    for i, sim in top:
        for code, weight in m.codes[i].items():
            votes[code] += (sim ** POWER) * weight
    if not votes:
        return []
    divisions: dict[str, float] = defaultdict(float)
    for code, v in votes.items():
        divisions[code[:2]] += v
    ranked = sorted(votes.items(), key=lambda x: (-x[1], x[0]))
    chosen: list[str] = []
    for div, _ in sorted(divisions.items(), key=lambda x: -x[1])[:3]:
        chosen.append(next(c for c, _ in ranked if c[:2] == div))
    chosen += [c for c, _ in ranked if c not in chosen]
    best = max(votes.values())
    return [{"code": c, "label": cpv_label(c), "score": round(votes[c] / best, 3)} for c in chosen[:limit]]
