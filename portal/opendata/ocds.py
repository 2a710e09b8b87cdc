"""Public needs and planned procurements as OCDS 1.1 releases, one per change, following the lifecycle."""

import hashlib
import json
import re
from datetime import UTC, date, datetime, time
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.dialogue.models import DialogueEvent, EventStatus, Visibility
from portal.dialogue.slots import OSLO
from portal.needs.labels import PROCEDURE_LABELS
from portal.needs.models import Need, NeedCoBuyer, NeedStatus, Procedure
from portal.opendata.ocds_history import Snapshot, events_by_need, is_doffin_notice, snapshots, stage
from portal.organisations.models import Organisation
from portal.reference import counties, county_of, cpv_label, municipality_name
from portal.text import plain_text as _plain_text

OCDS_VERSION = "1.1"
LICENSE = "https://data.norge.no/nlod/no/2.0"
# Our procedures on the closed OCDS method codelist (open / selective / limited / direct).
METHODS = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.NEGOTIATED: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.PRE_COMMERCIAL: "selective",
    Procedure.SMALL_PURCHASE: "direct",
}
GOODS_DIVISIONS = {f"{n:02d}" for n in range(3, 45)} | {"48"}
# tender.status per lifecycle stage, or per (stage, need status) where the status decides.
TENDER_STATUS: dict[str | tuple[str, NeedStatus], str] = {
    "planning": "planning", ("planning", NeedStatus.CLOSED): "withdrawn",
    "tender": "active", ("tender", NeedStatus.CLOSED): "complete",
    "award": "complete", "cancellation": "cancelled",
}
DOFFIN_ID = re.compile(r"\d{4}-\d{4,7}")


# Every release of a need repeats its texts: render each Markdown text once.
plain_text = lru_cache(maxsize=256)(_plain_text)


def iso(value) -> str | None:
    """An aware (or naive UTC) datetime as RFC 3339 with Z."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"{value.isoformat()}T00:00:00Z"  # a date: midnight UTC


def iso_precise(value: datetime) -> str:
    """A release date to the microsecond, always 6 digits: two changes in one second still sort in order."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def ocid(need: Need) -> str:
    return f"{current_app.config['OCDS_OCID_PREFIX']}-{need.id}"


def public_needs_stmt():
    """Every need the public can see (not drafts), oldest first so pages stay stable."""
    return (select(Need).where(Need.status != NeedStatus.DRAFT).order_by(Need.id)
            .options(selectinload(Need.organisation), selectinload(Need.cpvs), selectinload(Need.changes),
                     selectinload(Need.co_buyers).selectinload(NeedCoBuyer.organisation)))


def party_id(org: Organisation) -> str:
    return f"NO-BRC-{org.orgnr}" if org.orgnr else f"moteplassen-org-{org.id}"


def party(org: Organisation, roles: list[str]) -> dict:
    data = {"id": party_id(org), "name": org.name, "roles": roles}
    if org.orgnr:
        data["identifier"] = {"scheme": "NO-BRC", "id": org.orgnr, "legalName": org.name}
    if org.municipality:
        county = county_of(org.municipality)
        data["address"] = {"locality": municipality_name(org.municipality),
                           "region": counties().get(county or "", ""), "countryName": "Norge"}
    if org.website:
        data["details"] = {"url": org.website}
    return data


def _classification(code: str) -> dict:
    return {"scheme": "CPV", "id": code, "description": cpv_label(code)}


def _budget(need: Need) -> dict | None:
    low, high = need.value_min_nok, need.value_max_nok
    if low is None and high is None:
        return None
    amount = high if high is not None else low
    if low is not None and high is not None and low != high:
        text = f"Anslått verdi {low:,} – {high:,} NOK".replace(",", " ")
    else:
        text = f"Anslått verdi {amount:,} NOK".replace(",", " ")
    return {"description": text, "amount": {"amount": amount, "currency": "NOK"}}


def milestone(event: DialogueEvent, at: datetime) -> dict:
    """A dialogue event as an engagement milestone as of `at` (invitation-only events without their title)."""
    starts = event.starts_dt or min((s.starts_dt for s in event.slots), default=None)
    if event.status == EventStatus.CANCELLED:
        status = "notMet"
    elif starts is not None and starts <= at:
        status = "met"
    else:
        status = "scheduled"
    public = event.visibility == Visibility.PUBLIC
    data = {
        "id": f"event-{event.id}",
        "type": "engagement",
        "code": "marketDialogue",
        "title": event.title if public else "Markedsdialog for inviterte leverandører",
        "dueDate": iso(starts),
        "status": status,
        "dateModified": iso(event.updated_dt) if event.updated_dt <= at else None,
    }
    if status == "met":
        data["dateMet"] = iso(starts)
    if public and event.agenda_md:
        data["description"] = plain_text(event.agenda_md)[:2000]
    return {k: v for k, v in data.items() if v is not None}


