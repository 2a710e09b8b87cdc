"""`flask demo load`: demo data for a fresh database (each domain adds its part)."""

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--force", is_flag=True, help="Load even when the database is not empty.")
def load(force: bool) -> None:
    """Load demo data when the database is empty."""
    from portal.demo import load_demo

    load_demo(force=force)
commands = [demo_cli]
