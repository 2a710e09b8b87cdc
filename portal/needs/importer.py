"""Import Doffin notices and JSON Lines needs: idempotent by external id, one row at a time."""

import hashlib
import json
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from sqlalchemy import select
from stdnum.no import orgnr as orgnr_check

from portal.db import db, utcnow
from portal.importing import RowError, read_jsonl
from portal.needs import services
from portal.needs.models import Need, NeedKind, NeedStatus
from portal.organisations.models import Organisation, OrgKind, OrgSide, VerificationStatus
from portal.reference import municipalities
from portal.text import plain_text

SUMMARY_CHARS = 300


@cache
def _municipality_names() -> dict[str, str]:
    """Lower-case name → number, leaving out names shared by two municipalities (Herøy, Våler)."""
    seen: dict[str, list[str]] = {}
    for number, (name, _county) in municipalities().items():
        seen.setdefault(name.lower(), []).append(number)
    return {name: nums[0] for name, nums in seen.items() if len(nums) == 1}


def match_municipality(value) -> str | None:
    """A 2024 municipality number from '4601', 4601, 'Bergen', 'OSLO' or 'KRISTIANSAND S'; else None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if text.isdigit():
        text = text.zfill(4)
        return text if text in municipalities() else None
    name = " ".join(text.lower().split())
    found = _municipality_names().get(name)
    if not found and len(name) > 2 and name[-2] == " ":  # postal suffixes: "KRISTIANSUND N"
        found = _municipality_names().get(name[:-2])
    return found


def valid_orgnr(value) -> str | None:
    text = str(value or "").replace(" ", "")
    return text if text and orgnr_check.is_valid(text) else None


def org_kind_from_name(name: str) -> OrgKind:
    lower = name.lower()
    if "fylkeskommune" in lower:
        return OrgKind.FYLKESKOMMUNE
    if "kommune" in lower:
        return OrgKind.KOMMUNE
    if "helse" in lower or "sykehus" in lower:
        return OrgKind.HELSEFORETAK
    return OrgKind.ANNEN_OFFENTLIG


def find_or_create_buyer(name: str, orgnr: str | None, municipality: str | None) -> Organisation:
    """By valid orgnr, else by exact name among imported organisations, else a new imported one."""
    orgnr = valid_orgnr(orgnr)
    org = None
    if orgnr:
        org = db.session.scalar(select(Organisation).where(Organisation.orgnr == orgnr))
    if org is None:
        org = db.session.scalar(
            select(Organisation).where(Organisation.name == name, Organisation.is_imported.is_(True)).limit(1)
        )
        if org is not None and orgnr and org.orgnr is None:
            org.orgnr = orgnr
    if org is None:
        kind = org_kind_from_name(name)
        # Imported organisations are not verified: nobody has claimed them yet.
        org = Organisation(name=name, orgnr=orgnr, kind=kind, side=OrgSide.BUYER, municipality=municipality,
                           is_imported=True, verification=VerificationStatus.PENDING)
        db.session.add(org)
        db.session.flush()
    elif not org.is_buyer:
        raise RowError(f"organisation {org.name!r} ({org.orgnr}) is a supplier, not a buyer")
    return org


def upsert_imported_need(external_id: str, org: Organisation, data: dict, published_dt: datetime,
                         notice: bool = False) -> bool:
    """Create a published need or update the one with this external id; return whether created.

    External ids belong to an organisation. A Doffin notice's id (`notice`) names one notice wherever its
    buyer resolves on a later run, so that need is found among all imported needs and moved, never
    published twice."""
    owner = Need.is_imported.is_(True) if notice else Need.organisation_id == org.id
    need = db.session.scalar(select(Need).where(owner, Need.external_id == external_id).order_by(Need.id).limit(1))
    if need is not None and need.organisation_id != org.id:
        need.organisation = org
    if need is None:
        need = Need(external_id=external_id, organisation=org, status=NeedStatus.DRAFT, is_imported=True,
                    title="")
        try:
            services.apply_fields(None, need, data)  # still a draft: no change history for the first version
        except services.NeedError as exc:
            raise RowError(exc.message) from exc
        need.status, need.published_dt, need.status_changed_dt = NeedStatus.PUBLISHED, published_dt, published_dt
        db.session.add(need)
        db.session.flush()
        services.changed(need)
        return True
    try:
        services.update_need(None, need, data)
    except services.NeedError as exc:
        raise RowError(exc.message) from exc
    return False


def _summary(description: str) -> str:
    text = " ".join(plain_text(description).split())
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _str(obj: dict, key: str, required: bool = False, max_len: int | None = None) -> str | None:
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowError(f"{key} is missing")
        return None
    if not isinstance(value, str):
        raise RowError(f"{key} must be a string")
    value = value.strip()
    if max_len and len(value) > max_len:
        raise RowError(f"{key} is longer than {max_len} characters")
    return value


def _cpv_codes(values) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RowError("cpv must be a list of strings")
    codes = []
    for value in values:
        code = services.normalise_cpv(value)
        if code is None:
            raise RowError(f"unknown CPV code {value!r}")
        codes.append(code)
    return codes


def doffin_external_id(obj: dict) -> str:
    key = "|".join(str(obj.get(k) or "") for k in ("buyer", "title", "published"))
    return "doffin-" + hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def _date(value, key: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise RowError(f"{key} is not a date (YYYY-MM-DD)") from exc


def import_doffin_notice(obj: dict) -> bool:
    """One notice from doffin_notices_2020.json → a published planned procurement."""
    title = _str(obj, "title", required=True, max_len=200)
    buyer = _str(obj, "buyer", required=True, max_len=200)
    published = _date(obj.get("published"), "published")
    description = _str(obj, "description") or ""
    municipality = match_municipality(obj.get("place"))
    org = find_or_create_buyer(buyer, obj.get("buyer_orgnr"), municipality)
    additional = obj.get("cpv_additional") or []
    main = _cpv_codes([obj["cpv_main"]] if obj.get("cpv_main") else [])
    data = {
        "kind": NeedKind.PLANNED_PROCUREMENT, "title": title, "summary": _summary(description),
        "problem_md": description, "cpv_main": main[0] if main else None,
        "cpv_additional": _cpv_codes(additional), "places": [municipality] if municipality else [],
        "deadline": _date(obj.get("deadline"), "deadline"),
    }
    published_dt = datetime.combine(published, time(12), tzinfo=UTC) if published else utcnow()
    return upsert_imported_need(doffin_external_id(obj), org, data, published_dt, notice=True)


def import_need_row(obj: dict) -> bool:
    """One line of a needs JSON Lines file → a published need."""
    external_id = _str(obj, "external_id", required=True, max_len=100)
    title = _str(obj, "title", required=True, max_len=200)
    buyer = _str(obj, "buyer", required=True, max_len=200)
    description = _str(obj, "description") or ""
    codes = _cpv_codes(obj.get("cpv"))
    value = obj.get("estimated_value_nok")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise RowError("estimated_value_nok must be a whole number of kroner, 0 or more")
    innovation = obj.get("innovation", False)
    if innovation is None:
        innovation = False
    if not isinstance(innovation, bool):
        raise RowError("innovation must be true or false")
    kind = obj.get("kind") or "need"
    if kind not in {k.value for k in NeedKind}:
        raise RowError("kind must be 'need' or 'planned_procurement'")
    municipality = match_municipality(obj.get("municipality"))
    buyer_orgnr = obj.get("buyer_orgnr")
    org = find_or_create_buyer(buyer, buyer_orgnr if isinstance(buyer_orgnr, str | int) else None, municipality)
    data = {
        "kind": kind, "title": title, "summary": _summary(description), "problem_md": description,
        "cpv_main": codes[0] if codes else None, "cpv_additional": codes[1:],
        "places": [municipality] if municipality else [], "value_min_nok": value, "value_max_nok": value,
        "is_innovation": innovation,
    }
    return upsert_imported_need(external_id, org, data, utcnow())


def read_doffin(path: Path) -> list[tuple[int, object]]:
    """(line where it starts, notice) for each notice of a JSON array (JSON Lines also accepted)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    start = len(text) - len(text.lstrip())
    if not text[start:start + 1] == "[":
        return read_jsonl(path)
    decoder, rows, pos = json.JSONDecoder(), [], start + 1
    while True:
        pos = _skip_ws(text, pos)
        if text[pos:pos + 1] == "]":
            return rows
        line = text.count("\n", 0, pos) + 1
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            rows.append((line, RowError(f"invalid JSON: {exc.msg}; the rest of the file was not read")))
            return rows
        rows.append((line, obj))
        pos = _skip_ws(text, pos)
        if text[pos:pos + 1] == ",":
            pos += 1
        elif text[pos:pos + 1] != "]":
            rows.append((text.count("\n", 0, pos) + 1, RowError("expected ',' or ']' between notices")))
            return rows


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
