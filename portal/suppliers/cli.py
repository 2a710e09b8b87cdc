"""`flask import suppliers FILE.jsonl`."""

from pathlib import Path

import click

from portal.importing import import_cli


@import_cli.command("suppliers")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_suppliers(path: Path) -> None:
    """Import suppliers from a JSON Lines file (a re-run updates, never duplicates)."""
    from portal.suppliers.importer import import_file

    report = import_file(path)
    report.echo()
    if report.errors and not (report.created or report.updated):
        raise SystemExit(1)


commands = []
