"""The API does what its spec says: documented values work, others get 400 problem+json, 405 names the
allowed methods, long CPV texts go by POST, and times are UTC as docs/API.md says."""

from datetime import UTC, datetime

import pytest

from portal.extensions import db
from portal.needs.models import Need
from tests.opendata.data import make_event
from tests.search.helpers import buyer, published_need, supplier

PROBLEM = "application/problem+json"


@pytest.fixture
def world(app):
    user, org = buyer()
    w = type("World", (), {})()
    w.plain = published_need(user, org, "Renhold av rådhuset", cpv="90911200")
    w.innovative = published_need(user, org, "Ny renholdsrobot", cpv="90911200", is_innovation=True)
    w.social = supplier("Arbeid og Vask SA", "Arbeidsinkludering gjennom rengjøring.", social=True)
    w.ordinary = supplier("Fjord Renhold AS", "Renhold og vinduspuss i Bergen.")
    return w


def _spec_params(client, path: str, method: str = "get") -> dict:
    op = client.get("/api/v1/openapi.json").get_json()["paths"][path][method]
    return {p["name"]: p["schema"] for p in op.get("parameters", [])}


def _ids(client, url: str) -> set[int]:
    resp = client.get(url)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return {r["id"] for r in resp.get_json()["results"]}


@pytest.mark.parametrize(("value", "only"), [("true", "innovative"), ("1", "innovative"),
                                             ("false", "plain"), ("0", "plain")])
def test_innovation_flag_honours_every_documented_value(client, world, value, only):
    assert _ids(client, f"/api/v1/needs?innovation={value}") == {getattr(world, only).id}
    assert value in _spec_params(client, "/api/v1/needs")["innovation"]["enum"]


@pytest.mark.parametrize(("value", "only"), [("true", "social"), ("1", "social"),
                                             ("false", "ordinary"), ("0", "ordinary")])
def test_social_enterprise_flag_honours_every_documented_value(client, world, value, only):
    assert _ids(client, f"/api/v1/suppliers?social_enterprise={value}") == {getattr(world, only).id}
    assert value in _spec_params(client, "/api/v1/suppliers")["social_enterprise"]["enum"]


@pytest.mark.parametrize("url", ["/api/v1/needs?innovation=null", "/api/v1/needs?innovation=yes",
                                 "/api/v1/suppliers?social_enterprise=ja", "/api/v1/suppliers?social_enterprise=null",
                                 "/api/v1/search?q=" + "a" * 201, "/api/v1/suppliers?q=" + "a" * 201,
                                 "/api/v1/search?type=need&size=huge", "/api/v1/search?type=supplier&kind=x",
                                 "/api/v1/search?offset=", "/api/v1/suppliers?certification=",
                                 "/api/v1/needs?county=", "/api/v1/ocds/releases?limit="])
def test_values_outside_the_spec_are_refused_with_problem_json(client, world, url):
    resp = client.get(url)
    assert resp.status_code == 400 and resp.mimetype == PROBLEM


def test_the_web_checkboxes_still_filter(client, world):
    assert "Renhold av rådhuset" not in client.get("/behov?innovation=1").get_data(as_text=True)
    page = client.get("/leverandorer?social_enterprise=true").get_data(as_text=True)
    assert "Arbeid og Vask SA" in page and "Fjord Renhold AS" not in page


def test_every_working_search_filter_is_in_the_spec(client, world):
    params = _spec_params(client, "/api/v1/search")
    assert {"kind", "status", "size", "social", "cert"} <= params.keys()
    assert params["q"]["maxLength"] == 200 and "micro" in params["size"]["items"]["enum"]
    assert _ids(client, "/api/v1/search?type=supplier&q=rengjøring&social=1") == {world.social.id}
    assert _ids(client, "/api/v1/search?type=need&kind=need&status=published&size=micro") >= {world.plain.id}


def test_405_names_the_allowed_methods(client, world):
    resp = client.delete(f"/api/v1/needs/{world.plain.id}")
    assert resp.status_code == 405 and resp.mimetype == PROBLEM
    assert set(resp.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "PATCH"}
    resp = client.open("/api/v1/events/1", method="TRACE")
    assert resp.status_code == 405 and "GET" in resp.headers["Allow"]


def test_long_cpv_text_goes_by_post_and_get_stays_short(client):
    text = ("Renhold av kontorlokaler og vinduspuss. " * 250)[:10_000]
    resp = client.post("/api/v1/cpv/suggest", json={"text": text, "limit": 3})
    assert resp.status_code == 200 and resp.get_json()["results"][0]["code"].startswith("909")
    assert client.post("/api/v1/cpv/suggest", json={"text": text + "x"}).status_code == 400
    assert client.post("/api/v1/cpv/suggest", json={"text": "vask", "limit": True}).status_code == 400
    assert client.post("/api/v1/cpv/suggest", data="text=vask").mimetype == PROBLEM
    get_max = _spec_params(client, "/api/v1/cpv/suggest")["text"]["maxLength"]
    # Even fully percent-encoded (ø = %C3%B8), the longest documented GET fits gunicorn's 4094-byte request line.
    assert len("GET /api/v1/cpv/suggest?limit=20&text=" + "%F0%9F%98%80" * get_max + " HTTP/1.1") <= 4094
    assert client.get("/api/v1/cpv/suggest?text=" + "ø" * get_max).status_code == 200
    assert client.get("/api/v1/cpv/suggest?text=" + "ø" * (get_max + 1)).status_code == 400


def test_event_times_are_utc_as_documented(client, world):
    event = make_event(db.session.get(Need, world.plain.id), starts=datetime(2025, 6, 2, 8, tzinfo=UTC))
    db.session.commit()
    body = client.get(f"/api/v1/events/{event.id}").get_json()
    assert body["starts"] == "2025-06-02T08:00:00Z" and body["ends"] == "2025-06-02T10:00:00Z"
    listed = client.get(f"/api/v1/needs/{world.plain.id}/events").get_json()["events"][0]
    assert listed["registration_deadline"] == "2025-06-01T08:00:00Z"


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_cpv_post_needs_no_csrf_token(client):
    """A third-party tool has no form token; the POST only computes suggestions."""
    resp = client.post("/api/v1/cpv/suggest", json={"text": "Snørydding og brøyting av kommunale veier"})
    assert resp.status_code == 200 and resp.get_json()["results"]
