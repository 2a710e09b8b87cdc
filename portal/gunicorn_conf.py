"""gunicorn settings of the portal: `gunicorn --config python:portal.gunicorn_conf wsgi:app` (make run)."""

import threading


def post_worker_init(worker):
    """Train the CPV suggester in the background as each worker starts (~1.5 s, ~20 MB), so that the first
    «Foreslåtte CPV-koder» or search a user makes in that worker does not wait for it."""
    from portal.search.cpv_suggest import model

    threading.Thread(target=model, name="cpv-warm-up", daemon=True).start()
