"""Saved searches: save from /sok, list, edit, delete, only one's own; the Atom feed behind a token."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feed in a test

import pytest
from sqlalchemy import select

from portal.alerts.models import Frequency, SavedSearch
from portal.extensions import db
from tests.factories import make_user
from tests.search.helpers import buyer, published_need

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def me(app):
    user = make_user(name="Sara Søker")
    db.session.commit()
    return user


def _save(client, name="Renhold i Vestland", frequency="immediate", **args):
    data = {"q": "renhold", "type": "need", "county": "46", "name": name, "frequency": frequency} | args
    return client.post("/lagrede-sok/ny", data=data)


def _checked(page: str) -> str:
    """The frequency radio button that is checked."""
    return re.search(r'<input checked[^>]*name="frequency"[^>]*value="(\w+)"', page).group(1)


def _mine(user):
    db.session.expire_all()
    return db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)).all()


def test_search_page_offers_to_save_and_anonymous_must_log_in(client):
    page = client.get("/sok?q=renhold&county=46").get_data(as_text=True)
    assert "Lagre søket og få varsel om nye treff" in page
    assert "/lagrede-sok/ny?q=renhold&amp;type=need&amp;county=46" in page
    resp = client.get("/lagrede-sok/ny?q=renhold&county=46")
    assert resp.status_code == 302 and "/logg-inn" in resp.headers["Location"]


def test_save_the_current_search_then_see_it_listed(client, login, me):
    login(client, me)
    form = client.get("/lagrede-sok/ny?q=renhold&type=need&county=46&sort=newest").get_data(as_text=True)
    assert "Vestland" in form and 'value="renhold"' in form  # what is saved, and the name proposed
    assert 'name="county" value="46"' in form
    resp = _save(client, frequency="daily")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/lagrede-sok")
    [saved] = _mine(me)
    assert (saved.name, saved.query, saved.doc_type, saved.filters, saved.frequency) == \
        ("Renhold i Vestland", "renhold", "need", {"county": ["46"]}, Frequency.DAILY)
    page = client.get("/lagrede-sok").get_data(as_text=True)
    assert "Søket «Renhold i Vestland» er lagret." in page
    assert page.count("Renhold i Vestland") >= 2 and "Daglig oppsummering" in page and "Fylke: Vestland" in page
    assert f"/feeds/lagrede-sok/{saved.feed_token}.atom" in page
    assert "/sok?q=renhold&amp;type=need&amp;county=46" in page  # "Åpne søket"
    assert "Lagrede søk" in page  # the link in the header


def test_a_supplier_search_is_saved_with_its_type(client, login, me):
    login(client, me)
    _save(client, name="Sosiale entreprenører", type="supplier", q="vask", social="1", county="46")
    [saved] = _mine(me)
    assert saved.doc_type == "supplier" and saved.filters == {"county": ["46"], "social": ["1"]}


def test_name_is_required_and_the_message_is_at_the_field(client, login, me):
    login(client, me)
    resp = _save(client, name="  ")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Gi søket et navn." in page
    assert 'id="name-error"' in page and 'aria-invalid="true"' in page
    assert _mine(me) == []


def test_edit_name_and_frequency_then_delete(client, login, me):
    login(client, me)
    _save(client)
    [saved] = _mine(me)
    page = client.get(f"/lagrede-sok/{saved.id}").get_data(as_text=True)
    assert 'value="Renhold i Vestland"' in page and _checked(page) == "immediate"
    resp = client.post(f"/lagrede-sok/{saved.id}", data={"name": "Renhold", "frequency": "portal"})
    assert resp.status_code == 302
    [saved] = _mine(me)
    assert (saved.name, saved.frequency) == ("Renhold", Frequency.PORTAL)
    resp = client.post(f"/lagrede-sok/{saved.id}", data={"name": "", "frequency": "portal"})
    assert "Gi søket et navn." in resp.get_data(as_text=True)
    resp = client.post(f"/lagrede-sok/{saved.id}/slett")
    assert resp.status_code == 302
    assert _mine(me) == []
    assert "Det lagrede søket er slettet." in client.get("/lagrede-sok").get_data(as_text=True)


def test_another_user_gets_404_for_every_action(app, client, login, me):
    login(client, me)
    _save(client)
    [saved] = _mine(me)
    other = app.test_client()
    login(other, make_user(name="Nils Nysgjerrig"))
    db.session.commit()
    assert "Renhold i Vestland" not in other.get("/lagrede-sok").get_data(as_text=True)
    assert other.get(f"/lagrede-sok/{saved.id}").status_code == 404
    for action in ("", "/slett", "/ny-feed-adresse", "/sett"):
        resp = other.post(f"/lagrede-sok/{saved.id}{action}", data={"name": "Mitt nå", "frequency": "portal"})
        assert resp.status_code == 404, action
    [still] = _mine(me)
    assert still.name == "Renhold i Vestland" and still.frequency == Frequency.IMMEDIATE


def test_atom_feed_lists_matches_behind_the_token(client, login, me):
    user, org = buyer()
    published_need(user, org, "Renholdstjenester for rådhuset", cpv="90911200")
    published_need(user, org, "Ladestasjoner ved sykehjemmet", cpv="31158100")
    login(client, me)
    _save(client, county="46")
    [saved] = _mine(me)
    resp = client.get(f"/feeds/lagrede-sok/{saved.feed_token}.atom")
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    root = ET.fromstring(resp.data)  # noqa: S314 - our own output
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert titles == ["Renholdstjenester for rådhuset"]
    assert root.findtext(f"{ATOM}title") == f"Møteplassen – {saved.name}"  # a feed reader shows the search
    assert client.get("/feeds/lagrede-sok/feil-token-som-er-langt-nok.atom").status_code == 404
    old = saved.feed_token
    assert client.post(f"/lagrede-sok/{saved.id}/ny-feed-adresse").status_code == 302
    [saved] = _mine(me)
    assert saved.feed_token != old
    assert client.get(f"/feeds/lagrede-sok/{old}.atom").status_code == 404
    assert client.get(f"/feeds/lagrede-sok/{saved.feed_token}.atom").status_code == 200


def test_feed_never_shows_drafts(client, login, me):
    from portal.needs import services as needs

    user, org = buyer()
    needs.create_need(user, org, {"title": "Renhold av hemmelig utkast", "summary": "Kort", "problem_md": "x",
                                  "cpv_main": "90911200", "places": ["4601"]})
    db.session.commit()
    login(client, me)
    _save(client, county=None)
    [saved] = _mine(me)
    published_need(user, org, "Renhold av rådhuset", cpv="90911200")  # published after saving: in the feed
    resp = client.get(f"/feeds/lagrede-sok/{saved.feed_token}.atom")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Renhold av rådhuset" in body
    assert "hemmelig utkast" not in body


def test_export_includes_saved_searches(app, client, login, me):
    from portal.auth.services import export_user_data

    login(client, me)
    _save(client)
    assert export_user_data(me)["saved_searches"][0]["query"] == "renhold"


def test_deleting_the_account_deletes_its_saved_searches(client, login, me):
    from portal.auth.services import delete_account
    from tests.factories import PASSWORD

    login(client, me)
    _save(client)
    delete_account(me, me, {"current_password": PASSWORD})
    db.session.commit()
    assert _mine(me) == []


def test_feed_is_stable_for_readers_and_its_errors_are_plain_text(client, login, me):
    import feedparser

    login(client, me)
    _save(client, q="ingenting-passer-dette")
    [saved] = _mine(me)
    url = f"/feeds/lagrede-sok/{saved.feed_token}.atom"
    down = client.get(url)  # no search index yet
    assert down.status_code == 503 and down.mimetype == "text/plain" and "Prøv igjen" in down.get_data(as_text=True)
    from portal.search.reindex import reindex

    reindex()
    first = client.get(url)
    feed = feedparser.parse(first.data)
    assert not feed.bozo and feed.entries == [] and feed.feed.language == "nb"
    # Empty: `updated` is when the search was saved, so it is the same on every poll.
    assert feed.feed.updated == saved.created_dt.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    assert feed.feed.id == f"http://localhost{url}" == feedparser.parse(client.get(f"{url}?utm=x").data).feed.id
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    gone = client.get("/feeds/lagrede-sok/feil-token-som-er-langt-nok.atom")
    assert gone.status_code == 404 and gone.mimetype == "text/plain" and "Mine lagrede søk" in gone.get_data(as_text=True)
