"""`flask import doffin` and `flask import needs`: idempotent, bad lines reported with line numbers."""

import json

from portal.extensions import db
from portal.needs.models import Need, NeedChange, NeedKind, NeedStatus
from portal.organisations.models import Organisation, OrgKind
from tests.conftest import shared_path

NOTICES = [
    {"title": "Brøyting", "description": "Brøyting & strøing av kommunale veier.", "cpv_main": "90620000",
     "cpv_additional": ["90630000"], "buyer": "Tysvær Kommune", "buyer_orgnr": "964979812", "place": "AKSDAL",
     "published": "2020-09-02", "deadline": None},
    {"title": "Legevakt", "description": "", "cpv_main": "85000000", "cpv_additional": [],
     "buyer": "Helse Bergen HF", "buyer_orgnr": "123", "place": "BERGEN", "published": "2020-10-01",
     "deadline": "2020-11-01"},
    {"title": "", "description": "mangler tittel", "cpv_main": "85000000", "cpv_additional": [],
     "buyer": "Noen", "buyer_orgnr": None, "place": "OSLO", "published": "2020-10-01", "deadline": None},
]


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_doffin_creates_buyers_and_published_planned_procurements(runner, tmp_path):
    path = _write(tmp_path, "doffin.json", json.dumps(NOTICES, indent=1, ensure_ascii=False))
    result = runner.invoke(args=["import", "doffin", path])
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, 1 bad lines" in result.output
    assert "title is missing" in result.output and "line 26:" in result.output
    needs = db.session.scalars(db.select(Need).order_by(Need.title)).all()
    assert [n.title for n in needs] == ["Brøyting", "Legevakt"]
    assert all(n.status == NeedStatus.PUBLISHED and n.kind == NeedKind.PLANNED_PROCUREMENT for n in needs)
    assert needs[0].external_id.startswith("doffin-") and needs[0].main_cpv == "90620000"
    assert needs[0].summary == "Brøyting & strøing av kommunale veier."  # the text, not HTML («&amp;»)
    assert [p.municipality for p in needs[1].places] == ["4601"]
    tysvaer = db.session.scalar(db.select(Organisation).where(Organisation.orgnr == "964979812"))
    assert tysvaer.is_imported and tysvaer.kind == OrgKind.KOMMUNE and not tysvaer.is_verified
    helse = needs[1].organisation
    assert helse.orgnr is None and helse.kind == OrgKind.HELSEFORETAK  # invalid orgnr treated as missing

    again = runner.invoke(args=["import", "doffin", path])
    assert "created 0, updated 2" in again.output
    assert db.session.scalar(db.select(db.func.count(Need.id))) == 2
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 2
    assert db.session.scalar(db.select(db.func.count(NeedChange.id))) == 0


def test_import_needs_jsonl(runner, tmp_path):
    lines = [
        {"external_id": "n-1", "title": "Trygg skolevei", "description": "Barn går langs **farlig** vei.",
         "cpv": ["45233000-9", "71311000"], "municipality": "4601", "buyer": "Bergen kommune",
         "buyer_orgnr": "964338531", "estimated_value_nok": 2500000, "innovation": True},
        {"external_id": "n-2", "title": "Planlagt kantine", "description": "", "cpv": ["55500000"],
         "municipality": "Tromsø", "buyer": "UiT", "kind": "planned_procurement"},
        "not json {",
        {"external_id": "n-3", "title": "Feil CPV", "cpv": ["99999999"], "buyer": "X"},
        {"external_id": "n-4", "title": "Feil verdi", "cpv": [], "buyer": "X", "estimated_value_nok": "mye"},
        {"title": "Mangler id", "buyer": "X"},
    ]
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    path = _write(tmp_path, "needs.jsonl", text)
    result = runner.invoke(args=["import", "needs", path])
    assert "created 2, updated 0, 4 bad lines" in result.output
    for number in (3, 4, 5, 6):
        assert f"line {number}:" in result.output
    need = db.session.scalar(db.select(Need).where(Need.external_id == "n-1"))
    assert need.status == NeedStatus.PUBLISHED and need.is_innovation and need.value_min_nok == 2500000
    assert need.cpv_codes == ["45233000", "71311000"] and need.places[0].county == "46"
    other = db.session.scalar(db.select(Need).where(Need.external_id == "n-2"))
    assert other.kind == NeedKind.PLANNED_PROCUREMENT and other.places[0].municipality == "5501"

    lines[0]["title"] = "Trygg skolevei for alle"
    path = _write(tmp_path, "needs2.jsonl", json.dumps(lines[0], ensure_ascii=False))
    result = runner.invoke(args=["import", "needs", path])
    assert "created 0, updated 1" in result.output
    db.session.expire_all()
    need = db.session.scalar(db.select(Need).where(Need.external_id == "n-1"))
    assert need.title == "Trygg skolevei for alle"
    assert [(c.field, c.old, c.new) for c in need.changes] == [("title", "Trygg skolevei", "Trygg skolevei for alle")]
    assert db.session.scalar(db.select(db.func.count(Need.id))) == 2


def test_import_real_doffin_file(runner):
    path = shared_path("data", "doffin_notices_2020.json")
    result = runner.invoke(args=["import", "doffin", str(path)])
    assert "0 bad lines" in result.output
    # The file has one exact duplicate notice; it maps onto the same external id.
    assert db.session.scalar(db.select(db.func.count(Need.id))) == 1251
    assert db.session.scalar(db.select(db.func.count(Need.id)).where(Need.status == NeedStatus.DRAFT)) == 0


def test_a_notice_whose_buyer_resolves_differently_on_a_later_run_is_moved_not_published_twice(runner, tmp_path):
    first = [{**NOTICES[0], "buyer_orgnr": None}]  # found by name first …
    later = [NOTICES[0]]  # … then with the buyer's orgnr, which another organisation has by now
    assert runner.invoke(args=["import", "doffin", _write(tmp_path, "a.json", json.dumps(first))]).exit_code == 0
    db.session.add(Organisation(name="Tysvær kommune", orgnr="964979812", kind=OrgKind.KOMMUNE, side="buyer"))
    db.session.commit()
    result = runner.invoke(args=["import", "doffin", _write(tmp_path, "b.json", json.dumps(later))])
    assert "created 0, updated 1" in result.output, result.output
    [need] = db.session.scalars(db.select(Need)).all()
    assert need.organisation.orgnr == "964979812"
