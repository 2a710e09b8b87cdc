"""The Atom feeds as a feed reader sees them (parsed with feedparser): language, real times, stable ids,
conditional GET (304) and errors it can show."""

from datetime import UTC, datetime

import feedparser
import pytest

from portal.db import utcnow
from portal.extensions import db
from portal.needs.models import Need
from tests.factories import make_org
from tests.needs.helpers import make_need


def _parsed(resp):
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    feed = feedparser.parse(resp.data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _dt(struct) -> datetime:
    return datetime(*struct[:6], tzinfo=UTC)


@pytest.fixture
def imported(app):
    """Two needs from an import run today, published by their buyer months ago."""
    org = make_org(name="Tromsø kommune")
    old = make_need(org, title="Snøbrøyting", cpv=("90620000",), places=("5501",), is_imported=True,
                    published_dt=datetime(2025, 1, 10, 12, tzinfo=UTC))
    new = make_need(org, title="Skolebygg", cpv=("90620000",), places=("5501",), is_imported=True,
                    published_dt=datetime(2025, 2, 20, 12, tzinfo=UTC))
    db.session.commit()
    return old, new


def test_entries_carry_their_real_change_time_and_the_feed_its_language(client, imported):
    feed = _parsed(client.get("/feeds/needs.atom"))
    updated = {e.title: _dt(e.updated_parsed) for e in feed.entries}
    # The import run touched both rows today; a reader must not see them as changed today.
    assert updated == {"Snøbrøyting": datetime(2025, 1, 10, 12, tzinfo=UTC),
                       "Skolebygg": datetime(2025, 2, 20, 12, tzinfo=UTC)}
    assert _dt(feed.feed.updated_parsed) == datetime(2025, 2, 20, 12, tzinfo=UTC)
    assert feed.feed.language == "nb"
    client.post("/sprak", data={"lang": "en"})
    assert _parsed(client.get("/feeds/needs.atom")).feed.language == "en"


def test_a_need_edited_on_the_portal_shows_its_edit_time(client, app):
    need = make_need(make_org(), title="Skyss", published_dt=datetime(2025, 1, 10, 12, tzinfo=UTC))
    db.session.commit()
    before = utcnow().replace(microsecond=0)
    db.session.get(Need, need.id).summary = "Endret"
    db.session.commit()
    [entry] = _parsed(client.get("/feeds/needs.atom")).entries
    assert _dt(entry.updated_parsed) >= before


def test_feed_id_does_not_depend_on_the_order_or_spelling_of_the_filters(client, imported):
    ids = {_parsed(client.get(f"/feeds/needs.atom?{query}")).feed.id
           for query in ("county=55&cpv=90", "cpv=90&county=55", "cpv=90620000&county=55", "county=55&cpv=90&x=1")}
    assert len(ids) == 1
    [feed_id] = ids
    assert feed_id == "http://localhost/feeds/needs.atom?county=55&cpv=90"
    assert _parsed(client.get("/feeds/needs.atom")).feed.id == "http://localhost/feeds/needs.atom"


def test_an_empty_feed_is_the_same_on_every_poll(client, imported):
    start = utcnow().replace(microsecond=0)
    first = client.get("/feeds/needs.atom?county=03")
    feed = _parsed(first)
    assert feed.entries == []
    # Not the time of the request: a reader would think something changed on every poll.
    assert _dt(feed.feed.updated_parsed) < start
    second = client.get("/feeds/needs.atom?county=03")
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]


def test_conditional_get_answers_304_until_the_feed_changes(client, imported):
    resp = client.get("/feeds/needs.atom")
    etag, modified = resp.headers["ETag"], resp.headers["Last-Modified"]
    assert modified == "Thu, 20 Feb 2025 12:00:00 GMT"
    unchanged = client.get("/feeds/needs.atom", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.data == b""
    assert client.get("/feeds/needs.atom", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/feeds/needs.atom", headers={"If-Modified-Since": "Wed, 19 Feb 2025 12:00:00 GMT"}
                      ).status_code == 200
    make_need(make_org(), title="Ny ferje")
    db.session.commit()
    changed = client.get("/feeds/needs.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Ny ferje" in [e.title for e in _parsed(changed).entries]
    assert changed.headers["ETag"] != etag


@pytest.mark.parametrize("query", ["county=xx", "cpv=abc"])
def test_a_bad_filter_gives_a_short_text_a_reader_can_show(client, query):
    resp = client.get(f"/feeds/needs.atom?{query}")
    assert resp.status_code == 400 and resp.mimetype == "text/plain"
    assert "<html" not in resp.get_data(as_text=True) and "Ukjent fylke" in resp.get_data(as_text=True)
