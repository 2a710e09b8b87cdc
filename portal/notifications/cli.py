"""`flask mail ...` commands."""

import click
from flask.cli import AppGroup

from portal.notifications.services import send_pending

mail_cli = AppGroup("mail", help="Outgoing mail queue.")


@mail_cli.command("send-pending")
@click.option("--limit", default=1000, show_default=True)
def send_pending_command(limit: int) -> None:
    """Send queued mail that has not been sent yet (safe to run from cron); exit 1 if any failed."""
    sent, failed = send_pending(limit=limit)
    click.echo(f"sent {sent}, failed {failed} (SMTP errors stay queued; unsendable mail is marked failed)")
    if failed:
        raise SystemExit(1)
commands = [mail_cli]
