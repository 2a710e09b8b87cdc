"""Norwegian text analysis: tokens, stop words, accent folding, decompounding, Snowball stemming."""

import json
import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter, Token, Tokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

from portal.reference import DATA, cpv
from portal.search.lexicon import BASE_WORDS, NO_SPLIT, NYNORSK

_stem_no = stemmer_for_language("no")
# Diacritics outside the Norwegian alphabet are folded before stemming; æøå after it.
PRE_FOLD = str.maketrans({
    "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ä": "æ", "ö": "ø",
    "ó": "o", "ò": "o", "ô": "o", "í": "i", "ì": "i", "î": "i", "ï": "i", "ú": "u", "ù": "u",
    "û": "u", "ü": "u", "ç": "c", "ñ": "n", "š": "s", "ž": "z", "č": "c", "ý": "y",
})
POST_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
ENGLISH_STOP = {"the", "and", "of", "to", "in", "for", "with", "on", "an", "a", "or", "by", "from", "at", "is"}
STOP_WORDS = frozenset(stopwords_for_language("no")) | ENGLISH_STOP
MIN_HEAD, MIN_TAIL, MIN_COMPOUND = 4, 3, 7
LINKS = ("s", "e")
TOKEN_RE = r"\w+"


def notices_path() -> Path | None:
    """The Doffin notices shipped with the project (or the shared copy in development)."""
    for path in (DATA / "doffin_notices_2020.json",
                 Path(__file__).resolve().parents[3] / "shared" / "data" / "doffin_notices_2020.json"):
        if path.exists():
            return path
    return None


@cache
def notices() -> list[dict]:
    path = notices_path()
    return json.loads(path.read_text(encoding="utf-8")) if path else []


def fold(word: str) -> str:
    return word.lower().translate(PRE_FOLD)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Norwegian stem of the bokmål form (nynorsk words of lexicon.NYNORSK are mapped first)."""
    return _stem_no(NYNORSK.get(word, word))


@cache
def vocabulary() -> tuple[frozenset, frozenset]:
    """(words, stems) known as compound parts: CPV labels, the notices, the synonym list."""
    from portal.search.synonyms import SYNONYMS

    counts: Counter = Counter()
    for entry in cpv().values():
        counts.update(re.findall(r"[^\W\d_]+", fold(entry["no"] or "")))
        counts.update(re.findall(r"[^\W\d_]+", fold(entry["en"] or "")))
    corpus: Counter = Counter()
    for n in notices():
        corpus.update(re.findall(r"[^\W\d_]+", fold(f"{n['title']} {n['description']}")))
    counts.update({w: c for w, c in corpus.items() if c >= 2})
    counts.update(BASE_WORDS.split())
    counts.update(NYNORSK.keys())
    counts.update(NYNORSK.values())
    for group in SYNONYMS:
        for phrase in group:
            counts.update(fold(phrase).split())
    words = frozenset(w for w in counts if len(w) >= MIN_TAIL and w not in STOP_WORDS)
    return words, frozenset(stem(w) for w in words)


def _known(part: str, words, stems) -> bool:
    return part in words or (len(part) >= MIN_HEAD and stem(part) in stems)


@lru_cache(maxsize=200_000)
def decompound(word: str) -> tuple[str, ...]:
    """'renholdstjenester' → ('renhold', 'tjenester'); () when the word is not a known compound."""
    if len(word) < MIN_COMPOUND or word in NO_SPLIT or not word.isalpha():
        return ()
    words, stems = vocabulary()
    for cut in range(len(word) - MIN_TAIL, MIN_HEAD - 1, -1):
        head, tail = word[:cut], word[cut:]
        stripped = [head[:-1] for link in LINKS if head.endswith(link) and len(head) > MIN_HEAD]
        head_ok = next((h for h in [*stripped, head] if h in words), None) or next(
            (h for h in [head, *stripped] if stem(h) in stems), None)
        if head_ok is None:
            continue
        if _known(tail, words, stems) and (len(tail) >= MIN_HEAD or tail in words):
            return (head_ok, tail)
        rest = decompound(tail)
        if rest:
            return (head_ok, *rest)
    return ()


class DecompoundFilter(Filter):
    """Emit each compound's parts after the whole word, at the same position."""

    def __call__(self, tokens):
        for t in tokens:
            # Later filters change the shared token in place: read the word before yielding it.
            parts = () if t.stopped else decompound(t.text)
            yield t
            for part in parts:
                t.text = part
                yield t


