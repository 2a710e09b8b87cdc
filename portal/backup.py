"""`flask backup FILE` / `flask restore FILE`: database rows and uploads in one .tar.gz.

The dump is database-neutral JSON per table, so a backup taken on SQLite restores into
PostgreSQL and back. The search index is not backed up: it is rebuilt after a restore.
"""

import base64
import io
import json
import tarfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import DateTime, delete, func, insert, select, text
from tqdm import tqdm

from portal.extensions import db
from portal.search.reindex import reindex

FORMAT = 1


def _encode(value):
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode()}
    raise TypeError(f"cannot back up {type(value).__name__}")


def _decode(value):
    if isinstance(value, dict) and len(value) == 1:
        (key, raw), = value.items()
        if key == "$dt":
            return datetime.fromisoformat(raw)
        if key == "$date":
            return date.fromisoformat(raw)
        if key == "$dec":
            return Decimal(raw)
        if key == "$b64":
            return base64.b64decode(raw)
    return value


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def write_backup(target: Path) -> dict:
    """Write every table and every upload to `target`; return counts."""
    tables = db.metadata.sorted_tables
    counts = {}
    with tarfile.open(target, "w:gz") as tar:
        for table in tqdm(tables, desc="tables", unit="table", disable=None):
            rows = [dict(r._mapping) for r in db.session.execute(select(table))]
            counts[table.name] = len(rows)
            _add_bytes(tar, f"db/{table.name}.json", json.dumps(rows, default=_encode).encode())
        uploads = Path(current_app.config["UPLOAD_DIR"])
        files = [p for p in uploads.rglob("*") if p.is_file()] if uploads.exists() else []
        for path in tqdm(files, desc="uploads", unit="file", disable=None):
            tar.add(path, arcname=f"uploads/{path.relative_to(uploads)}")
        manifest = {"format": FORMAT, "tables": counts, "uploads": len(files)}
        _add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
    return manifest


def _safe_member(name: str) -> bool:
    return not (name.startswith("/") or ".." in Path(name).parts)


def restore_backup(source: Path) -> dict:
    """Replace all data with the backup's (the schema must be migrated already)."""
    tables = db.metadata.sorted_tables
    with tarfile.open(source, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise click.ClickException("unknown backup format")
        for table in reversed(tables):
            db.session.execute(delete(table))
        for table in tqdm(tables, desc="tables", unit="table", disable=None):
            member = f"db/{table.name}.json"
            if member not in tar.getnames():
                continue
            rows = [{k: _decode(v) for k, v in row.items() if k in table.c} for row in json.load(tar.extractfile(member))]
            for row in rows:
                for col in table.c:
                    if isinstance(col.type, DateTime) and isinstance(row.get(col.name), str):
                        row[col.name] = datetime.fromisoformat(row[col.name])
            for start in range(0, len(rows), 1000):
                db.session.execute(insert(table), rows[start:start + 1000])
        uploads = Path(current_app.config["UPLOAD_DIR"])
        uploads.mkdir(parents=True, exist_ok=True)
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith("uploads/") and _safe_member(member.name):
                target = uploads / Path(member.name).relative_to("uploads")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
    _reset_sequences(tables)
    db.session.commit()
    return manifest


def _reset_sequences(tables) -> None:
    """PostgreSQL: move id sequences past the restored rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
            highest = db.session.scalar(select(func.max(table.c.id))) or 0
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
                {"t": table.name, "v": max(highest, 1), "called": highest > 0},
            )


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Write the database and uploads to TARGET (.tar.gz)."""
    manifest = write_backup(target)
    click.echo(f"backup written to {target}: {sum(manifest['tables'].values())} rows, {manifest['uploads']} files")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing all data.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Replace all data with the backup in SOURCE, then rebuild the search index."""
    if not yes:
        click.confirm("This replaces ALL data in the database. Continue?", abort=True)
    manifest = restore_backup(source)
    click.echo(f"restored {sum(manifest['tables'].values())} rows and {manifest['uploads']} files")
    n = reindex(progress=lambda total, unit: tqdm(total=total, unit=unit, desc="search index", disable=None))
    click.echo(f"search index rebuilt: {n} documents")
