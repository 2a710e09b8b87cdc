"""Uploads through the real forms: zip bombs are refused fast with flat memory; stored files take the
extension and content type of the type detected from their bytes."""

import functools
import io
import struct
import time
import tracemalloc
import zlib

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from portal.extensions import db
from portal.needs.models import Need
from portal.suppliers.models import NeedInput
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need
from tests.suppliers.factories import world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ODT = b"application/vnd.oasis.opendocument.text"
MiB = 1024 * 1024
BOMB_MIB = 1024  # 1 GiB of zeros: about 1 MB once deflated


@functools.cache
def _zeros_deflated(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of `mib` MiB of zeros and its CRC-32, built from one independent block."""
    zeros = bytes(MiB)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH) == block  # a full flush resets the state
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    return block * mib + comp.flush(), crc


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, stored bytes, method, crc, declared size): lets a test declare any size."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, method, crc, size in entries:
        offset = out.tell()
        raw_name = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                              len(raw_name), 0) + raw_name + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data),
                                  size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    cd = central.getvalue()
    return out.getvalue() + cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd),
                                             out.tell(), 0)


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, 0, zlib.crc32(data), len(data)


def _docx_bomb(member: str) -> bytes:
    """A DOCX-shaped zip whose `member` inflates to 1 GiB of zeros (declared honestly)."""
    data, crc = _zeros_deflated(BOMB_MIB)
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    entries = [(member, data, 8, crc, BOMB_MIB * MiB)]
    entries += [_stored(name, body) for name, body in parts.items() if name != member]
    return _zip(entries)


def _lying_odt() -> bytes:
    """An ODT whose `mimetype` declares 39 bytes but inflates to 1 GiB (the CRC is the real one's)."""
    data, _crc = _zeros_deflated(BOMB_MIB)
    return _zip([("mimetype", data, 8, zlib.crc32(ODT), len(ODT)), _stored("content.xml", b"<office/>")])


@pytest.fixture
def supplier(app, login, client):
    w = world()
    db.session.commit()
    login(client, w.author, w.supplier)
    return w


def _post_input(client, w, body: bytes, filename: str):
    # Encoded in memory: the test client would spool a body over 500 KB to a temporary file it never closes.
    boundary, data = encode_multipart(MultiDict({
        "input-text": "Vårt innspill", "input-attachment": FileStorage(io.BytesIO(body), filename)}))
    return client.post(f"/behov/{w.need.id}/innspill", data=data,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _measured(post) -> tuple[object, float, int]:
    """Run `post` twice: return the response, the CPU seconds it took (not wall time: CI machines are
    shared), and the peak bytes Python allocated during the second run (traced apart: tracing is slow)."""
    started = time.process_time()
    resp = post()
    elapsed = time.process_time() - started
    tracemalloc.start()
    try:
        post().close()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return resp, elapsed, peak


@pytest.mark.parametrize("member", ["mimetype", "[Content_Types].xml"])
def test_zip_bomb_is_refused_quickly_with_flat_memory(supplier, client, member):
    bomb = _docx_bomb(member)
    assert len(bomb) < 1.2 * MiB
    resp, elapsed, peak = _measured(lambda: _post_input(client, supplier, bomb, "tilbud.docx"))
    page = resp.get_data(as_text=True)
    resp.close()  # closes the request's spooled upload
    assert resp.status_code == 400 and "pakkes ut til altfor mye data" in page
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert peak < 40 * MiB, f"peak {peak / MiB:.0f} MiB"
    assert db.session.scalars(select(NeedInput).where(NeedInput.text == "Vårt innspill")).first() is None


def test_entry_whose_declared_size_lies_is_read_only_up_to_the_cap(supplier, client):
    resp, elapsed, peak = _measured(lambda: _post_input(client, supplier, _lying_odt(), "notat.odt"))
    page = resp.get_data(as_text=True)
    resp.close()
    assert resp.status_code == 400 and "Bare PDF, DOCX, XLSX og ODT" in page
    assert elapsed < 1.0 and peak < 40 * MiB


def test_too_many_entries_are_refused(supplier, client):
    entries = [_stored("word/document.xml", b"<w:document/>")]
    entries += [_stored(f"word/media/{i}.xml", b"") for i in range(6000)]
    resp = _post_input(client, supplier, _zip(entries), "mange.docx")
    page = resp.get_data(as_text=True)
    resp.close()
    assert resp.status_code == 400 and "pakkes ut til altfor mye data" in page


def test_supplier_attachment_takes_the_detected_extension(supplier, client):
    assert _post_input(client, supplier, PDF, "evil.html").status_code == 302
    inp = db.session.scalars(select(NeedInput).order_by(NeedInput.id.desc())).first()
    assert inp.attachment_name == "evil.pdf" and inp.attachment_storage.endswith(".pdf")
    resp = client.get(f"/behov/{supplier.need.id}/innspill/{inp.id}/vedlegg")
    assert resp.status_code == 200 and resp.data == PDF
    assert resp.mimetype == "application/pdf"
    assert resp.headers["Content-Disposition"] == "attachment; filename=evil.pdf"
    resp.close()


def test_buyer_attachment_takes_the_detected_extension_also_for_old_rows(app, client, login):
    user = make_user()
    org = make_org(admins=[user])
    need = make_need(org)
    db.session.commit()
    login(client, user, org)
    resp = client.post(f"/behov/{need.id}/vedlegg", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(PDF), "kravspek.pdf.html")})
    assert resp.status_code == 302
    db.session.expire_all()
    attachment = db.session.get(Need, need.id).attachments[0]
    assert attachment.original_name == "kravspek.pdf.pdf" and attachment.storage_name.endswith(".pdf")
    attachment.original_name = "gammel.html"  # stored before the fix
    db.session.commit()
    resp = client.get(f"/behov/{need.id}/vedlegg/{attachment.id}")
    assert resp.mimetype == "application/pdf"
    assert resp.headers["Content-Disposition"] == "attachment; filename=gammel.pdf"
    resp.close()
