"""`flask search reindex` and `flask search process-queue`."""

import click
from flask.cli import with_appcontext
from tqdm import tqdm


@click.group("search")
def search_cli():
    """Søkeindeksen."""


@search_cli.command("reindex")
@click.option("--procs", default=1, show_default=True, help="Writer processes (2 is faster on big databases).")
@click.option("--if-outdated", is_flag=True,
              help="Only when the index is missing or was built by an older version of the portal.")
@with_appcontext
def reindex_command(procs, if_outdated):
    """Bygg søkeindeksen på nytt fra databasen (reparerer en ødelagt eller slettet indeks)."""
    from whoosh import index as windex

    from portal.search.index import SCHEMA_VERSION, built_version, index_dir
    from portal.search.reindex import reindex

    if if_outdated and windex.exists_in(index_dir()) and built_version() == SCHEMA_VERSION:
        click.echo(f"Søkeindeksen er oppdatert (versjon {SCHEMA_VERSION}).")
        return
    n = reindex(progress=lambda total, unit: tqdm(total=total, unit=unit, desc="Indekserer"), procs=procs)
    click.echo(f"Indekserte {n} dokumenter.")


@search_cli.command("process-queue")
@with_appcontext
def process_queue_command():
    """Skriv ventende indeksoppdateringer til søkeindeksen."""
    from portal.search.queue import process_queue

    try:
        applied, pending = process_queue()
    except Exception as exc:
        raise click.ClickException(f"Indeksen kunne ikke oppdateres: {type(exc).__name__}: {exc}") from exc
    click.echo(f"Oppdaterte {applied}; {pending} venter.")


commands = [search_cli]
