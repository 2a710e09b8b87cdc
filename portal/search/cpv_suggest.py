"""Suggest CPV codes for a text: a division classifier plus nearest neighbours among CPV labels and notices.

Texts become stemmed words, the stems of their compound parts and character 4-grams of each word, so
inflections, compounds (skadedyrbekjempelse ~ skadedyrsbekjempelse), typos and nynorsk spellings still
share most features. Divisions are ranked first, by two kinds of evidence: a complement naive Bayes
classifier over divisions (trained on the notices, their additional codes and, with a small weight, the
CPV labels) and the nearest neighbours (the best matching CPV labels, their top 3 similarities per
division, and the closest notices' main and additional codes). Codes are then ranked within each
division by the neighbour evidence. The top 3 cover the three best divisions.
"""

import math
import re
import threading
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from portal.reference import DATA, cpv, cpv_label, normalise_cpv
from portal.search.analysis import POST_FOLD, PRE_FOLD, STOP_WORDS, decompound, notices, stem
from portal.search.lexicon import NYNORSK
from portal.search.synonyms import SYNONYMS

GRAM = 4
NEIGHBOURS = 15  # closest notices that vote
POWER = 2  # close neighbours count much more than distant ones
LABEL_WEIGHT = 3.0  # a division's label evidence against its notice votes
LABELS_PER_DIVISION = 3
ADDITIONAL_WEIGHT = 0.35  # a notice's additional codes against its main code
MIN_IDF = 1.5  # features in more than ~22 % of the documents are too common to look up
RARE_IDF = 6.0  # a word in fewer than ~0.25 % of the documents is rare: add its bokmål form
NB_ALPHA = 0.01  # additive smoothing of the classifier (document vectors are L2-normalised tf-idf)
NB_LABEL_WEIGHT = 0.3  # a CPV label counts as 0.3 of a notice: 9,454 labels against ~1,250 notices
NB_EVERYDAY_WEIGHT = 1.0  # a line of everyday words (portal/data/cpv_everyday.tsv) counts as one notice
NB_ADDITIONAL_WEIGHT = 0.5  # a notice's additional divisions share this weight
NB_TEMPERATURE = 30.0  # the classifier's log-scores → a distribution that can be mixed with the neighbours
NEIGHBOUR_SHARE = 0.25  # the neighbours' division distribution against the classifier's
WORD_RE = re.compile(r"[^\W\d_]+")
# Nynorsk and English words neither lexicon.NYNORSK nor the synonym list map so, with their bokmål form.
EXTRA_FORMS = {
    "hushald": "husholdning", "berbare": "bærbare", "tryggleik": "trygghet",
    "tryggleiksalarmar": "trygghetsalarmer", "innkjøpet": "innkjøp", "elevar": "elever", "vektar": "vekter",
    "vektartenester": "vektertjenester", "forsikringstenester": "forsikringstjenester",
    "reinhaldstenester": "renholdstjenester", "tolketenester": "tolketjenester",
    "laptops": "bærbare datamaskiner", "monitors": "dataskjermer", "screens": "dataskjermer",
}


