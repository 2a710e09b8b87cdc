"""The app starts, serves its public pages in both languages, and reports health."""

import pytest


@pytest.mark.parametrize("path", ["/", "/om", "/personvern", "/tilgjengelighet"])
def test_public_pages_render_in_norwegian(client, path):
    resp = client.get(path)
    assert resp.status_code == 200
    assert 'lang="nb"' in resp.get_data(as_text=True)


def test_language_switch_is_remembered(client):
    resp = client.post("/sprak", data={"lang": "en", "next": "/om"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/om"
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "The meeting place" in page or "Log in" in page


def test_language_switch_refuses_offsite_next(client):
    resp = client.post("/sprak", data={"lang": "en", "next": "//evil.example/"})
    assert resp.headers["Location"] == "/"


def test_unknown_page_is_a_friendly_404(client):
    resp = client.get("/finnes-ikke")
    assert resp.status_code == 404
    assert "Siden finnes ikke" in resp.get_data(as_text=True)


def test_security_headers(client):
    resp = client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_healthz_reports_database_and_search(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["database"]["status"] == "ok"
    assert "status" in body["search"]


def test_user_given_addresses_are_made_safe_for_href():
    from portal.security import safe_href

    assert safe_href("https://x.no/a b\"><svg>") == "https://x.no/a%20b%22%3E%3Csvg%3E"
    assert safe_href("javascript:alert(1)") == "#"
    assert safe_href(" http://eksempel.no/?q=1&r=2 ") == "http://eksempel.no/?q=1&r=2"


def test_every_page_has_an_icon_and_favicon_ico_finds_it(client):
    page = client.get("/om").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    resp = client.get("/favicon.ico")
    assert resp.status_code == 301 and resp.headers["Location"].endswith("/static/favicon.svg")
    with client.get("/static/favicon.svg") as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
