"""gunicorn settings of the portal: `gunicorn --config python:portal.gunicorn_conf wsgi:app` (make run, README, gates).

Threads, so that slow or idle clients and long searches do not hold a whole worker (docs/SECURITY.md,
«Availability»): a waiting connection costs no thread (portal.gunicorn_worker), a search holds one
thread and the worker's single search slot, and the other threads keep answering every other page.
Memory does not grow with the threads: each process keeps one Whoosh searcher (search/index.py).
"""

import threading

worker_class = "portal.gunicorn_worker.GuardedThreadWorker"
threads = 16  # up to 7 may be searching or waiting for the search slot (search/limits.py); the rest serve pages
timeout = 30  # a worker whose main loop stops beating this long is replaced
graceful_timeout = 20
keepalive = 5  # seconds an idle connection (new or kept alive) may wait for a request


def post_worker_init(worker):
    """Train the CPV suggester in the background as each worker starts (~1.5 s, ~20 MB), so that the first
    «Foreslåtte CPV-koder» or search a user makes in that worker does not wait for it."""
    from portal.search.cpv_suggest import model

    threading.Thread(target=model, name="cpv-warm-up", daemon=True).start()
