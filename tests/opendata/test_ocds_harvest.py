"""What a harvester collects over a lifecycle passes the OCDS checks, and compiles to /api/v1/ocds/records.

The Doffin notices are imported, needs are taken through every status (two changes in one second),
and after each change the release list is collected as a harvester would. The collected releases are
checked with the official 1.1.5 schema and with lib-cove-ocds (the Open Contracting Partnership's own
checker, run offline), and compiled with ocdskit, which must give what the records endpoint publishes.
"""

import json
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta

import pytest

from portal.extensions import db
from portal.needs import services
from portal.needs.models import Need, NeedStatus, Procedure
from portal.opendata.ocds import ocid
from tests.conftest import shared_path
from tests.factories import make_org, make_user
from tests.opendata.data import assert_valid

SAMPLE_EVERY = 8  # 157 of the 1,252 notices: all kinds of text, with and without a deadline
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": ""}


def _harvest(client, seen: dict) -> None:
    """Collect every release of the current list (all pages); an id seen before must mean the same release."""
    url = "/api/v1/ocds/releases?limit=100"
    while url:
        body = client.get(url).get_json()
        for rel in body["releases"]:
            key = (rel["ocid"], rel["id"])
            assert seen.setdefault(key, rel) == rel, f"two different releases with one id: {key}"
        url = body["links"].get("next")


def _records(client) -> dict:
    out, url = {}, "/api/v1/ocds/records?limit=100"
    while url:
        body = client.get(url).get_json()
        out |= {r["ocid"]: r for r in body["records"]}
        url = body["links"].get("next")
    return out


def _standard_zip(tmp_path):
    """The 1.1.5 schema from ../shared laid out as lib-cove-ocds reads a standard zip (nothing copied into git)."""
    folder = shared_path("data", "ocds-1.1.5")
    path = tmp_path / "standard.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("standard-1__1__5/", "standard-1__1__5/schema/", "standard-1__1__5/schema/codelists/"):
            zf.writestr(name, "")
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                zf.write(file, f"standard-1__1__5/schema/{file.relative_to(folder).as_posix()}")
    return path


def _lib_cove(tmp_path, package: dict) -> dict:
    data = tmp_path / "releases.json"
    data.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "libcoveocds", "-s", "1.1", "--standard-zip", str(_standard_zip(tmp_path)),
         "-o", str(tmp_path / "cove"), "-e", str(data)],
        capture_output=True, text=True, timeout=600, env={**os.environ, **OFFLINE}, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    (tmp_path / "cove.json").write_text(result.stdout, encoding="utf-8")  # kept for a failing run
    return json.loads(result.stdout)


