"""Calendar and saved-search feed addresses: logout keeps them; a new password or deletion ends them."""

import pytest

from portal.alerts.models import SavedSearch
from portal.auth.models import new_calendar_token
from portal.extensions import db
from tests.auth.helpers import form_login, link_path
from tests.conftest import mail_text
from tests.factories import PASSWORD, make_user
from tests.search.helpers import buyer, published_need

NEW = "et-helt-nytt-passord"


@pytest.fixture
def feeds(app, client):
    """Kari, logged in, with a calendar feed and a saved-search feed; returns a function giving their URLs."""
    published_need(*buyer(), "Renhold av rådhuset", cpv="90911200")  # the search index exists from here on
    user = make_user(email="kari@example.no")
    user.calendar_token = new_calendar_token()
    db.session.add(SavedSearch(user_id=user.id, name="Renhold", query="renhold"))
    db.session.commit()
    assert form_login(client, "kari@example.no", PASSWORD).status_code == 302

    def urls() -> list[str]:
        db.session.expire_all()
        search = db.session.scalar(db.select(SavedSearch))
        return [f"/kalender/{user.calendar_token}.ics"] + ([f"/feeds/lagrede-sok/{search.feed_token}.atom"]
                                                           if search else [])

    return urls


def _statuses(app, urls):
    reader = app.test_client()  # a calendar or feed app: no cookies
    return [reader.get(url).status_code for url in urls]


def test_logout_keeps_the_feed_addresses(app, client, feeds):
    before = feeds()
    assert _statuses(app, before) == [200, 200]
    client.post("/logg-ut")
    assert feeds() == before and _statuses(app, before) == [200, 200]


def test_a_password_change_replaces_the_feed_addresses(app, client, feeds, mailbox):
    before = feeds()
    client.post("/konto/passord", data={"pw-current_password": PASSWORD, "pw-password": NEW,
                                        "pw-password_repeat": NEW})
    after = feeds()
    assert _statuses(app, before) == [404, 404]
    assert _statuses(app, after) == [200, 200]
    notice = [m for m in mailbox.to("kari@example.no") if "endret" in m["Subject"]]
    assert "Kalenderadressen din og feed-adressene" in mail_text(notice[0])


def test_a_password_reset_replaces_the_feed_addresses(app, client, feeds, mailbox):
    before = feeds()
    client.post("/logg-ut")
    client.post("/glemt-passord", data={"email": "kari@example.no"})
    path = link_path(mailbox.to("kari@example.no")[0], "/nytt-passord/")
    assert client.post(path, data={"password": NEW, "password_repeat": NEW}).status_code == 302
    assert _statuses(app, before) == [404, 404]
    assert _statuses(app, feeds()) == [200, 200]


def test_account_deletion_ends_the_feed_addresses(app, client, feeds):
    before = feeds()
    resp = client.post("/konto/slett", data={"current_password": PASSWORD, "confirm": "y"})
    assert resp.status_code == 302
    assert _statuses(app, before) == [404, 404]
