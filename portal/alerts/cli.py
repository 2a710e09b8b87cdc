"""`flask alerts ...` commands."""

import click
from flask.cli import AppGroup

from portal.alerts.sending import send_alerts

alerts_cli = AppGroup("alerts", help="Saved searches: alerts about new matches.")


@alerts_cli.command("send")
def send_command() -> None:
    """Tell users about new matches of their saved searches, and send due daily digests (cron, idempotent)."""
    stats = send_alerts()
    click.echo(f"new matches {stats.found}, mails {stats.mails}, daily digests {stats.digests}, "
               f"failed searches {stats.failed}")
    if stats.failed:
        raise SystemExit(1)


commands = [alerts_cli]
