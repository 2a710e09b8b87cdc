"""Demo data for `make run`: loaded only into an empty database, each domain adding its part."""

import importlib

import click
from sqlalchemy import func, select

from portal.extensions import db
from portal.organisations.models import Organisation

# Each module has `load()`; order matters (organisations before needs before suppliers).
DEMO_MODULES = ["portal.organisations.demo", "portal.needs.demo", "portal.suppliers.demo", "portal.dialogue.demo",
                "portal.alerts.demo"]


def load_demo(force: bool = False) -> None:
    """Load every domain's demo data, unless the database already has organisations."""
    if not force and db.session.scalar(select(func.count(Organisation.id))):
        click.echo("database is not empty: demo data not loaded")
        return
    for name in DEMO_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        module.load()
        db.session.commit()
    click.echo("demo data loaded")
