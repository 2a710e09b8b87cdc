"""Public needs and planned procurements as OCDS 1.1 planning-stage releases."""

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from portal.dialogue.models import DialogueEvent, EventStatus, Visibility
from portal.extensions import db
from portal.needs.models import Need, NeedStatus, Procedure
from portal.organisations.models import Organisation
from portal.reference import counties, county_of, cpv_label, municipality_name
from portal.text import plain_text

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


def iso(value) -> str | None:
    """An aware (or naive UTC) datetime as RFC 3339 with Z."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"{value.isoformat()}T00:00:00Z"  # a date: midnight UTC


def ocid(need: Need) -> str:
    return f"{current_app.config['OCDS_OCID_PREFIX']}-{need.id}"


def public_needs_stmt():
    """Every need the public can see (not drafts), oldest first so pages stay stable."""
    return select(Need).where(Need.status != NeedStatus.DRAFT).order_by(Need.id)


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


def _events(need: Need) -> list[DialogueEvent]:
    stmt = select(DialogueEvent).where(DialogueEvent.need_id == need.id).order_by(DialogueEvent.id)
    return list(db.session.scalars(stmt))


def milestone(event: DialogueEvent, now: datetime) -> dict:
    """A dialogue event as an engagement milestone (invitation-only events without their title)."""
    starts = event.starts_dt or min((s.starts_dt for s in event.slots), default=None)
    if event.status == EventStatus.CANCELLED:
        status = "notMet"
    elif starts is not None and starts <= now:
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
        "dateModified": iso(event.updated_dt),
    }
    if status == "met":
        data["dateMet"] = iso(starts)
    if public and event.agenda_md:
        data["description"] = plain_text(event.agenda_md)[:2000]
    return {k: v for k, v in data.items() if v is not None}


def release(need: Need, now: datetime | None = None) -> dict:
    """One OCDS planning release for a public need."""
    now = now or datetime.now(UTC)
    org = need.organisation
    codes = need.cpv_codes
    item = {"id": "1", "description": need.title}
    if codes:
        item["classification"] = _classification(codes[0])
        if codes[1:]:
            item["additionalClassifications"] = [_classification(c) for c in codes[1:]]
    tender = {
        "id": f"{ocid(need)}-tender",
        "title": need.title,
        "description": need.summary or plain_text(need.problem_md)[:600],
        "status": "cancelled" if need.status == NeedStatus.CANCELLED else "planning",
        "items": [item],
    }
    if codes:
        division = codes[0][:2]
        tender["mainProcurementCategory"] = (
            "works" if division == "45" else "goods" if division in GOODS_DIVISIONS else "services")
    if need.procedure:
        tender["procurementMethod"] = METHODS[need.procedure]
        tender["procurementMethodDetails"] = need.procedure.value
    if need.planned_notice_date:
        tender["tenderPeriod"] = {"startDate": iso(need.planned_notice_date)}
    if need.planned_contract_start:
        tender["contractPeriod"] = {"startDate": iso(need.planned_contract_start)}
    if need.value_min_nok is not None:
        tender["minValue"] = {"amount": need.value_min_nok, "currency": "NOK"}
    if need.value_max_nok is not None:
        tender["value"] = {"amount": need.value_max_nok, "currency": "NOK"}
    planning = {
        "rationale": plain_text(need.problem_md) or need.summary or need.title,
        "documents": [{"id": "need-page", "documentType": "plannedProcurementNotice", "title": need.title,
                       "language": "nb", "url": f"{current_app.config['BASE_URL']}/behov/{need.id}"}],
    }
    budget = _budget(need)
    if budget:
        planning["budget"] = budget
    events = _events(need)
    if events:
        planning["milestones"] = [milestone(e, now) for e in events]
    parties = [party(org, ["buyer"])]
    parties += [party(c.organisation, ["buyer"]) for c in need.confirmed_co_buyers]
    tag = ["planningUpdate"] if need.changes else ["planning"]
    if need.status == NeedStatus.CANCELLED:
        tag = ["tenderCancellation"]
    # A new or changed dialogue event changes the release too.
    stamp = max([need.updated_dt or need.published_dt or need.created_dt] + [e.updated_dt for e in events])
    return {
        "ocid": ocid(need),
        "id": f"{ocid(need)}-{int(stamp.timestamp())}",
        "date": iso(stamp),
        "tag": tag,
        "initiationType": "tender",
        "language": "nb",
        "buyer": {"id": party_id(org), "name": org.name},
        "parties": parties,
        "planning": planning,
        "tender": tender,
    }


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
