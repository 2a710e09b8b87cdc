"""OCDS releases follow a need's lifecycle: one release per change with its own id, dated when it happened."""

import json
from datetime import date, timedelta

import pytest

from portal.extensions import db
from portal.needs import services
from portal.needs.importer import import_doffin_notice
from portal.needs.models import Need, NeedStatus, Procedure
from tests.conftest import shared_path
from tests.factories import make_org, make_user
from tests.opendata.data import assert_valid, make_event


@pytest.fixture
def buyer(app):
    admin = make_user()
    return admin, make_org(name="Bergen kommune", admins=[admin])


def _publish(admin, org, **fields) -> Need:
    data = {"title": "Smart renhold", "summary": "Sensorer", "problem_md": "Vi vasker for ofte.",
            "cpv_main": "90910000"} | fields
    need = services.create_need(admin, org, data)
    services.publish_need(admin, need)
    db.session.commit()
    return need


def _current(client, need) -> dict:
    return client.get(f"/api/v1/ocds/releases/{need.id}").get_json()["releases"][0]


def test_two_changes_in_one_second_are_two_releases_with_their_own_ids(client, clock, buyer, package_validator):
    admin, org = buyer
    need = _publish(admin, org)
    first = _current(client, need)
    collected = [first]
    for value in (1_000_000, 2_000_000):  # both in the second after publication
        clock.now += timedelta(milliseconds=300)
        services.update_need(admin, need, {"value_max_nok": value})
        db.session.commit()
        collected.append(_current(client, need))
    assert first["date"][:19] == collected[-1]["date"][:19]
    assert len({r["id"] for r in collected}) == 3, [r["id"] for r in collected]
    assert [r["date"] for r in collected] == sorted(r["date"] for r in collected)
    assert [r["tender"]["value"]["amount"] for r in collected[1:]] == [1_000_000, 2_000_000]
    # The same release keeps its id (a harvester asking again sees nothing new) …
    assert _current(client, need) == collected[-1]
    # … and the record holds exactly the releases a harvester collected.
    record_body = client.get(f"/api/v1/ocds/records/{need.id}").get_json()
    assert record_body["records"][0]["releases"] == collected
    assert record_body["records"][0]["compiledRelease"]["tender"]["value"]["amount"] == 2_000_000
    assert_valid(package_validator, client.get(f"/api/v1/ocds/releases/{need.id}").get_json())


def test_announced_and_awarded_need_moves_to_tender_and_award_with_the_doffin_notice(client, clock, buyer):
    admin, org = buyer
    need = _publish(admin, org, procedure=Procedure.INNOVATION_PARTNERSHIP, deadline=date(2027, 1, 15),
                    planned_notice_date=date(2026, 12, 1))
    planned = _current(client, need)
    assert planned["tag"] == ["planning"] and planned["tender"]["status"] == "planning"
    assert planned["tender"]["procurementMethodDetails"] == "Innovasjonspartnerskap"
    assert planned["tender"]["tenderPeriod"] == {"startDate": "2026-12-01T00:00:00Z",
                                                 "endDate": "2027-01-15T23:59:59+01:00"}
    clock.now += timedelta(hours=1)
    services.change_status(admin, need, NeedStatus.ANNOUNCED, doffin_reference="2026-104321")
    db.session.commit()
    announced = _current(client, need)
    assert announced["tag"] == ["tender"] and announced["tender"]["status"] == "active"
    assert announced["tender"]["tenderPeriod"]["startDate"] == announced["date"][:19] + "Z"
    assert announced["tender"]["documents"] == [{
        "id": "doffin-notice", "documentType": "tenderNotice", "language": "nb",
        "title": "Kunngjøring i Doffin: 2026-104321", "url": "https://www.doffin.no/notices/2026-104321"}]
    # Reference and status were one change: one release, not one per field.
    record = client.get(f"/api/v1/ocds/records/{need.id}").get_json()["records"][0]
    assert [r["tag"] for r in record["releases"]] == [["planning"], ["tender"]]
    clock.now += timedelta(hours=1)
    services.change_status(admin, need, NeedStatus.AWARDED)
    db.session.commit()
    awarded = _current(client, need)
    assert awarded["tag"] == ["award"] and awarded["tender"]["status"] == "complete"
    assert awarded["awards"] == [{"id": f"{awarded['ocid']}-award", "title": "Smart renhold",
                                  "status": "active", "date": awarded["date"][:19] + "Z"}]


def test_imported_doffin_notice_is_an_active_tender_dated_when_doffin_published_it(client, app):
    import_doffin_notice({"title": "Brøyting", "description": "Brøyting av kommunale veier.",
                          "cpv_main": "90620000", "cpv_additional": [], "buyer": "Tysvær Kommune",
                          "buyer_orgnr": "964979812", "place": "AKSDAL", "published": "2020-09-02",
                          "deadline": "2020-10-05"})
    db.session.commit()
    need = db.session.scalar(db.select(Need))
    rel = _current(client, need)
    assert rel["date"] == "2020-09-02T12:00:00.000000Z"  # not the day it was imported
    assert rel["tag"] == ["tender"] and rel["tender"]["status"] == "active"
    assert rel["tender"]["tenderPeriod"] == {"startDate": "2020-09-02T12:00:00Z",
                                             "endDate": "2020-10-05T23:59:59+02:00"}


def test_a_dialogue_event_held_is_a_new_release_and_the_earlier_one_is_unchanged(client, clock, buyer):
    admin, org = buyer
    need = _publish(admin, org)
    event = make_event(need, starts=clock.now + timedelta(hours=2))
    event.created_dt = event.updated_dt = clock.now + timedelta(hours=1)
    db.session.commit()
    record = client.get(f"/api/v1/ocds/records/{need.id}").get_json()["records"][0]
    added, held = record["releases"][1:]
    assert added["planning"]["milestones"][0]["status"] == "scheduled"
    assert held["planning"]["milestones"][0]["status"] == "met"
    assert held["date"].startswith(event.starts_dt.strftime("%Y-%m-%dT%H:%M:%S"))
    assert json.dumps(record["releases"][0]).count("milestones") == 0


@pytest.mark.shared
def test_compiling_uses_the_standards_own_merge_rules(app):
    from ocdsmerge.rules import get_merge_rules

    from portal.opendata.ocds_records import MERGE_RULES

    schema = json.loads(shared_path("data", "ocds-1.1.5", "release-schema.json").read_text(encoding="utf-8"))
    assert MERGE_RULES == get_merge_rules(schema)