def end_of_day(day: date) -> str:
    """A deadline date as the end of that day in Norway (offers are due that day)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO).isoformat()


def doffin_document(reference: str) -> dict:
    """The Doffin competition notice as a tender document (linked when the reference is a notice id)."""
    doc = {"id": "doffin-notice", "documentType": "tenderNotice", "language": "nb",
           "title": f"Kunngjøring i Doffin: {reference}"}
    if DOFFIN_ID.fullmatch(reference):
        doc["url"] = f"https://www.doffin.no/notices/{reference}"
    elif reference.startswith("https://"):
        doc["url"] = reference
    return doc


def _tender(need: Need, snap: Snapshot, stage: str) -> dict:
    codes = snap.cpv_codes
    item: dict = {"id": "1", "description": snap.title}
    if codes:
        item["classification"] = _classification(codes[0])
        if codes[1:]:
            item["additionalClassifications"] = [_classification(c) for c in codes[1:]]
    tender: dict = {
        "id": f"{ocid(need)}-tender",
        "title": snap.title,
        "description": snap.summary or plain_text(snap.problem_md)[:600],
        "status": TENDER_STATUS.get((stage, snap.status), TENDER_STATUS[stage]),
        "items": [item],
    }
    if codes:
        division = codes[0][:2]
        tender["mainProcurementCategory"] = (
            "works" if division == "45" else "goods" if division in GOODS_DIVISIONS else "services")
    if snap.procedure:
        tender["procurementMethod"] = METHODS[snap.procedure]
        with force_locale("nb"):
            tender["procurementMethodDetails"] = str(PROCEDURE_LABELS[snap.procedure])
    period = {}
    if snap.tender_dt is not None:  # announced: the competition opened then
        period["startDate"] = iso(snap.tender_dt)
    elif snap.planned_notice_date:
        period["startDate"] = iso(snap.planned_notice_date)
    if snap.deadline:
        period["endDate"] = end_of_day(snap.deadline)
    if period:
        tender["tenderPeriod"] = period
    if snap.planned_contract_start:
        tender["contractPeriod"] = {"startDate": iso(snap.planned_contract_start)}
    if snap.value_min_nok is not None:
        tender["minValue"] = {"amount": snap.value_min_nok, "currency": "NOK"}
    if snap.value_max_nok is not None:
        tender["value"] = {"amount": snap.value_max_nok, "currency": "NOK"}
    if snap.doffin_reference:
        tender["documents"] = [doffin_document(snap.doffin_reference)]
    return tender


def _tag(snap: Snapshot, stage: str) -> list[str]:
    if stage == "cancellation":
        return ["tenderCancellation"]
    return [stage if stage != snap.previous_stage else f"{stage}Update"]


def _release(need: Need, snap: Snapshot) -> dict:
    """The release for the need as it stood at `snap.at`; its id is a digest of everything it says."""
    org = need.organisation
    doffin_notice = is_doffin_notice(need)
    now_stage = stage(snap, doffin_notice)
    planning: dict = {
        "rationale": plain_text(snap.problem_md) or snap.summary or snap.title,
        "documents": [{"id": "need-page", "documentType": "plannedProcurementNotice", "title": snap.title,
                       "language": "nb", "url": f"{current_app.config['BASE_URL']}/behov/{need.id}"}],
    }
    budget = _budget(snap)
    if budget:
        planning["budget"] = budget
    if snap.events:
        planning["milestones"] = [milestone(e, snap.at) for e in snap.events]
    parties = [party(org, ["buyer"])] + [party(o, ["buyer"]) for o in snap.co_buyers]
    body = {
        "ocid": ocid(need),
        "date": iso_precise(snap.at),
        "tag": _tag(snap, now_stage),
        "initiationType": "tender",
        "language": "nb",
        "buyer": {"id": party_id(org), "name": org.name},
        "parties": parties,
        "planning": planning,
        "tender": _tender(need, snap, now_stage),
    }
    if snap.award_dt is not None:
        body["awards"] = [{"id": f"{ocid(need)}-award", "title": snap.title, "status": "active",
                           "date": iso(snap.award_dt)}]
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return {"ocid": body["ocid"], "id": f"{body['ocid']}-{digest[:16]}", **body}


def releases(need: Need, now: datetime | None = None, events: list[DialogueEvent] | None = None) -> list[dict]:
    """Every release of a public need, oldest first: one per change, each with a stable, unique id."""
    if events is None:
        events = events_by_need([need])[need.id]
    return [_release(need, snap) for snap in snapshots(need, now or datetime.now(UTC), events)]


def current_releases(needs: list[Need]) -> list[dict]:
    """The latest release of each need."""
    events = events_by_need(needs)
    return [releases(n, events=events[n.id])[-1] for n in needs]


def package(releases: list[dict], uri: str, links: dict | None = None) -> dict:
    """A release package around `releases` (published = newest release date)."""
    published = max((r["date"] for r in releases), default=iso(datetime.now(UTC)))
    data = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published,
        "publisher": {"name": "Møteplassen", "uri": current_app.config["BASE_URL"] + "/"},
        "license": LICENSE,
        "releases": releases,
    }
    if links:
        data["links"] = links
    return data
