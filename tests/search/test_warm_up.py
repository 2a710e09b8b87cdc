"""gunicorn's post_worker_init (portal/gunicorn_conf.py) trains the CPV suggester before the first request."""

from portal import gunicorn_conf
from portal.search import cpv_suggest


def test_worker_start_trains_the_cpv_suggester_in_the_background(monkeypatch):
    monkeypatch.setattr(cpv_suggest, "_model", None)
    gunicorn_conf.post_worker_init(worker=None)
    warm = [t for t in __import__("threading").enumerate() if t.name == "cpv-warm-up"]
    assert warm and warm[0].daemon
    warm[0].join(timeout=60)
    assert cpv_suggest._model is not None
