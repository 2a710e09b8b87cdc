"""The Whoosh index: schema, opening, one refreshed searcher per process, writers with a lock timeout."""

import atexit
import os
import threading
from collections import Counter

from flask import current_app
from whoosh import index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.system import pack_uint

from portal.search import whoosh_speed
from portal.search.analysis import norwegian_analyzer, spelling_analyzer, spelling_words, terms

SCHEMA_VERSION = 5  # 2: NorwegianText/SpellingText (same terms as 1, counted faster), untiered sort numbers;
#                    3: cpv holds division, group and code only (no class/category prefixes);
#                    4: nynorsk words stemmed as their bokmål form (lexicon.NYNORSK);
#                    5: rejected organisations' profiles left out (an older index may still hold them)


def _cache_missing_length_columns() -> None:
    """whoosh-reloaded 2.7.5 stats the disk once per posting of a field without lengths (ID, KEYWORD,
    NUMERIC) when it writes or merges a segment: remember that the column is absent, as it does for the
    present ones (a written segment's columns never change). Halves the time of a commit or merge.
    """
    from whoosh.codec.whoosh3 import W3PerDocReader

    original = W3PerDocReader._cached_reader
    if getattr(original, "caches_missing", False):
        return

    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = original(self, fieldname, column)
        return self._readers[fieldname]

    _cached_reader.caches_missing = True
    W3PerDocReader._cached_reader = _cached_reader


_cache_missing_length_columns()
whoosh_speed.install()


class NorwegianText(TEXT):
    """A TEXT field that counts its index terms in one step from the cached word analysis.

    The postings are those of TEXT with the same analyzer (tests/test_search_analysis_fast.py compares
    them); queries and highlights still use the analyzer.
    """

    words = staticmethod(terms)

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, freq in Counter(self.words(value)).items():
            yield word.encode("utf-8"), freq, freq * boost, pack_uint(freq)


class SpellingText(NorwegianText):
    words = staticmethod(spelling_words)


def make_schema() -> Schema:
    text = norwegian_analyzer()
    return Schema(
        key=ID(stored=True, unique=True),          # "need:12", "supplier:5"
        type=ID(stored=True),
        pk=STORED,
        external_id=STORED,
        title=NorwegianText(analyzer=text, stored=True, field_boost=2.0, phrase=False),
        text=NorwegianText(analyzer=text, phrase=False),  # title, body and CPV labels: one field, fewer clauses
        body=STORED,                               # shown as the snippet
        spell=SpellingText(analyzer=spelling_analyzer(), phrase=False),
        cpv=KEYWORD(stored=True, commas=True),     # every code with its division and group: 45, 452, 45210000
        division=KEYWORD(commas=True),
        kind=ID(stored=True),
        status=ID(stored=True),
        county=KEYWORD(stored=True, commas=True),
        municipality=KEYWORD(stored=True, commas=True),
        nationwide=ID(stored=True),             # "1" or ""
        size=ID(stored=True),
        social=ID(stored=True),
        cert=KEYWORD(stored=True, commas=True),
        terms=STORED,                              # the document's top index terms, for matching
        org=STORED,
        areas=STORED,                              # {"counties": whole counties, "municipalities": [...]}
        # Sort keys only (the column): one term per value instead of 16 precision tiers (no range queries).
        published=NUMERIC(stored=True, sortable=True, bits=64, shift_step=0),
        planned=NUMERIC(stored=True, sortable=True, bits=64, shift_step=0),
    )


class IndexUnavailable(RuntimeError):
    """The index is missing, locked or unreadable; the message is for the log."""


def index_dir() -> str:
    return current_app.config["SEARCH_INDEX_DIR"]


VERSION_FILE = "portal-schema-version"  # SCHEMA_VERSION of the code that created the index


def built_version(path: str | None = None) -> int | None:
    """The SCHEMA_VERSION the index at `path` was built with (None: unknown, built before version 4)."""
    try:
        with open(os.path.join(path or index_dir(), VERSION_FILE), encoding="ascii") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _create(path: str):
    ix = index.create_in(path, make_schema())
    with open(os.path.join(path, VERSION_FILE), "w", encoding="ascii") as f:
        f.write(str(SCHEMA_VERSION))
    return ix


def open_index(create: bool = False):
    path = index_dir()
    if create:
        os.makedirs(path, exist_ok=True)
    if not index.exists_in(path):
        if not create:
            raise IndexUnavailable("missing")
        return _create(path)
    return index.open_dir(path)


def create_index():
    """An empty index (replacing any old one)."""
    os.makedirs(index_dir(), exist_ok=True)
    return _create(index_dir())


def writer(ix, **kwargs):
    cfg = current_app.config
    return ix.writer(timeout=cfg.get("SEARCH_WRITE_TIMEOUT", 10.0), delay=0.05, compound=False, **kwargs)


_searchers: dict[str, tuple] = {}   # path → (index, searcher, retired searcher)
_lock = threading.Lock()


def searcher():
    """This process's searcher for the configured index, reopened when a writer has committed.

    Not `Searcher.refresh()`: in whoosh-reloaded 2.7.5 it keeps the old segments, so an updated
    document is found once per version (see docs/PERFORMANCE.md). Opening is cheap with compound=False.
    """
    path = index_dir()
    with _lock:
        if path not in _searchers:
            for old in list(_searchers):  # tests use a new directory each; production has one
                _forget(old)
        entry = _searchers.get(path)
        try:
            if entry is None:
                ix = open_index()
                entry = (ix, ix.searcher(), None)
            else:
                ix, s, retired = entry
                if ix.latest_generation() != s.reader().generation():
                    if retired is not None:
                        _close(retired)
                    ix = open_index()
                    entry = (ix, ix.searcher(), s)  # the old one may still serve another thread
        except IndexUnavailable:
            _forget(path)
            raise
        except Exception as exc:  # a deleted or corrupt index must not break the page
            _forget(path)
            raise IndexUnavailable(type(exc).__name__) from exc
        _searchers[path] = entry
        return entry[1]


def _close(s) -> None:
    try:
        s.close()
    except Exception:  # noqa: S110 - closing a broken searcher is best effort
        pass


def _forget(path: str) -> None:
    entry = _searchers.pop(path, None)
    if entry is not None:
        for s in entry[1:]:
            if s is not None:
                _close(s)


def reset_searcher() -> None:
    with _lock:
        _forget(index_dir())


@atexit.register
def close_all() -> None:
    for path in list(_searchers):
        _forget(path)
