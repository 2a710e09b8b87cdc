"""Public directory and API: filters, hidden profiles, invalid parameters."""

from datetime import date

import pytest

from portal.extensions import db
from tests.factories import make_org, make_user
from tests.suppliers.factories import make_supplier


@pytest.fixture
def suppliers(app):
    s = {
        "bygg": make_supplier(name="Bygg Vest AS", size="small", cpv=["45210000"], municipalities=["4601"],
                              certifications={"startbank": None}),
        "it": make_supplier(name="Data Nord AS", size="micro", cpv=["72000000"], nationwide=True,
                            certifications={"iso9001": date(2000, 1, 1)}),
        "social": make_supplier(name="Inkludering Oslo SA", size="micro", cpv=["90910000"], social=True,
                                municipalities=["0301"], certifications={"miljofyrtarn": None}),
        "county": make_supplier(name="Trøndersk Renhold AS", size="medium", cpv=["90911200"], counties=["50"]),
        "hidden": make_supplier(name="Skjult Leverandør AS", size="large", cpv=["45000000"],
                                municipalities=["4601"], is_public=False),
    }
    db.session.commit()
    return s


def names(client, query):
    resp = client.get("/api/v1/suppliers?" + query)
    assert resp.status_code == 200, resp.get_json()
    return {r["name"] for r in resp.get_json()["results"]}


@pytest.mark.parametrize("query, expected", [
    ("", {"Bygg Vest AS", "Data Nord AS", "Inkludering Oslo SA", "Trøndersk Renhold AS"}),
    ("municipality=4601", {"Bygg Vest AS", "Data Nord AS"}),
    ("municipality=5001", {"Data Nord AS", "Trøndersk Renhold AS"}),
    ("county=03", {"Data Nord AS", "Inkludering Oslo SA"}),
    ("cpv=45", {"Bygg Vest AS"}),
    ("cpv=90000000", {"Inkludering Oslo SA", "Trøndersk Renhold AS"}),
    ("cpv=90911000", {"Trøndersk Renhold AS"}),
    ("size=micro", {"Data Nord AS", "Inkludering Oslo SA"}),
    ("size=micro&size=medium", {"Data Nord AS", "Inkludering Oslo SA", "Trøndersk Renhold AS"}),
    ("social_enterprise=true", {"Inkludering Oslo SA"}),
    ("certification=Miljøfyrtårn", {"Inkludering Oslo SA"}),
    ("certification=startbank", {"Bygg Vest AS"}),
    ("certification=iso9001", set()),  # expired certificates do not count
    ("q=renhold", {"Trøndersk Renhold AS"}),
])
def test_api_filters(client, suppliers, query, expected):
    assert names(client, query) == expected


def test_api_list_shape_and_paging(client, suppliers):
    body = client.get("/api/v1/suppliers?limit=2&offset=1").get_json()
    assert body["total"] == 4 and len(body["results"]) == 2
    item = body["results"][0]
    assert {"id", "external_id", "name", "cpv", "municipalities", "url"} <= set(item)
    assert item["url"].startswith("http://localhost/leverandorer/")


@pytest.mark.parametrize("query", [
    "limit=0", "limit=101", "limit=abc", "offset=-1", "offset=99999999999999999999", "municipality=9999",
    "county=99", "cpv=xx", "size=huge", "social_enterprise=kanskje", "certification=gull", "limit=1e3",
])
def test_api_invalid_parameters_are_problem_json(client, suppliers, query):
    resp = client.get("/api/v1/suppliers?" + query)
    assert resp.status_code == 400
    assert resp.mimetype == "application/problem+json" and resp.get_json()["status"] == 400


def test_hidden_profile_only_for_verified_buyers(client, login, suppliers):
    hidden = suppliers["hidden"]
    assert client.get(f"/api/v1/suppliers/{hidden.id}").status_code == 404
    assert client.get(f"/leverandorer/{hidden.id}").status_code == 404
    assert "Skjult Leverandør AS" not in client.get("/leverandorer").get_data(as_text=True)
    # a supplier and an unverified buyer are "others" too
    other = make_user()
    make_supplier(admins=[other])
    unverified = make_user()
    make_org(verified=False, admins=[unverified])
    buyer = make_user()
    make_org(admins=[buyer])
    db.session.commit()
    for user, status in ((other, 404), (unverified, 404), (buyer, 200)):
        login(client, user)
        assert client.get(f"/api/v1/suppliers/{hidden.id}").status_code == status
        assert client.get(f"/leverandorer/{hidden.id}").status_code == status
    assert "Skjult Leverandør AS" in names(client, "municipality=4601")
    assert "Skjult Leverandør AS" in client.get("/leverandorer").get_data(as_text=True)


def test_api_detail_and_unknown_ids(client, suppliers):
    resp = client.get(f"/api/v1/suppliers/{suppliers['social'].id}")
    body = resp.get_json()
    assert body["name"] == "Inkludering Oslo SA" and body["social_enterprise"] is True
    assert body["certifications"][0]["name"] == "Miljøfyrtårn"
    assert client.get("/api/v1/suppliers/999999").status_code == 404
    assert client.get("/api/v1/suppliers/99999999999999999999").status_code == 404


def test_directory_page_filters_and_profile_page(client, suppliers):
    page = client.get("/leverandorer?county=03&social_enterprise=true").get_data(as_text=True)
    assert "Inkludering Oslo SA" in page and "Data Nord AS" not in page
    bad = client.get("/leverandorer?municipality=0000")
    assert bad.status_code == 200 and "Ukjent kommunenummer" in bad.get_data(as_text=True)
    profile = client.get(f"/leverandorer/{suppliers['it'].id}").get_data(as_text=True)
    assert "Hele landet" in profile and "utløpt" in profile


def test_imported_suppliers_appear_in_directory_and_api(runner, client, tmp_path):
    import json

    rows = [{"external_id": f"e{i}", "name": f"Importert {i} AS", "description": "", "cpv": ["72000000"],
             "municipalities": ["1103"] if i % 2 else [], "size": "small", "social_enterprise": i == 3,
             "certifications": ["EMAS"] if i == 2 else []} for i in range(1, 5)]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    runner.invoke(args=["import", "suppliers", str(path)])
    body = client.get("/api/v1/suppliers?cpv=72&municipality=1103").get_json()
    assert body["total"] == 4  # two serve Stavanger, two are nationwide
    assert names(client, "county=11&social_enterprise=true") == {"Importert 3 AS"}
    assert names(client, "certification=EMAS") == {"Importert 2 AS"}
    nationwide = [r for r in body["results"] if r["external_id"] == "e2"][0]
    assert nationwide["municipalities"] == [] and nationwide["nationwide"] is True
    assert "Importert 1 AS" in client.get("/leverandorer?municipality=1103").get_data(as_text=True)
