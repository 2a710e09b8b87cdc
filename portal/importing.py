"""`flask import ...`: the shared command group and the JSON Lines reader with a progress bar."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask.cli import AppGroup
from tqdm import tqdm

from portal.extensions import db

import_cli = AppGroup("import", help="Import needs, notices and suppliers from files.")


class RowError(ValueError):
    """A row that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def echo(self) -> None:
        for line, message in self.errors:
            click.echo(f"line {line}: {message}", err=True)
        click.echo(f"created {self.created}, updated {self.updated}, {len(self.errors)} bad lines")


def read_jsonl(path: Path) -> list[tuple[int, object]]:
    """(line number, parsed object or RowError) for every non-blank line."""
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                rows.append((number, RowError(f"invalid JSON: {exc.msg}")))
    return rows


def run_import(rows: Iterable[tuple[int, object]], handle: Callable[[dict], bool], label: str) -> ImportReport:
    """Apply `handle(obj) -> created?` to each row in its own savepoint, with a progress bar."""
    report = ImportReport()
    rows = list(rows)
    for number, obj in tqdm(rows, desc=label, unit="row", disable=None):
        if isinstance(obj, Exception):
            report.errors.append((number, str(obj)))
            continue
        if not isinstance(obj, dict):
            report.errors.append((number, "expected a JSON object"))
            continue
        try:
            with db.session.begin_nested():
                created = handle(obj)
        except RowError as exc:
            report.errors.append((number, str(exc)))
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
    db.session.commit()
    return report
