"""WSGI entry point: `gunicorn wsgi:app`, and `FLASK_APP=wsgi` for the flask CLI."""

from portal import create_app

app = create_app()
