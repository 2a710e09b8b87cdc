"""Min side for suppliers (completeness, interests, inputs) and buyers (interest and input per need)."""

import pytest

from portal.extensions import db
from portal.suppliers import services
from tests.factories import make_user
from tests.suppliers.factories import make_input, make_need, world


@pytest.fixture
def w(app):
    w = world()
    services.express_interest(w.author, w.supplier, w.need, "")
    w.conf = make_input(w.need, w.supplier, w.author, text="x", confidential=True)
    make_input(w.need, w.supplier, w.colleague, text="y")
    w.quiet = make_need(w.buyer, status="published", title="Skolemat til ungdomsskolen")
    db.session.commit()
    return w


def test_requires_login(client, app):
    resp = client.get("/min-side")
    assert resp.status_code == 302 and "/logg-inn" in resp.headers["Location"]


def test_user_without_organisation(client, login, app):
    user = make_user()
    db.session.commit()
    login(client, user)
    assert "ikke med i noen organisasjon" in client.get("/min-side").get_data(as_text=True)


def test_supplier_min_side(client, login, w):
    login(client, w.author, w.supplier)
    page = client.get("/min-side").get_data(as_text=True)
    assert "komplett" in page and "Rediger profilen" in page
    assert "Mine interesser (1)" in page and w.need.title in page
    assert "Mine innspill (2)" in page  # own confidential + colleague's open input


def test_colleague_does_not_see_the_authors_confidential_input(client, login, w):
    login(client, w.colleague, w.supplier)
    page = client.get("/min-side").get_data(as_text=True)
    assert "Mine innspill (1)" in page


def test_buyer_dashboard_counts_per_need(client, login, w):
    login(client, w.buyer_user, w.buyer)
    page = client.get("/min-side").get_data(as_text=True)
    assert f"1 interesserte på {w.need.title}" in page and f"2 innspill på {w.need.title}" in page
    assert f"0 interesserte på {w.quiet.title}" in page


def test_other_buyer_sees_none_of_it(client, login, w):
    login(client, w.other_buyer_user, w.other_buyer)
    page = client.get("/min-side").get_data(as_text=True)
    assert w.need.title not in page and "Dere har ingen behov ennå." in page
