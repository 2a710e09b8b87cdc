"""`flask users ...` commands."""

from flask.cli import AppGroup

users_cli = AppGroup("users", help="User accounts.")
commands = [users_cli]
