"""`flask reminders send`: safe from cron every five minutes, also twice at once."""

import click
from flask import current_app
from flask.cli import AppGroup

from portal.dialogue.reminders import send_reminders

reminders_cli = AppGroup("reminders", help="Påminnelser om arrangementer og møter.")


@reminders_cli.command("send")
def send_command() -> None:
    """Send due reminders (each at most once)."""
    # Mail templates and date formatting expect a request (language, context processors).
    with current_app.test_request_context("/", base_url=current_app.config["BASE_URL"]):
        sent = send_reminders()
    click.echo(f"{sent} påminnelser sendt.")


commands = [reminders_cli]
