"""Suggest CPV codes for a text: nearest neighbours among the CPV labels and the imported notices.

Texts become stemmed words plus character 4-grams of each word, so inflections, compounds
(skadedyrbekjempelse ~ skadedyrsbekjempelse), typos and nynorsk spellings still share most
features. Two kinds of evidence are added up per CPV division: the best matching CPV labels
(their top 3 similarities per division) and the closest notices (their main and additional codes).
The three best divisions come first, each with its best code, so the top 3 cover three divisions.
"""

import math
import re
import threading
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from portal.reference import cpv, cpv_label, normalise_cpv
from portal.search.analysis import POST_FOLD, PRE_FOLD, STOP_WORDS, notices, stem
from portal.search.synonyms import SYNONYMS

GRAM = 4
NEIGHBOURS = 15  # closest notices that vote
POWER = 2  # close neighbours count much more than distant ones
LABEL_WEIGHT = 3.0  # a division's label evidence against its notice votes
LABELS_PER_DIVISION = 3
ADDITIONAL_WEIGHT = 0.35  # a notice's additional codes against its main code
MIN_IDF = 1.5  # features in more than ~22 % of the documents are too common to look up
RARE_IDF = 6.0  # a word in fewer than ~0.25 % of the documents is rare: add its bokmål form
WORD_RE = re.compile(r"[^\W\d_]+")
# Nynorsk and English words the synonym list does not cover, with their bokmål form.
EXTRA_FORMS = {
    "tenester": "tjenester", "teneste": "tjeneste", "heime": "hjemme", "heimebuande": "hjemmeboende",
    "tilsette": "ansatte", "handtering": "håndtering", "hushald": "husholdning", "bustad": "bolig",
    "berbare": "bærbare", "tryggleik": "trygghet", "tryggleiksalarm": "trygghetsalarm",
    "tryggleiksalarmar": "trygghetsalarmer", "innkjøpet": "innkjøp", "vatn": "vann", "elevar": "elever",
    "vektar": "vekter", "vektartenester": "vektertjenester", "forsikringstenester": "forsikringstjenester",
    "reinhaldstenester": "renholdstjenester", "tolketenester": "tolketjenester", "skuleskyss": "skoleskyss",
    "laptops": "bærbare datamaskiner", "monitors": "dataskjermer", "screens": "dataskjermer",
}


def _canonical_forms() -> dict[str, str]:
    """Single words of the synonym groups (bokmål, nynorsk, English) → the group's first word."""
    forms = {}
    for group in SYNONYMS:
        for phrase in group:
            if " " not in phrase and phrase != group[0]:
                forms.setdefault(phrase, group[0])
    return forms | EXTRA_FORMS


CANONICAL = _canonical_forms()


@lru_cache(maxsize=100_000)
def _word_features(word: str) -> tuple[str, ...]:
    folded = word.translate(POST_FOLD)
    padded = f"<{folded}>"
    return ("=" + stem(word).translate(POST_FOLD),
            *(padded[i:i + GRAM] for i in range(len(padded) - GRAM + 1)))


def features(text: str, known: dict[str, float] | None = None) -> list[str]:
    """Stemmed words and character 4-grams. With `known` (the model's idf), a nynorsk or English word
    that is rare or unknown in the model also brings the features of its bokmål form."""
    out: list[str] = []
    for word in WORD_RE.findall((text or "").lower().translate(PRE_FOLD)):
        if len(word) < 2 or word in STOP_WORDS:
            continue
        out.extend(_word_features(word))
        if known is not None and word in CANONICAL and known.get(_word_features(word)[0], 99) > RARE_IDF:
            for extra in CANONICAL[word].split():
                out.extend(_word_features(extra.translate(PRE_FOLD)))
    return out


@dataclass
class Model:
    postings: dict[str, tuple[array, array]]  # feature → (document numbers, weights)
    codes: list[dict[str, float]]  # document number → {code: weight}
    idf: dict[str, float]
    labels: int  # documents 0 … labels-1 are CPV labels, the rest notices


def _vector(feats, idf) -> dict[str, float]:
    tf = Counter(feats)
    vec = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items() if v > 0}


