"""`flask import suppliers FILE.jsonl`: created, updated, bad lines, demo data."""

import json

from sqlalchemy import func, select

from portal.extensions import db
from portal.organisations.models import Organisation, OrgKind, VerificationStatus
from portal.suppliers.importer import profile_by_external_id
from portal.suppliers.models import SupplierProfile

ROWS = [
    {"external_id": "x-1", "name": "Fjellrenhold AS", "description": "Vi vasker.", "cpv": ["90910000-9"],
     "municipalities": ["0301", "4601"], "size": "small", "social_enterprise": False,
     "certifications": ["Miljøfyrtårn", "ISO 14001"], "orgnr": "923609016"},
    {"external_id": "x-2", "name": "Arbeid For Alle SA", "description": "Inkludering.", "cpv": ["45000000"],
     "municipalities": [], "size": "micro", "social_enterprise": True, "certifications": []},
]


def write(tmp_path, lines, name="s.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
                              for line in lines) + "\n", encoding="utf-8")
    return str(path)


def test_import_creates_imported_verified_organisations(runner, tmp_path):
    result = runner.invoke(args=["import", "suppliers", write(tmp_path, ROWS)])
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, 0 bad lines" in result.output
    p1 = profile_by_external_id("x-1")
    org = p1.organisation
    assert org.is_imported and org.verification == VerificationStatus.VERIFIED and org.kind == OrgKind.BEDRIFT
    assert org.orgnr == "923609016"
    assert p1.cpv_codes == ["90910000"] and p1.municipality_numbers == ["0301", "4601"]
    assert {c.name for c in p1.certifications} == {"miljofyrtarn", "iso14001"}
    p2 = profile_by_external_id("x-2")
    assert p2.is_nationwide and p2.organisation.kind == OrgKind.SOSIAL_ENTREPRENOR and p2.is_social_enterprise


def test_rerun_updates_and_never_duplicates(runner, tmp_path):
    runner.invoke(args=["import", "suppliers", write(tmp_path, ROWS)])
    changed = [dict(ROWS[0], name="Fjellrenhold Vest AS", municipalities=["5001"], certifications=[])] + ROWS[1:]
    result = runner.invoke(args=["import", "suppliers", write(tmp_path, changed, "b.jsonl")])
    assert "created 0, updated 2" in result.output
    assert db.session.scalar(select(func.count(SupplierProfile.id))) == 2
    db.session.expire_all()
    p1 = profile_by_external_id("x-1")
    assert p1.name == "Fjellrenhold Vest AS" and p1.municipality_numbers == ["5001"] and not p1.certifications


def test_bad_lines_are_reported_with_line_numbers(runner, tmp_path):
    lines = [
        ROWS[0],
        "{not json",
        {"external_id": "x-3", "name": "Uten gyldig størrelse", "size": "huge"},
        "",
        {"external_id": "x-4", "name": "Feil kommune", "municipalities": ["9999"]},
        {"external_id": "x-5", "name": "Feil CPV", "cpv": ["12345678"]},
        {"name": "Mangler id"},
        {"external_id": "x-6", "name": "Ukjent sertifikat", "certifications": ["Gullmerket"]},
        {"external_id": "x-7", "name": "Ugyldig orgnr blir bare utelatt", "orgnr": "123456789"},
        [1, 2],
    ]
    result = runner.invoke(args=["import", "suppliers", write(tmp_path, lines)])
    out = result.output
    for n in (2, 3, 5, 6, 7, 8, 10):
        assert f"line {n}:" in out, out
    assert "line 9:" not in out and "line 1:" not in out
    assert "created 2, updated 0, 7 bad lines" in out
    assert profile_by_external_id("x-7").organisation.orgnr is None
    assert profile_by_external_id("x-3") is None


def test_orgnr_already_taken_is_left_out(runner, tmp_path):
    from tests.factories import make_org

    existing = make_org(name="Har nummeret")
    db.session.commit()
    row = dict(ROWS[0], orgnr=existing.orgnr)
    runner.invoke(args=["import", "suppliers", write(tmp_path, [row])])
    assert profile_by_external_id("x-1").organisation.orgnr is None


def test_missing_file_is_a_clear_error(runner):
    result = runner.invoke(args=["import", "suppliers", "/nonexistent.jsonl"])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_demo_suppliers_load_through_the_importer(app):
    from portal.suppliers import demo

    demo.load()
    db.session.commit()
    profiles = db.session.scalars(select(SupplierProfile)).all()
    assert len(profiles) >= 36
    divisions = {c.code[:2] for p in profiles for c in p.cpvs}
    assert {"45", "72", "79", "85", "90", "33", "34", "71", "80", "55"} <= divisions
    assert sum(p.is_social_enterprise for p in profiles) >= 6
    counties = {a.county for p in profiles for a in p.areas}
    assert len(counties) >= 12
    from stdnum.no import orgnr

    numbers = [o for o in db.session.scalars(select(Organisation.orgnr)) if o]
    assert numbers and all(orgnr.is_valid(o) for o in numbers)
    demo.load()  # idempotent
    db.session.commit()
    assert db.session.scalar(select(func.count(SupplierProfile.id))) == len(profiles)
