"""Ids in URLs: anything outside 1 … 2^31-1 cannot exist, so every method answers a plain 404."""

import pytest

from portal.extensions import db
from tests.factories import make_org
from tests.opendata.data import make_need


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize("need_id", ["2147483648", "9999999999", "99999999999", "0"])
def test_out_of_range_ids_are_not_found_for_every_method(client, method, need_id):
    resp = getattr(client, method)(f"/api/v1/needs/{need_id}", json={})
    assert resp.status_code == 404


def test_largest_database_id_still_reaches_the_view(client, app):
    # A need with the largest id the database holds is found: the router lets 2^31-1 through.
    from tests.needs.helpers import make_need as make_published_need

    make_published_need(make_org(), title="Den siste", id=2147483647)
    db.session.commit()
    resp = client.get("/api/v1/needs/2147483647")
    assert resp.status_code == 200 and resp.json["title"] == "Den siste"


def test_real_need_is_found(client, app):
    need = make_need(make_org(), title="Snøbrøyting")
    db.session.commit()
    assert client.get(f"/api/v1/needs/{need.id}").get_json()["title"] == "Snøbrøyting"
