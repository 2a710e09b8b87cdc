"""What one search may cost (docs/SECURITY.md, availability): time budget, busy answer, rate limit, size."""

import threading
import time

import pytest

from portal.search import limits
from portal.search.backend import WhooshBackend
from tests.search.helpers import buyer, published_need

FIFTEEN = ("renhold snøbrøyting velferdsteknologi ladestasjoner sykehjem kantine vedlikehold bygg transport "
           "skole barnehage vaskeri rådgivning programvare konsulent")


@pytest.fixture
def needs(app):
    user, org = buyer()
    return [published_need(user, org, title, problem="Daglig drift.") for title in
            ("Renholdstjenester for skolen", "Snøbrøyting ved sykehjemmet", "Kantinedrift på rådhuset")]


@pytest.fixture
def slow_fallback(monkeypatch):
    """The spelling suggestion (the first step after the exact search) takes an hour."""
    def slow(self, s, q):
        later = limits._now() + 3600
        monkeypatch.setattr(limits, "_now", lambda: later)
        return None
    monkeypatch.setattr(WhooshBackend, "_suggest", slow)


@pytest.mark.config(SEARCH_TIME_BUDGET=5)
def test_over_budget_search_shows_the_hits_found_so_far(client, needs, slow_fallback):
    """One exact hit (fewer than FEW), then the fallback runs out of time: that hit is shown with the note."""
    page = client.get("/sok?q=renholdstjenester skolen")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Søket tok for lang tid. Viser de første treffene" in text
    assert "Renholdstjenester for skolen" in text and "1 treff" in text
    api = client.get("/api/v1/search?q=renholdstjenester skolen").json
    assert api["truncated"] is True and [h["title"] for h in api["results"]] == ["Renholdstjenester for skolen"]


@pytest.mark.config(SEARCH_TIME_BUDGET=0.1)
def test_over_budget_with_nothing_found_says_so(client, needs, monkeypatch):
    def stuck(s, q, memo):
        time.sleep(0.2)
        limits.check()
    monkeypatch.setattr("portal.search.docsets._bits", stuck)
    page = client.get("/sok?q=renhold")
    assert page.status_code == 200
    assert "Søket tok for lang tid og ble stoppet" in page.get_data(as_text=True)


def test_searches_without_a_budget_are_complete(app, needs, slow_fallback):
    """Alerts and matching set no budget: they never get partial results."""
    res = WhooshBackend().search("renholdstjenester skolen", "need", {})
    assert not res.truncated and res.total >= 1


@pytest.fixture
def slot_taken(app):
    """Another request of this worker holds the search slot, and two more wait for it."""
    app.config["SEARCH_SLOT_WAIT"] = 0.05
    release, held = threading.Event(), threading.Event()

    def holder():
        with limits.slot():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    yield
    release.set()
    thread.join()


def test_busy_page_keeps_the_query_and_says_try_again(client, needs, slot_taken):
    page = client.get("/sok?q=renhold&county=46")
    assert page.status_code == 503 and page.headers["Retry-After"] == "2"
    text = page.get_data(as_text=True)
    assert "Søket er travelt akkurat nå" in text and 'value="renhold"' in text


def test_busy_api_is_problem_json(client, needs, slot_taken):
    r = client.get("/api/v1/search?q=renhold")
    assert r.status_code == 503 and r.mimetype == "application/problem+json" and r.headers["Retry-After"]
    assert "travelt" in r.json["detail"]


def test_cpv_suggestions_wait_for_the_same_slot(client, slot_taken):
    r = client.post("/api/v1/cpv/suggest", json={"text": "skoleskyss for elevene " * 300})
    assert r.status_code == 503 and r.mimetype == "application/problem+json" and r.headers["Retry-After"]


def test_only_a_short_queue_waits_for_the_slot(app, slot_taken):
    """Beyond MAX_WAITING waiting searches, the next is told «busy» at once instead of holding its thread."""
    started, out = threading.Barrier(limits.MAX_WAITING + 1), []

    def wait_long():
        started.wait()
        try:
            with limits.slot(wait=1.0, queue=True):
                out.append("ran")
        except limits.SearchBusy:
            out.append("busy")

    waiters = [threading.Thread(target=wait_long) for _ in range(limits.MAX_WAITING)]
    for t in waiters:
        t.start()
    started.wait()
    time.sleep(0.1)
    start = time.monotonic()
    with pytest.raises(limits.SearchBusy):
        with limits.slot(wait=1.0, queue=True):
            pass
    assert time.monotonic() - start < 0.2
    for t in waiters:
        t.join()
    assert out == ["busy"] * limits.MAX_WAITING


def test_long_query_uses_the_first_words_and_says_so_next_to_the_field(client, needs):
    page = client.get(f"/sok?q={FIFTEEN}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'aria-describedby="search-q-hint search-q-error"' in text
    assert "Søket kan ha høyst 12 ord. Bare de 12 første ordene ble brukt." in text
    assert 'value="renhold snøbrøyting velferdsteknologi ladestasjoner sykehjem kantine vedlikehold bygg ' \
           'transport skole barnehage vaskeri"' in text
    r = client.get(f"/api/v1/search?q={FIFTEEN}")
    assert r.status_code == 400 and "høyst 12 ord" in r.json["detail"]


def test_too_many_filter_values_are_named(client, needs):
    from portal.reference import cpv_divisions

    divisions = "&".join(f"division={d}" for d in list(cpv_divisions())[:21])
    page = client.get(f"/sok?q=renhold&{divisions}")
    assert page.status_code == 200
    assert "Du kan velge høyst 20 verdier for Bransje (CPV)." in page.get_data(as_text=True)


@pytest.mark.config(RATELIMIT_ENABLED=True, SEARCH_RATELIMIT="3 per minute")
def test_search_is_rate_limited_per_client_across_page_and_api(client, needs):
    assert client.get("/sok?q=renhold").status_code == 200
    assert client.get("/api/v1/search?q=renhold").status_code == 200
    assert client.get("/sok?q=skole").status_code == 200
    limited = client.get("/api/v1/search?q=skole")
    assert limited.status_code == 429 and limited.headers.get("Retry-After")
    assert client.get("/sok?q=renhold").status_code == 429
    assert client.post("/api/v1/cpv/suggest", json={"text": "skoleskyss"}).status_code == 429
    assert client.get("/om").status_code == 200