def everyday() -> list[tuple[str, str]]:
    """(code, words) from portal/data/cpv_everyday.tsv: the words buyers use (strøm, leie av lokaler, BPA,
    meals on wheels) for codes whose official labels say it otherwise (Elektrisitet, Utleie av egen eiendom)."""
    rows = []
    for number, line in enumerate((DATA / "cpv_everyday.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            code, tab, words = line.partition("\t")
            if not tab:
                raise ValueError(f"cpv_everyday.tsv line {number}: no tab between the code and its words")
            rows.append((code, words))
    return rows


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
    word = NYNORSK.get(word, word)  # a nynorsk word brings its bokmål form's letters too
    folded = word.translate(POST_FOLD)
    padded = f"<{folded}>"
    parts = tuple("=" + stem(p).translate(POST_FOLD) for p in decompound(word))
    return ("=" + stem(word).translate(POST_FOLD), *parts,
            *(padded[i:i + GRAM] for i in range(len(padded) - GRAM + 1)))


def features(text: str, known: dict[str, float] | None = None) -> list[str]:
    """Stemmed words, stemmed compound parts and character 4-grams. With `known` (the model's idf), a
    nynorsk or English word that is rare or unknown in the model also brings the features of its bokmål form."""
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
    divisions: list[str]  # the classifier's classes
    nb_rows: dict[str, tuple[bytes, array]]  # feature → (division numbers, log complement-weight change)
    nb_base: list[float]  # division number → log of its complement's total weight (smoothed)


def train(notice_rows=None, everyday_rows=None) -> Model:
    """Build the model from the CPV vocabulary, the everyday words for codes and notices (title, description,
    cpv_main, cpv_additional). Each line of everyday words counts as one notice, shared among its phrases."""
    notice_rows = notices() if notice_rows is None else notice_rows
    everyday_rows = everyday() if everyday_rows is None else everyday_rows
    docs: list[tuple[list[str], dict[str, float]]] = []
    classes: list[dict[str, float]] = []  # document number → {division: classifier weight}
    for code, entry in cpv().items():
        docs.append((features(f"{entry['no']} {entry['en']}"), {code: 1.0}))
        classes.append({code[:2]: NB_LABEL_WEIGHT})
    for code, words in everyday_rows:
        phrases = [p for p in words.split(";") if p.strip()]
        for phrase in phrases:
            docs.append((features(phrase), {code: 1.0}))
            classes.append({code[:2]: NB_EVERYDAY_WEIGHT / len(phrases)})
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
        others = {c[:2] for c in codes} - {main[:2]}
        classes.append({main[:2]: 1.0} | {d: NB_ADDITIONAL_WEIGHT / len(others) for d in others})
    df: Counter = Counter()
    for feats, _ in docs:
        df.update(set(feats))
    n_docs, log = len(docs), math.log
    idf = {t: log(n_docs / c) for t, c in df.items() if c > 1}  # a feature of one document links nothing
    del df
    docs_of: dict[str, list[int]] = defaultdict(list)
    weights_of: dict[str, list[float]] = defaultdict(list)
    for i, (feats, _) in enumerate(docs):
        vec = [(t, (1 + log(n)) * idf[t]) for t, n in Counter(feats).items() if t in idf]
        norm = math.sqrt(sum(v * v for _, v in vec)) or 1.0
        for t, v in vec:
            if idf[t] >= MIN_IDF:
                docs_of[t].append(i)
                weights_of[t].append(v / norm)
    lists, mass = {}, {}
    for t, ids in docs_of.items():
        lists[t] = (array("i", ids), array("f", weights_of[t]))
        if t[0] == "=":  # the classifier uses words only: the letter 4-grams added little and cost 5 MB
            row: dict[str, float] = defaultdict(float)
            for i, w in zip(ids, weights_of[t], strict=True):
                for div, share in classes[i].items():
                    row[div] += share * w
            mass[t] = row
    divisions, nb_rows, nb_base = _complement_nb(mass)
    _word_features.cache_clear()  # only a speed-up while training; it would hold ~30 MB
    return Model(postings=lists, codes=[c for _, c in docs], idf=idf, labels=labels,
                 divisions=divisions, nb_rows=nb_rows, nb_base=nb_base)


def _complement_nb(mass: dict[str, dict[str, float]]) -> tuple[list[str], dict, list[float]]:
    """Complement naive Bayes (Rennie et al. 2003) over divisions, stored sparsely: a division scores
    base[d] · Σq − Σ q_t · row_t[d], where row_t holds only the divisions that have feature t."""
    totals: dict[str, float] = defaultdict(float)
    for row in mass.values():
        for div, w in row.items():
            totals[div] += w
    divisions = sorted(totals)
    number = {d: i for i, d in enumerate(divisions)}
    grand, smoothing, log = sum(totals.values()), NB_ALPHA * len(mass), math.log
    base = [log(grand - totals[d] + smoothing) for d in divisions]
    rows = {}
    for t, row in mass.items():
        total = sum(row.values())
        rows[t] = (bytes(number[d] for d in row),
                   array("f", (log(total - w + NB_ALPHA) - log(total + NB_ALPHA) for w in row.values())))
    return divisions, rows, base


_model: Model | None = None
_lock = threading.Lock()


def model() -> Model:
    global _model
    with _lock:
        if _model is None:
            _model = train()
        return _model


def _classifier(q: dict[str, float], m: Model) -> dict[str, float]:
    """The classifier's distribution over divisions for a query vector."""
    weights = {t: w for t, w in q.items() if t in m.nb_rows}
    total = sum(weights.values())
    scores = [b * total for b in m.nb_base]
    for t, w in weights.items():
        numbers, changes = m.nb_rows[t]
        for d, change in zip(numbers, changes, strict=True):
            scores[d] -= w * change
    top = max(scores)
    exp = [math.exp((s - top) / NB_TEMPERATURE) for s in scores]
    z = sum(exp)
    return {d: e / z for d, e in zip(m.divisions, exp, strict=True)}


def _evidence(text: str, m: Model) -> tuple[dict[str, float], dict[str, float]]:
    """(score per division, score per code) for a text."""
    feats = features(text, m.idf)
    if not any(t[0] == "=" and t in m.postings for t in feats):
        return {}, {}  # no known word, only letter sequences: "xyzzy" is not evidence
    tf = Counter(feats)
    raw = {t: (1 + math.log(n)) * m.idf[t] for t, n in tf.items() if t in m.idf}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    sims: dict[int, float] = defaultdict(float)
    for t, w in raw.items():
        entry = m.postings.get(t)
        if entry:
            w /= norm
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
    near: dict[str, float] = defaultdict(float)
    for div, values in label_sims.items():
        values.sort(reverse=True)
        near[div] = LABEL_WEIGHT * sum(v ** POWER for v in values[:LABELS_PER_DIVISION])
    neighbours.sort(reverse=True)
    for sim, i in neighbours[:NEIGHBOURS]:
        for code, weight in m.codes[i].items():
            vote = sim ** POWER * weight
            code_scores[code] += vote
            near[code[:2]] += vote
    total = sum(near.values()) or 1.0
    divisions = _classifier(raw, m)
    for d, v in near.items():
        divisions[d] = divisions.get(d, 0.0) + NEIGHBOUR_SHARE * v / total
    return divisions, code_scores


def suggest(text: str, limit: int = 5, m: Model | None = None) -> list[dict]:
    """Up to `limit` codes, the best code of each of the best divisions first: [{code, label, score}]."""
    m = m or model()
    divisions, code_scores = _evidence(text, m)
    if not code_scores:
        return []
    ranked = sorted(code_scores.items(), key=lambda x: (-x[1], x[0]))
    best_div = sorted(divisions.items(), key=lambda x: (-x[1], x[0]))
    chosen: list[str] = []
    for div, _ in best_div[:3]:
        # A division only the classifier found falls back to its root code ("03000000").
        chosen.append(next((c for c, _ in ranked if c[:2] == div), f"{div}000000"))
    top_div = best_div[0][1]
    best_in: dict[str, float] = {}
    for c, v in ranked:
        best_in.setdefault(c[:2], v)

    def score(c: str) -> float:
        """(The division's evidence against the best division's)², times the code's against its division's
        best code. Squared so that search's CPV boost (score ≥ 0.5) only takes a second division that is
        nearly as likely as the first: on held-out titles fewer hints, more of them right."""
        share = code_scores[c] / best_in[c[:2]] if c in code_scores else 1.0
        return max(0.001, round((divisions.get(c[:2], 0.0) / top_div) ** 2 * share, 3))

    others = sorted((c for c, _ in ranked[:50] if c not in chosen), key=lambda c: (-score(c), c))
    chosen += others[:max(0, limit - len(chosen))]
    return [{"code": c, "label": cpv_label(c), "score": score(c)} for c in chosen[:limit]]
