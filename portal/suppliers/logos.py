"""Logos: PNG/JPEG ≤ 2 MB, decoded and re-encoded with Pillow so no metadata survives."""

import io
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_SIDE = 800


class LogoError(ValueError):
    """The logo cannot be accepted; the message is for the user."""


def logo_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "logos"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_logo(file_storage) -> str:
    """Validate and re-encode an uploaded logo as PNG; return its storage name."""
    data = file_storage.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(_("Logoen er større enn 2 MB."))
    if not data:
        raise LogoError(_("Filen er tom."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in {"PNG", "JPEG"}:
            raise LogoError(_("Logoen må være en PNG- eller JPEG-fil."))
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > 40_000_000:
                raise LogoError(_("Bildet har for mange piksler."))
            img.load()
            img = img.convert("RGBA") if img.mode in {"P", "LA", "RGBA", "PA"} else img.convert("RGB")
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            clean = Image.new(img.mode, img.size)
            clean.paste(img)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, LogoError):
            raise
        raise LogoError(_("Filen er ikke et gyldig PNG- eller JPEG-bilde.")) from exc
    name = secrets.token_hex(16) + ".png"
    clean.save(logo_dir() / name, format="PNG", optimize=True)
    return name


def delete_logo(name: str | None) -> None:
    if name:
        (logo_dir() / Path(name).name).unlink(missing_ok=True)


def logo_path(name: str) -> Path:
    return logo_dir() / Path(name).name
