"""Uploaded files: type checked from content, stored outside static/ under random names."""

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app, send_file

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class UploadError(ValueError):
    """The file cannot be accepted; the message is for the user."""


@dataclass
class StoredFile:
    storage_name: str
    original_name: str
    content_type: str
    size: int


def _zip_kind(data: bytes, path: Path) -> str | None:
    """DOCX/XLSX/ODT are ZIP containers: tell them apart by their members."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.read("mimetype").strip() == DOCUMENT_TYPES["odt"].encode():
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def detect_document_type(path: Path) -> str | None:
    """Return 'pdf', 'docx', 'xlsx' or 'odt' judged from the bytes, or None."""
    head = path.read_bytes()[:8192]
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = filetype.guess(head)
    if head.startswith(b"PK\x03\x04") or (kind and kind.extension in {"zip", "docx", "xlsx", "odt"}):
        return _zip_kind(head, path)
    return None


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_document(file_storage) -> StoredFile:
    """Save an uploaded PDF/DOCX/XLSX/ODT (≤ 20 MB) under a random name; raise UploadError."""
    from flask_babel import gettext as _

    original = Path(file_storage.filename or "fil").name[:200]
    storage_name = secrets.token_hex(16)
    target = upload_dir() / storage_name
    file_storage.save(target)
    size = target.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        target.unlink(missing_ok=True)
        raise UploadError(_("Filen er større enn 20 MB."))
    if size == 0:
        target.unlink(missing_ok=True)
        raise UploadError(_("Filen er tom."))
    kind = detect_document_type(target)
    if kind is None:
        target.unlink(missing_ok=True)
        raise UploadError(_("Bare PDF, DOCX, XLSX og ODT kan lastes opp (innholdet ble ikke gjenkjent)."))
    return StoredFile(storage_name, original, DOCUMENT_TYPES[kind], size)


def send_stored(storage_name: str, original_name: str, content_type: str):
    """Send a stored file as a download (never rendered inline)."""
    path = upload_dir() / Path(storage_name).name
    response = send_file(path, mimetype=content_type, as_attachment=True, download_name=original_name)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def delete_stored(storage_name: str) -> None:
    (upload_dir() / Path(storage_name).name).unlink(missing_ok=True)