class FoldStemFilter(Filter):
    """Fold foreign accents, stem with Snowball Norwegian, then fold æøå (rengjøring = rengjoring)."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = stem(t.text).translate(POST_FOLD)
            yield t


class PreFoldFilter(Filter):
    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(PRE_FOLD)
            yield t


def filter_chain_analyzer():
    """The analysis as a chain of Whoosh filters: the reference the fast tokenizer is tested against."""
    return (RegexTokenizer(TOKEN_RE) | LowercaseFilter() | PreFoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=2) | DecompoundFilter() | FoldStemFilter())


_WORDS: dict[str, tuple[bool, tuple[str, ...]]] = {}  # token → (is a stop word, its index terms)
WORD_CACHE_MAX = 500_000


def _analyse(token: str) -> tuple[bool, tuple[str, ...]]:
    """(stopped, terms) of one token, exactly as the filter chain analyses it."""
    word = token.lower().translate(PRE_FOLD)
    if len(word) < 2 or word in STOP_WORDS:
        return True, (stem(word).translate(POST_FOLD),)
    return False, tuple(stem(w).translate(POST_FOLD) for w in (word, *decompound(word)))


def _entry(token: str) -> tuple[bool, tuple[str, ...]]:
    entry = _WORDS.get(token)
    if entry is None:
        if len(_WORDS) >= WORD_CACHE_MAX:
            _WORDS.clear()
        entry = _WORDS[token] = _analyse(token)
    return entry


class NorwegianTokenizer(Tokenizer):
    """The filter chain in one step, each distinct token analysed once per process (cached).

    Emits the same tokens as `filter_chain_analyzer()`: text, stopped, positions (renumbered around
    stop words like StopFilter does) and character ranges, so highlighting works unchanged.
    """

    expression = re.compile(TOKEN_RE)

    def __eq__(self, other):
        return other is not None and other.__class__ is self.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        get = _WORDS.get
        if not tokenize:
            t.original = value
            matches = [(value, 0, len(value))]
            entries = iter([_analyse(value)])
        elif not (positions or chars or keeporiginal):  # indexing: only the texts count
            for token in self.expression.findall(value):
                stopped, texts = get(token) or _entry(token)
                if stopped and removestops:
                    continue
                t.stopped = stopped
                for text in texts:
                    t.text = text
                    yield t
            return
        else:
            matches = ((m.group(0), m.start(), m.end()) for m in self.expression.finditer(value))
            entries = None
        pos = None
        for i, (token, start, end) in enumerate(matches):
            stopped, texts = next(entries) if entries is not None else (get(token) or _entry(token))
            if stopped and removestops:
                continue
            t.stopped = stopped
            if keeporiginal:
                t.original = token
            if positions:
                if stopped:
                    t.pos = start_pos + i
                else:
                    pos = start_pos + i if pos is None else pos + 1
                    t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            for text in texts:
                t.text = text
                yield t


def norwegian_analyzer():
    """The analyzer of every full-text field."""
    return NorwegianTokenizer()


SPELL_RE = r"[^\W\d_]{3,}"
_spell_findall = re.compile(SPELL_RE).findall


def spelling_analyzer():
    """Unstemmed lower-case words, for 'Mente du …?' and the fuzzy fallback."""
    return RegexTokenizer(SPELL_RE) | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=3)


def spelling_words(text: str) -> list[str]:
    """The words spelling_analyzer() indexes, in order."""
    lowered = (w.lower() for w in _spell_findall(text))
    return [w for w in lowered if len(w) >= 3 and w not in STOP_WORDS]


_ANALYZER = None


def analyzer():
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = norwegian_analyzer()
    return _ANALYZER


def analyse_word(word: str) -> list[str]:
    """The index terms of one word: the whole word first, then its compound parts."""
    return [t.text for t in analyzer()(word)]


def terms(text: str) -> list[str]:
    """Every index term of a text, in order (with compound parts)."""
    get = _WORDS.get
    out: list[str] = []
    for token in NorwegianTokenizer.expression.findall(text or ""):
        stopped, texts = get(token) or _entry(token)
        if not stopped:
            out += texts
    return out


def words(text: str) -> list[str]:
    """The query words of a text (lower case, no stop words)."""
    return [w for w in re.findall(TOKEN_RE, (text or "").lower()) if w not in STOP_WORDS and len(w) > 1]


def warm_up() -> None:
    """Analyse the vocabulary and the notices' words now (e.g. before a writer forks its processes)."""
    words_, _ = vocabulary()
    for word in words_:
        _entry(word)
    for n in notices():
        terms(f"{n['title']} {n.get('description') or ''}")