def train(notice_rows=None) -> Model:
    """Build the model from the CPV vocabulary and notices (title, description, cpv_main, cpv_additional)."""
    notice_rows = notices() if notice_rows is None else notice_rows
    docs: list[tuple[list[str], dict[str, float]]] = []
    for code, entry in cpv().items():
        docs.append((features(f"{entry['no']} {entry['en']}"), {code: 1.0}))
    labels = len(docs)
    for n in notice_rows:
        main = normalise_cpv(n.get("cpv_main") or "")
        if not main:
            continue
        codes = {main: 1.0}
        for extra in n.get("cpv_additional") or []:
            code = normalise_cpv(extra)
            if code and code not in codes:
                codes[code] = ADDITIONAL_WEIGHT
        title = features(n.get("title") or "")
        docs.append((title + title + features(n.get("description") or ""), codes))
    df: Counter = Counter()
    for feats, _ in docs:
        df.update(set(feats))
    n_docs, log = len(docs), math.log
    idf = {t: log(n_docs / c) for t, c in df.items() if c > 1}  # a feature of one document links nothing
    del df
    docs_of: dict[str, list[int]] = defaultdict(list)
    weights_of: dict[str, list[float]] = defaultdict(list)
    for i, (feats, _) in enumerate(docs):
        vec = [(t, (1 + log(n)) * idf[t], idf[t] >= MIN_IDF) for t, n in Counter(feats).items() if t in idf]
        norm = math.sqrt(sum(v * v for _, v, _ in vec)) or 1.0
        for t, v, looked_up in vec:
            if looked_up:
                docs_of[t].append(i)
                weights_of[t].append(v / norm)
    lists = {t: (array("i", ids), array("f", weights_of[t])) for t, ids in docs_of.items()}
    _word_features.cache_clear()  # only a speed-up while training; it would hold ~30 MB
    return Model(postings=lists, codes=[c for _, c in docs], idf=idf, labels=labels)


_model: Model | None = None
_lock = threading.Lock()


def model() -> Model:
    global _model
    with _lock:
        if _model is None:
            _model = train()
        return _model


def _evidence(text: str, m: Model) -> tuple[dict[str, float], dict[str, float]]:
    """(score per division, score per code) for a text."""
    q = _vector(features(text, m.idf), m.idf)
    if not any(t[0] == "=" and t in m.postings for t in q):
        return {}, {}  # no known word, only letter sequences: "xyzzy" is not evidence
    sims: dict[int, float] = defaultdict(float)
    for t, w in q.items():
        entry = m.postings.get(t)
        if entry:
            for i, dw in zip(*entry, strict=True):
                sims[i] += w * dw
    label_sims: dict[str, list[float]] = defaultdict(list)
    code_scores: dict[str, float] = defaultdict(float)
    neighbours = []
    for i, sim in sims.items():
        if i < m.labels:
            code = next(iter(m.codes[i]))
            label_sims[code[:2]].append(sim)
            code_scores[code] += LABEL_WEIGHT * sim ** POWER
        else:
            neighbours.append((sim, i))
    divisions: dict[str, float] = defaultdict(float)
    for div, values in label_sims.items():
        values.sort(reverse=True)
        divisions[div] = LABEL_WEIGHT * sum(v ** POWER for v in values[:LABELS_PER_DIVISION])
    neighbours.sort(reverse=True)
    for sim, i in neighbours[:NEIGHBOURS]:
        for code, weight in m.codes[i].items():
            vote = sim ** POWER * weight
            code_scores[code] += vote
            divisions[code[:2]] += vote
    return divisions, code_scores


def suggest(text: str, limit: int = 5, m: Model | None = None) -> list[dict]:
    """Up to `limit` codes, the best code of each of the best divisions first: [{code, label, score}]."""
    m = m or model()
    divisions, code_scores = _evidence(text, m)
    if not code_scores:
        return []
    ranked = sorted(code_scores.items(), key=lambda x: (-x[1], x[0]))
    chosen: list[str] = []
    for div, _ in sorted(divisions.items(), key=lambda x: (-x[1], x[0]))[:3]:
        best = next((c for c, _ in ranked if c[:2] == div), None)
        if best:
            chosen.append(best)
    chosen += [c for c, _ in ranked if c not in chosen][:max(0, limit - len(chosen))]
    top = max(code_scores.values())
    return [{"code": c, "label": cpv_label(c), "score": round(code_scores[c] / top, 3)} for c in chosen[:limit]]
