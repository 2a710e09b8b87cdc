"""`flask users ...` commands."""

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.db import utcnow
from portal.extensions import db

users_cli = AppGroup("users", help="User accounts.")
commands = [users_cli]
MIN_PASSWORD = 10


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--password", help="Password (asked for, hidden, when not given for a new user).")
@click.option("--name", help="Display name (default: the part of EMAIL before @).")
def create_admin(email: str, password: str | None, name: str | None) -> None:
    """Create a confirmed platform admin, or make an existing user one."""
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if password is None and user is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if password is not None and len(password) < MIN_PASSWORD:
        raise click.ClickException(f"the password must have at least {MIN_PASSWORD} characters")
    created = user is None
    if created:
        user = User(email=email, name=name or email.split("@")[0])
        db.session.add(user)
    elif name:
        user.name = name
    if password is not None:
        user.password_hash = hash_password(password)
    user.is_platform_admin = True
    user.email_confirmed_dt = user.email_confirmed_dt or utcnow()
    db.session.commit()
    click.echo(f"{'created' if created else 'promoted'} platform admin {email}")
