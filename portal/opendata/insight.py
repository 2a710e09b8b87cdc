"""Innsikt figures, computed from the models for a period, a county and optionally one buyer.

Definitions (also shown on the page):
- A need counts in the period when it was first published in it (Europe/Oslo dates, inclusive).
- A need is in a county when one of its places of delivery is in it, or, without places, when its
  buyer organisation is located there.
- Dialogue share: planned procurements with at least one (not cancelled) dialogue event.
- Engaged suppliers: distinct supplier organisations with an interest, a written input, a live
  conference registration or a live one-to-one booking on a counted need. SME = profile size
  micro/small/medium; social = profile marked as social enterprise or organisation kind
  "sosial_entreprenor"; local = located in the same county as the buyer of a need it engaged with.
- Days to announcement: from publication to the first change of status to "announced".
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.dialogue.models import (
    Booking,
    BookingStatus,
    DialogueEvent,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from portal.extensions import db
from portal.needs.models import Need, NeedChange, NeedKind, NeedStatus
from portal.organisations.models import Organisation, OrgKind
from portal.reference import county_of
from portal.suppliers.models import Interest, NeedInput, SizeClass, SupplierProfile

OSLO = ZoneInfo("Europe/Oslo")
SME_SIZES = {SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM}
DEFAULT_TARGET_PCT = 30


@dataclass
class Period:
    start: date
    end: date  # inclusive

    def bounds(self) -> tuple[datetime, datetime]:
        """UTC instants of Oslo midnight at the start and after the end."""
        low = datetime.combine(self.start, time(), OSLO).astimezone(UTC)
        high = datetime.combine(self.end + timedelta(days=1), time(), OSLO).astimezone(UTC)
        return low, high

    def months(self) -> list[str]:
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


@dataclass
class Insight:
    needs: int = 0
    planned: int = 0
    by_month: list = field(default_factory=list)  # (month, needs, planned, planned_with_dialogue)
    planned_with_dialogue: int = 0
    dialogue_share: float | None = None  # percent
    target_pct: int = DEFAULT_TARGET_PCT
    suppliers: int = 0
    sme: int = 0
    social: int = 0
    local: int = 0
    announced: int = 0
    median_days: float | None = None
    top_divisions: list = field(default_factory=list)  # (division, count)

    def pct(self, part: int) -> float | None:
        return round(100 * part / self.suppliers, 1) if self.suppliers else None


def _need_county_match(need: Need, county: str) -> bool:
    if need.places:
        return any(p.county == county for p in need.places)
    return county_of(need.organisation.municipality) == county


def counted_needs(period: Period, county: str | None = None, org_id: int | None = None) -> list[Need]:
    low, high = period.bounds()
    stmt = (select(Need).where(Need.status != NeedStatus.DRAFT, Need.published_dt >= low, Need.published_dt < high)
            .options(selectinload(Need.places), selectinload(Need.cpvs), selectinload(Need.organisation))
            .order_by(Need.id))
    if org_id is not None:
        stmt = stmt.where(Need.organisation_id == org_id)
    needs = list(db.session.scalars(stmt))
    return [n for n in needs if _need_county_match(n, county)] if county else needs


def _ids_with_dialogue(ids: list[int]) -> set[int]:
    if not ids:
        return set()
    stmt = select(DialogueEvent.need_id).where(DialogueEvent.need_id.in_(ids),
                                               DialogueEvent.status != EventStatus.CANCELLED)
    return set(db.session.scalars(stmt))


def _announced_dates(ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    stmt = (select(NeedChange.need_id, NeedChange.changed_dt)
            .where(NeedChange.need_id.in_(ids), NeedChange.field == "status", NeedChange.new == "announced")
            .order_by(NeedChange.changed_dt))
    first: dict[int, datetime] = {}
    for need_id, when in db.session.execute(stmt):
        first.setdefault(need_id, when)
    return first


def engaged_pairs(ids: list[int]) -> set[tuple[int, int]]:
    """(supplier organisation id, need id) for every kind of engagement on the given needs."""
    if not ids:
        return set()
    queries = [
        select(Interest.organisation_id, Interest.need_id).where(Interest.need_id.in_(ids)),
        select(NeedInput.organisation_id, NeedInput.need_id).where(NeedInput.need_id.in_(ids)),
        select(Registration.organisation_id, DialogueEvent.need_id).join(DialogueEvent)
        .where(DialogueEvent.need_id.in_(ids), Registration.active.is_(True),
               Registration.status != RegistrationStatus.CANCELLED),
        select(Booking.organisation_id, DialogueEvent.need_id).join(DialogueEvent, Booking.event_id == DialogueEvent.id)
        .where(DialogueEvent.need_id.in_(ids), Booking.active.is_(True), Booking.status == BookingStatus.ACTIVE),
    ]
    pairs: set[tuple[int, int]] = set()
    for stmt in queries:
        pairs.update((org_id, need_id) for org_id, need_id in db.session.execute(stmt))
    return pairs


def _supplier_facts(pairs, needs_by_id: dict[int, Need]) -> tuple[int, int, int, int]:
    by_org: dict[int, set[int]] = defaultdict(set)
    for org_id, need_id in pairs:
        by_org[org_id].add(need_id)
    if not by_org:
        return 0, 0, 0, 0
    orgs = {o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(list(by_org))))}
    profiles = {p.organisation_id: p for p in db.session.scalars(
        select(SupplierProfile).where(SupplierProfile.organisation_id.in_(list(by_org))))}
    # Buyers engage with each other rarely (co-buyers); only supplier organisations count.
    suppliers = [o for o in orgs.values() if not o.is_buyer]
    sme = social = local = 0
    for org in suppliers:
        profile = profiles.get(org.id)
        sme += bool(profile and profile.size in SME_SIZES)
        social += bool((profile and profile.is_social_enterprise) or org.kind == OrgKind.SOSIAL_ENTREPRENOR)
        own = county_of(org.municipality)
        buyer_counties = {county_of(needs_by_id[n].organisation.municipality) for n in by_org[org.id]}
        local += bool(own and own in buyer_counties)
    return len(suppliers), sme, social, local


def compute(period: Period, county: str | None = None, org_id: int | None = None,
            target_pct: int = DEFAULT_TARGET_PCT, top: int = 10) -> Insight:
    """Every figure of the dashboard for the filters."""
    needs = counted_needs(period, county, org_id)
    ids = [n.id for n in needs]
    result = Insight(target_pct=target_pct)
    planned = [n for n in needs if n.kind == NeedKind.PLANNED_PROCUREMENT]
    result.planned = len(planned)
    result.needs = len(needs) - result.planned
    with_dialogue = _ids_with_dialogue([n.id for n in planned])
    result.planned_with_dialogue = len(with_dialogue)
    if planned:
        result.dialogue_share = round(100 * len(with_dialogue) / len(planned), 1)
    months = {m: [0, 0, 0] for m in period.months()}
    for n in needs:
        month = n.published_dt.astimezone(OSLO).strftime("%Y-%m")
        if month in months:
            row = months[month]
            if n.kind == NeedKind.PLANNED_PROCUREMENT:
                row[1] += 1
                row[2] += n.id in with_dialogue
            else:
                row[0] += 1
    result.by_month = [(m, *v) for m, v in months.items()]
    needs_by_id = {n.id: n for n in needs}
    result.suppliers, result.sme, result.social, result.local = _supplier_facts(engaged_pairs(ids), needs_by_id)
    announced = _announced_dates(ids)
    days = [(when - needs_by_id[i].published_dt).total_seconds() / 86400 for i, when in announced.items()]
    days = [int(d) for d in days if d >= 0]
    result.announced = len(days)
    result.median_days = statistics.median(days) if days else None
    divisions = Counter(n.main_cpv[:2] for n in needs if n.main_cpv)
    result.top_divisions = sorted(divisions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return result
