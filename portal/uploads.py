"""Uploaded files: type checked from content, stored outside static/ under random names."""

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app, send_file
from flask_babel import gettext as _

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
EXTENSIONS = {content_type: kind for kind, content_type in DOCUMENT_TYPES.items()}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Archive limits, checked from the central directory before anything is decompressed. Office files
# have tens to a few hundred entries and XML compresses about 10-30 times; a zip bomb declares
# gigabytes or ratios near deflate's maximum (~1000).
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_ENTRY_BYTES = 200 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 500 * 1024 * 1024
MAX_ZIP_RATIO = 200
# Reads of an entry stop here whatever the entry declares (declared sizes can lie).
MAX_ZIP_READ = 1024


class UploadError(ValueError):
    """The file cannot be accepted; the message is for the user."""


@dataclass
class StoredFile:
    storage_name: str
    original_name: str
    content_type: str
    size: int


def _check_archive(zf: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from its directory alone: too many entries, too large or too compressed."""
    entries = zf.infolist()
    too_big = _("Filen pakkes ut til altfor mye data og kan ikke lastes opp.")
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UploadError(too_big)
    if sum(e.file_size for e in entries) > MAX_ZIP_TOTAL_BYTES:
        raise UploadError(too_big)
    for e in entries:
        if e.file_size > MAX_ZIP_ENTRY_BYTES or e.file_size > MAX_ZIP_RATIO * max(e.compress_size, 1024):
            raise UploadError(too_big)


def _read_entry(zf: zipfile.ZipFile, name: str) -> bytes:
    """At most MAX_ZIP_READ bytes of one entry."""
    with zf.open(name) as entry:
        return entry.read(MAX_ZIP_READ)


def _zip_kind(path: Path) -> str | None:
    """DOCX/XLSX/ODT are ZIP containers: tell them apart by their members."""
    try:
        with zipfile.ZipFile(path) as zf:
            _check_archive(zf)
            names = set(zf.namelist())
            if "mimetype" in names and _read_entry(zf, "mimetype").strip() == DOCUMENT_TYPES["odt"].encode():
                return "odt"
    except UploadError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, KeyError, OSError, EOFError, ValueError):
        return None  # not a readable archive (also a CRC error when a declared size lied)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def detect_document_type(path: Path) -> str | None:
    """Return 'pdf', 'docx', 'xlsx' or 'odt' judged from the bytes, or None; UploadError for a zip bomb."""
    with path.open("rb") as f:
        head = f.read(8192)
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = filetype.guess(head)
    if head.startswith(b"PK\x03\x04") or (kind and kind.extension in {"zip", "docx", "xlsx", "odt"}):
        return _zip_kind(path)
    return None


def download_name(original_name: str, content_type: str) -> str:
    """The user's file name with the extension of the detected type (evil.html → evil.pdf)."""
    kind = EXTENSIONS.get(content_type)
    if kind is None:
        return original_name
    stem = Path(original_name).stem if "." in original_name else original_name
    return f"{stem or 'fil'}.{kind}"


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_document(file_storage) -> StoredFile:
    """Save an uploaded PDF/DOCX/XLSX/ODT (≤ 20 MB) under a random name; raise UploadError."""
    original = Path(file_storage.filename or "fil").name[:190]
    target = upload_dir() / secrets.token_hex(16)
    file_storage.save(target)
    try:
        size = target.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise UploadError(_("Filen er større enn 20 MB."))
        if size == 0:
            raise UploadError(_("Filen er tom."))
        kind = detect_document_type(target)
        if kind is None:
            raise UploadError(_("Bare PDF, DOCX, XLSX og ODT kan lastes opp (innholdet ble ikke gjenkjent)."))
    except UploadError:
        target.unlink(missing_ok=True)
        raise
    stored = target.rename(target.with_name(f"{target.name}.{kind}"))
    content_type = DOCUMENT_TYPES[kind]
    return StoredFile(stored.name, download_name(original, content_type), content_type, size)


def send_stored(storage_name: str, original_name: str, content_type: str):
    """Send a stored file as a download (never rendered inline), named with its detected type's extension."""
    path = upload_dir() / Path(storage_name).name
    response = send_file(path, mimetype=content_type, as_attachment=True,
                         download_name=download_name(original_name, content_type))
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def delete_stored(storage_name: str) -> None:
    (upload_dir() / Path(storage_name).name).unlink(missing_ok=True)
