"""`flask import doffin FILE` and `flask import needs FILE.jsonl` (added to the shared import group)."""

from pathlib import Path

import click
from flask_babel import force_locale

from portal.importing import import_cli, read_jsonl, run_import
from portal.needs.importer import import_doffin_notice, import_need_row, read_doffin

commands = []  # our commands live in the shared `flask import` group


@import_cli.command("doffin")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_doffin(path: Path) -> None:
    """Import Doffin notices (a JSON array) as published planned procurements."""
    with force_locale("nb"):
        report = run_import(read_doffin(path), import_doffin_notice, "Doffin notices")
    report.echo()


@import_cli.command("needs")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_needs(path: Path) -> None:
    """Import needs from a JSON Lines file (one object per line) as published needs."""
    with force_locale("nb"):
        report = run_import(read_jsonl(path), import_need_row, "needs")
    report.echo()
