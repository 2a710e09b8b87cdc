"""Faster versions of three hot spots of whoosh-reloaded 2.7.5's segment writer (same results, less Python).

The library is pure Python and no longer maintained; these replace methods of its classes in place once, at
import. Each keeps the original's behaviour for valid input (tests/search/test_whoosh_speed.py compares an
index written with and without them) and drops only its type assertions and repeated disk lookups.
"""

from contextlib import contextmanager

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool

_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]  # length byte 0 → None, as in Whoosh


def _doc_field_length(self, docnum, fieldname, default=0):
    """The length of a field in a document, from the length column read once per reader (not per call).

    Whoosh reads one byte from the file per call; a segment's merge asks once per posting.
    """
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    cache = self.__dict__.setdefault("_portal_lengths", {})
    data = cache.get(fieldname)
    if data is None:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            data = cache[fieldname] = False
        else:
            count = reader._count
            data = cache[fieldname] = bytes(reader._dbfile.get(reader._basepos, count)) if count else b""
    if data is False:
        return default
    return _LENGTHS[data[docnum]] if docnum < len(data) else None


def _pool_add(self, item):
    """PostingPool.add: the same run-size estimate, without the per-posting type assertions."""
    self.fieldnames.add(item[0])
    self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def _add_posting(self, id_, weight, vbytes, length=None):
    """W3PostingsWriter.add_posting without the per-posting type assertions."""
    if len(self._ids) >= self._blocklimit:
        self._write_block()
    self._ids.append(id_)
    self._weights.append(weight)
    if weight > self._maxweight:
        self._maxweight = weight
    if vbytes:
        self._values.append(vbytes)
    if length:
        minlength = self._minlength
        if minlength is None or length < minlength:
            self._minlength = length
        if length > self._maxlength:
            self._maxlength = length


_TARGETS = ((whoosh3.W3PerDocReader, "doc_field_length", _doc_field_length),
            (PostingPool, "add", _pool_add),
            (whoosh3.W3PostingsWriter, "add_posting", _add_posting))
_ORIGINALS = {(cls, name): getattr(cls, name) for cls, name, _ in _TARGETS}


def install() -> None:
    for cls, name, func in _TARGETS:
        setattr(cls, name, func)


@contextmanager
def disabled():
    """Whoosh's own methods for a while (tests compare the two)."""
    for cls, name, _ in _TARGETS:
        setattr(cls, name, _ORIGINALS[(cls, name)])
    try:
        yield
    finally:
        install()
