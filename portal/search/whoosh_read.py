"""Three fixes to whoosh-reloaded 2.7.5's reading side (same results; less memory, less Python per posting).

Installed once, at import of the search backend (the writer-side ones are in whoosh_speed.py).
tests/search/test_whoosh_read.py compares them with the originals.
"""

import io
from bisect import bisect_left
from functools import lru_cache

from whoosh.codec import base, whoosh3
from whoosh.filedb import structfile
from whoosh.matching import ReadTooFar


class _View(io.RawIOBase):
    """A read-only file over a buffer (a memoryview of the mmapped segment), without copying it."""

    def __init__(self, buf):
        self._buf, self._pos = buf, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def read(self, n=-1):
        start = self._pos
        end = len(self._buf) if n is None or n < 0 else min(len(self._buf), start + n)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def seek(self, pos, whence=0):
        base = {0: 0, 1: self._pos, 2: len(self._buf)}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self):
        return self._pos


def _buffer_file_init(self, buf, name=None, onclose=None):
    """BufferFile without `BytesIO(buf)`: that copied every file of a compound segment into each process."""
    self._buf = buf
    self._name = name
    self.file = io.BufferedReader(_View(buf), 4096)  # C reads for pickle.load; copies 4 KB at a time
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


_original_skip_to = whoosh3.W3LeafMatcher.skip_to


def _skip_to(self, targetid):
    """W3LeafMatcher.skip_to: skip whole blocks, then bisect inside the block (was one next() per posting)."""
    if self._byteids:  # a term vector, not a posting list
        return _original_skip_to(self, targetid)
    if not self.is_active():
        raise ReadTooFar
    if self._ids is None:
        self._read_ids()
    if targetid <= self._ids[self._i]:
        return
    while targetid > self._maxid:
        if self._lastblock:
            self._atend = True
            return
        self._goto(self._nextoffset)
    if self._ids is None:
        self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i)


@lru_cache(maxsize=512)
def _levenshtein_dfa(uterm, maxdist, prefix=0):
    """Automata.levenshtein_dfa, built once per word instead of once per word and segment (pure Python, ~7 ms)."""
    return _original_dfa(uterm, maxdist, prefix)


_original_dfa = base.Automata.levenshtein_dfa


def install() -> None:
    if getattr(whoosh3.W3LeafMatcher.skip_to, "portal_fast", False):
        return
    for func in (_buffer_file_init, _skip_to):
        func.portal_fast = True
    structfile.BufferFile.__init__ = _buffer_file_init
    whoosh3.W3LeafMatcher.skip_to = _skip_to
    base.Automata.levenshtein_dfa = staticmethod(_levenshtein_dfa)
