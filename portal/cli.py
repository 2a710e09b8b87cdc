"""Register every `flask ...` command group."""

from flask import Flask


def register(app: Flask) -> None:
    from portal.admin.cli import users_cli
    from portal.notifications.cli import mail_cli
    from portal.pages.cli import demo_cli

    for group in (users_cli, mail_cli, demo_cli):
        app.cli.add_command(group)
