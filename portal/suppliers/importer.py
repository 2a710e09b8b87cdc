"""Import suppliers from JSON Lines: one object per line, idempotent by external_id."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from stdnum.no import orgnr as orgnr_check

from portal.db import db, utcnow
from portal.importing import ImportReport, RowError, read_jsonl, run_import
from portal.organisations.models import Organisation, OrgKind, OrgSide, VerificationStatus
from portal.reference import counties, municipalities, normalise_cpv
from portal.suppliers import services
from portal.suppliers.choices import certification_key
from portal.suppliers.models import SizeClass, SupplierProfile

SIZES = {s.value for s in SizeClass}


def _str(obj: dict, key: str, required: bool = False, max_len: int = 100_000) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            raise RowError(f"missing field {key!r}")
        return ""
    if not isinstance(value, str):
        raise RowError(f"{key!r} must be a string")
    value = value.strip()
    if required and not value:
        raise RowError(f"{key!r} must not be empty")
    if len(value) > max_len:
        raise RowError(f"{key!r} is longer than {max_len} characters")
    return value


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RowError(f"{key!r} must be a list")
    return value


def parse_row(obj: dict) -> dict:
    """Validate one supplier object; raise RowError with the reason."""
    external_id = _str(obj, "external_id", required=True, max_len=100)
    name = _str(obj, "name", required=True, max_len=200)
    cpv = []
    for code in _list(obj, "cpv"):
        norm = normalise_cpv(code) if isinstance(code, str) else None
        if norm is None:
            raise RowError(f"unknown CPV code {code!r}")
        cpv.append(norm)
    munis, county_list = [], []
    for number in _list(obj, "municipalities"):
        number = str(number).strip() if isinstance(number, str | int) and not isinstance(number, bool) else None
        if number in municipalities():
            munis.append(number)
        elif number in counties():
            county_list.append(number)
        else:
            raise RowError(f"unknown municipality number {number!r}")
    size = obj.get("size")
    if size is not None and size not in SIZES:
        raise RowError(f"size must be one of micro, small, medium, large (got {size!r})")
    social = obj.get("social_enterprise", False)
    if not isinstance(social, bool):
        raise RowError("'social_enterprise' must be true or false")
    certs = {}
    for cert in _list(obj, "certifications"):
        key = certification_key(cert)
        if key is None:
            raise RowError(f"unknown certification {cert!r}")
        certs[key] = None
    orgnr = obj.get("orgnr")
    orgnr = orgnr_check.compact(orgnr) if isinstance(orgnr, str) and orgnr_check.is_valid(orgnr) else None
    return {
        "external_id": external_id, "name": name, "description": _str(obj, "description"),
        "cpv": cpv, "municipalities": munis, "counties": county_list, "size": size,
        "social_enterprise": social, "certifications": certs, "orgnr": orgnr,
    }


def import_supplier(obj: dict) -> bool:
    """Create or update the organisation and profile for one row; return True if created."""
    row = parse_row(obj)
    profile = db.session.scalar(
        select(SupplierProfile).join(SupplierProfile.organisation)
        .where(Organisation.external_id == row["external_id"])
        .options(selectinload(SupplierProfile.cpvs), selectinload(SupplierProfile.areas),
                 selectinload(SupplierProfile.certifications))
    )
    org = profile.organisation if profile else db.session.scalar(
        select(Organisation).where(Organisation.external_id == row["external_id"]))
    created = org is None
    if created:
        org = Organisation(external_id=row["external_id"], is_imported=True, side=OrgSide.SUPPLIER,
                           verification=VerificationStatus.VERIFIED, verified_dt=utcnow())
        db.session.add(org)
    elif org.side != OrgSide.SUPPLIER:
        raise RowError(f"external_id {row['external_id']!r} belongs to a buyer organisation")
    org.name = row["name"]
    org.kind = OrgKind.SOSIAL_ENTREPRENOR if row["social_enterprise"] else OrgKind.BEDRIFT
    if row["orgnr"] and org.orgnr != row["orgnr"]:
        taken = db.session.scalar(select(Organisation.id).where(Organisation.orgnr == row["orgnr"]))
        if taken is None:
            org.orgnr = row["orgnr"]
    if profile is None:
        # a new organisation (or an imported one without profile yet): no child rows to load
        profile = SupplierProfile(organisation=org, cpvs=[], areas=[], certifications=[], references=[])
        db.session.add(profile)
    profile.capability_md = row["description"]
    profile.size = SizeClass(row["size"]) if row["size"] else None
    profile.is_social_enterprise = row["social_enterprise"]
    services.set_cpvs(profile, row["cpv"])
    nationwide = not row["municipalities"] and not row["counties"]
    services.set_areas(profile, nationwide, row["counties"], row["municipalities"])
    old = {c.name: c.valid_until for c in profile.certifications}
    services.set_certifications(profile, {k: old.get(k) for k in row["certifications"]})
    db.session.flush()
    services.profile_changed(profile)
    # Keep the identity map small: a flush looks at every object in it (thousands of rows per file).
    db.session.expunge(profile)
    db.session.expunge(org)
    return created


def import_file(path: Path) -> ImportReport:
    return run_import(read_jsonl(path), import_supplier, "suppliers")


def profile_by_external_id(external_id: str) -> SupplierProfile | None:
    return db.session.scalar(
        select(SupplierProfile).join(SupplierProfile.organisation).where(Organisation.external_id == external_id)
    )