def _ocdskit_compile(package: dict) -> dict:
    schema = shared_path("data", "ocds-1.1.5", "release-schema.json")
    result = subprocess.run([sys.executable, "-m", "ocdskit", "compile", "--package", "--schema", str(schema)],
                            input=json.dumps(package), capture_output=True, text=True, timeout=600,
                            env={**os.environ, **OFFLINE}, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return {r["ocid"]: r for r in json.loads(result.stdout)["records"]}


@pytest.fixture
def imported(runner, tmp_path) -> list[dict]:
    """A sample of the real Doffin notices, imported with `flask import doffin`."""
    notices = json.loads(shared_path("data", "doffin_notices_2020.json").read_text(encoding="utf-8"))
    sample = notices[::SAMPLE_EVERY]
    path = tmp_path / "doffin.json"
    path.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import", "doffin", str(path)])
    assert result.exit_code == 0, result.output
    return sample


def _lifecycle(client, clock, seen: dict) -> dict:
    """Three needs through every status; a harvest after each change. Returns the needs by name."""
    admin = make_user()
    org = make_org(name="Bergen kommune", municipality="4601", admins=[admin])
    base = clock.now
    needs = {}

    def step(hours: float, action) -> None:
        clock.now = base + timedelta(hours=hours)
        action()
        db.session.commit()
        _harvest(client, seen)

    data = {"title": "Smart renhold", "summary": "Sensorer styrer renholdet", "problem_md": "Vi vasker for ofte.",
            "cpv_main": "90910000", "cpv_additional": ["90911200"], "procedure": Procedure.INNOVATION_PARTNERSHIP,
            "value_min_nok": 1_000_000, "value_max_nok": 3_000_000, "planned_notice_date": date(2027, 1, 15),
            "deadline": date(2027, 3, 1)}
    for name in ("awarded", "cancelled", "closed"):
        needs[name] = services.create_need(admin, org, {**data, "title": f"{data['title']} ({name})"})
        step(0, lambda n=needs[name]: services.publish_need(admin, n))
    award = needs["awarded"]
    step(1, lambda: services.update_need(admin, award, {"summary": "Sensorer styrer renholdet i skolene"}))
    step(2, lambda: services.change_status(admin, award, NeedStatus.IN_DIALOGUE))
    step(3, lambda: services.change_status(admin, award, NeedStatus.ANNOUNCED, doffin_reference="2027-100123"))
    # Two changes in the same second: each must be its own release with its own id.
    step(3 + 0.3 / 3600, lambda: services.update_need(admin, award, {"deadline": date(2027, 3, 8)}))
    step(3 + 0.6 / 3600, lambda: services.update_need(admin, award, {"value_max_nok": 2_800_000}))
    step(4, lambda: services.change_status(admin, award, NeedStatus.AWARDED))
    step(5, lambda: services.cancel_need(admin, needs["cancelled"], "Behovet er dekket på annen måte."))
    step(5, lambda: services.change_status(admin, needs["closed"], NeedStatus.ANNOUNCED, doffin_reference="x-7"))
    step(6, lambda: services.change_status(admin, needs["closed"], NeedStatus.CLOSED))
    return needs


@pytest.mark.shared
def test_harvested_releases_pass_lib_cove_and_compile_to_the_records(
        client, clock, tmp_path, imported, package_validator):
    seen: dict = {}
    _harvest(client, seen)
    needs = _lifecycle(client, clock, seen)

    collected = sorted(seen.values(), key=lambda r: (r["ocid"], r["date"]))
    package = client.get("/api/v1/ocds/releases?limit=1").get_json() | {"releases": collected}
    package.pop("links")
    assert_valid(package_validator, package)
    cove = _lib_cove(tmp_path, package)
    assert cove["validation_errors"] == [], json.dumps(cove["validation_errors"], indent=1)[:3000]
    assert "Non-unique" not in json.dumps(cove)
    assert cove["count"] == len(collected)
    # Nothing a consumer would act on: no failed additional check, unknown code or undeclared field.
    assert cove["additional_checks"] == {} and cove["deprecated_fields"] == []
    assert cove["additional_closed_codelist_values"] == {} and cove["additional_open_codelist_values"] == {}
    assert cove["additional_fields"] == []

    compiled = _ocdskit_compile(package)
    records = _records(client)
    assert sorted(records) == sorted(compiled)
    for key, record in records.items():
        assert record["compiledRelease"] == compiled[key]["compiledRelease"], key
        assert [r["id"] for r in record["releases"]] == [r["id"] for r in compiled[key]["releases"]], key

    # The imported notices: announced competitions, dated when Doffin published them, deadline as end date.
    imported_ocids = {ocid(n) for n in db.session.scalars(db.select(Need).where(Need.is_imported))}
    doffin = [r for r in collected if r["ocid"] in imported_ocids]
    assert len(doffin) == len(imported_ocids) > 100  # one release each: nothing changed since the import
    assert all(r["tag"] == ["tender"] and r["tender"]["status"] == "active" for r in doffin)
    assert {r["date"][:10] for r in doffin} <= {n["published"] for n in imported}
    deadlines = [r["tender"]["tenderPeriod"]["endDate"][:10] for r in doffin if "endDate" in r["tender"]["tenderPeriod"]]
    assert len(deadlines) > 50 and set(deadlines) <= {n["deadline"] for n in imported}

    award = records[ocid(needs["awarded"])]
    tags = [r["tag"] for r in award["releases"]]
    assert tags == [["planning"], ["planningUpdate"], ["planningUpdate"], ["tender"], ["tenderUpdate"],
                    ["tenderUpdate"], ["award"]]
    same_second = award["releases"][3:6]
    assert len({r["date"][:19] for r in same_second}) == 1 and len({r["id"] for r in same_second}) == 3
    final = award["compiledRelease"]
    assert final["tender"]["status"] == "complete" and final["awards"][0]["status"] == "active"
    assert final["tender"]["procurementMethodDetails"] == "Innovasjonspartnerskap"
    assert final["tender"]["documents"][0]["url"] == "https://www.doffin.no/notices/2027-100123"
    assert final["tender"]["tenderPeriod"]["endDate"] == "2027-03-08T23:59:59+01:00"
    cancelled = records[ocid(needs["cancelled"])]["releases"][-1]
    assert cancelled["tag"] == ["tenderCancellation"] and cancelled["tender"]["status"] == "cancelled"
    closed = records[ocid(needs["closed"])]["releases"]
    assert [r["tender"]["status"] for r in closed] == ["planning", "active", "complete"]

