"""Interest: express, withdraw, the buyer's list and CSV export."""

import csv
import io

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.suppliers import services
from portal.suppliers.models import Interest
from tests.factories import make_org, make_user
from tests.suppliers.factories import make_need, world


@pytest.fixture
def w(app):
    w = world()
    db.session.commit()
    return w


def test_express_and_withdraw_interest(client, login, w):
    login(client, w.author, w.supplier)
    page = client.get(f"/behov/{w.need.id}/dialog").get_data(as_text=True)
    assert "Meld interesse" in page and '<label class="ds-label" for="interest-note">' in page
    resp = client.post(f"/behov/{w.need.id}/interesse", data={"interest-note": "Vi kan starte i mars"})
    assert resp.status_code == 302
    interest = db.session.scalar(select(Interest))
    assert interest.organisation_id == w.supplier.id and interest.note == "Vi kan starte i mars"
    # pressing again updates, never duplicates
    client.post(f"/behov/{w.need.id}/interesse", data={"interest-note": "Ny melding"})
    assert len(db.session.scalars(select(Interest)).all()) == 1
    page = client.get(f"/behov/{w.need.id}/dialog").get_data(as_text=True)
    assert "Trekk interessen" in page
    client.post(f"/behov/{w.need.id}/interesse/trekk")
    assert db.session.scalar(select(Interest)) is None


def test_redirects_back_to_a_local_next_only(client, login, w):
    login(client, w.author, w.supplier)
    resp = client.post(f"/behov/{w.need.id}/interesse", data={"next": f"/behov/{w.need.id}"})
    assert resp.headers["Location"] == f"/behov/{w.need.id}"
    resp = client.post(f"/behov/{w.need.id}/interesse/trekk", data={"next": "https://evil.example/"})
    assert resp.headers["Location"] == f"/behov/{w.need.id}/dialog"


@pytest.mark.parametrize("status, allowed", [
    ("published", True), ("in_dialogue", True), ("announced", True), ("awarded", False), ("closed", False),
    ("cancelled", False),
])
def test_interest_only_on_open_needs(client, login, w, status, allowed):
    need = make_need(w.buyer, status=status)
    db.session.commit()
    login(client, w.author, w.supplier)
    resp = client.post(f"/behov/{need.id}/interesse")
    assert resp.status_code == (302 if allowed else 403)


def test_who_may_express_interest(client, login, w):
    assert client.post(f"/behov/{w.need.id}/interesse").status_code == 302  # to login
    login(client, w.buyer_user, w.buyer)
    assert client.post(f"/behov/{w.need.id}/interesse").status_code == 403
    draft = make_need(w.buyer, status="draft")
    db.session.commit()
    login(client, w.author, w.supplier)
    assert client.post(f"/behov/{draft.id}/interesse").status_code == 404
    assert client.post("/behov/99999999999/interesse").status_code == 404


def _interest(w, note="Unik-melding-123"):
    services.express_interest(w.author, w.supplier, w.need, note)
    db.session.commit()


def test_buyer_sees_interested_suppliers_with_profile_links(client, login, w):
    _interest(w)
    login(client, w.buyer_user, w.buyer)
    page = client.get(f"/behov/{w.need.id}/interesserte").get_data(as_text=True)
    assert "Fjord Renhold AS" in page and "/leverandorer/" in page
    dash = client.get("/min-side").get_data(as_text=True)
    assert w.need.title in dash and f"1 interesserte på {w.need.title}" in dash


@pytest.mark.parametrize("who", ["anonymous", "other_buyer", "author", "rival"])
def test_only_the_owning_buyer_sees_interests(client, login, w, who):
    _interest(w)
    if who != "anonymous":
        user, org = {"other_buyer": (w.other_buyer_user, w.other_buyer), "author": (w.author, w.supplier),
                     "rival": (w.rival_user, w.rival)}[who]
        login(client, user, org)
    for path in (f"/behov/{w.need.id}/interesserte", f"/behov/{w.need.id}/interesserte.csv"):
        resp = client.get(path)
        assert resp.status_code in (302, 403)
        assert b"Unik-melding-123" not in resp.data


def test_csv_export_has_bom_and_escapes_formulas(client, login, w):
    w.supplier.name = "=HYPERLINK(\"http://evil\")"
    _interest(w, note="@SUM(A1) +1 -2")
    login(client, w.buyer_user, w.buyer)
    resp = client.get(f"/behov/{w.need.id}/interesserte.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    raw = resp.data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Leverandør"
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")" and rows[1][6] == "'@SUM(A1) +1 -2"
    assert not any(cell[:1] in "=+-@" for row in rows for cell in row if cell)


def test_buyer_member_of_another_org_cannot_see_even_when_verified(client, login, w):
    outsider = make_user()
    make_org(admins=[outsider])
    _interest(w)
    login(client, outsider)
    assert client.get(f"/behov/{w.need.id}/interesserte.csv").status_code == 403


def test_panel_global_for_the_need_page(app, w, login):
    from flask import render_template_string
    from flask_login import login_user

    with app.test_request_context(f"/behov/{w.need.id}"):
        html = render_template_string("{{ supplier_need_panel(need) }}", need=w.need)
        assert "Logg inn som leverandør" in html
    with app.test_request_context(f"/behov/{w.need.id}"):
        login_user(w.author)
        html = render_template_string("{{ supplier_need_panel(need) }}", need=w.need)
        assert "Meld interesse" in html and "Send innspill" in html
