"""Register every `flask ...` command group (each domain's cli.py exposes `commands`)."""

import importlib
from pathlib import Path

from flask import Flask

CLI_DOMAINS = ["admin", "notifications", "pages", "needs", "suppliers", "search", "dialogue", "alerts"]


def register(app: Flask) -> None:
    from portal.backup import backup_command, restore_command
    from portal.importing import import_cli

    for command in (import_cli, backup_command, restore_command):
        app.cli.add_command(command)
    for name in CLI_DOMAINS:
        if (Path(__file__).parent / name / "cli.py").exists():
            for group in importlib.import_module(f"portal.{name}.cli").commands:
                app.cli.add_command(group)
