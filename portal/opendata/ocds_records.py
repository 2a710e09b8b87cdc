"""OCDS records: every release of a need and the compiled release, merged as ocdskit/ocdsmerge do."""

from flask import current_app
from ocdsmerge import Merger

from portal.needs.models import Need
from portal.opendata.ocds import LICENSE, OCDS_VERSION, ocid, releases
from portal.opendata.ocds_history import events_by_need

# ocdsmerge's rules for the OCDS 1.1.5 release schema (tests check them against the schema itself),
# given here so merging never fetches the schema over the network.
_WHOLE_LISTS = (
    "parties.additionalIdentifiers", "parties.roles", "buyer.additionalIdentifiers",
    "tender.procuringEntity.additionalIdentifiers", "tender.items.additionalClassifications",
    "tender.additionalProcurementCategories", "tender.submissionMethod", "tender.tenderers.additionalIdentifiers",
    "tender.amendments.changes", "tender.amendment.changes", "awards.suppliers.additionalIdentifiers",
    "awards.items.additionalClassifications", "awards.amendments.changes", "awards.amendment.changes",
    "contracts.items.additionalClassifications", "contracts.implementation.transactions.payer.additionalIdentifiers",
    "contracts.implementation.transactions.payee.additionalIdentifiers", "contracts.relatedProcesses.relationship",
    "contracts.amendments.changes", "contracts.amendment.changes", "relatedProcesses.relationship",
)
MERGE_RULES = {("id",): "omitWhenMerged", ("date",): "omitWhenMerged", ("tag",): "omitWhenMerged"} | {
    tuple(path.split(".")): "wholeListMerge" for path in _WHOLE_LISTS}
_MERGER = Merger(merge_rules=MERGE_RULES)


def records(needs: list[Need]) -> list[dict]:
    """The record of each public need: all its releases (oldest first) and the compiled release."""
    events = events_by_need(needs)
    out = []
    for need in needs:
        found = releases(need, events=events[need.id])
        out.append({"ocid": ocid(need), "releases": found, "compiledRelease": _MERGER.create_compiled_release(found)})
    return out


def record_package(records: list[dict], uri: str, links: dict | None = None) -> dict:
    """A record package around `records` (at least one; published = newest compiled release date)."""
    data = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": max(r["compiledRelease"]["date"] for r in records),
        "publisher": {"name": "Møteplassen", "uri": current_app.config["BASE_URL"] + "/"},
        "license": LICENSE,
        "records": records,
    }
    if links:
        data["links"] = links
    return data
