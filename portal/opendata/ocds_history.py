"""A need as it stood after each public change, rebuilt from its change history (one OCDS release each)."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.dialogue.models import DialogueEvent
from portal.extensions import db
from portal.needs.models import Need, NeedKind, NeedStatus, Procedure
from portal.organisations.models import Organisation

# The need fields a release shows, with how the change history's raw text turns back into a value.
DECODE: dict[str, Callable[[str], object]] = {
    "title": str, "summary": str, "problem_md": str, "doffin_reference": str,
    "kind": NeedKind, "status": NeedStatus, "procedure": Procedure,
    "value_min_nok": int, "value_max_nok": int,
    "planned_notice_date": date.fromisoformat, "planned_contract_start": date.fromisoformat,
    "deadline": date.fromisoformat,
}
NOT_NULL = {"title", "summary", "problem_md"}


@dataclass(frozen=True)
class Snapshot:
    """The facts of one release: the need's fields at `at`, and what had happened by then."""

    at: datetime
    fields: dict[str, object]
    cpv_codes: list[str]
    events: list[DialogueEvent]
    co_buyers: list[Organisation]
    # Filled in walking forwards: when the competition was announced and when it was awarded.
    tender_dt: datetime | None = None
    award_dt: datetime | None = None
    previous_stage: str | None = field(default=None)

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None


def is_doffin_notice(need: Need) -> bool:
    """A competition notice imported from Doffin: announced from the day it was published."""
    return bool(need.is_imported and (need.external_id or "").startswith("doffin-"))


def stage(snap: Snapshot, doffin_notice: bool) -> str:
    """planning, tender, award or cancellation: where in the OCDS lifecycle this state is."""
    status = snap.status
    if status == NeedStatus.CANCELLED:
        return "cancellation"
    if status == NeedStatus.AWARDED:
        return "award"
    if status == NeedStatus.ANNOUNCED or doffin_notice:
        return "tender"
    if status == NeedStatus.CLOSED and snap.doffin_reference:  # closed after it was announced
        return "tender"
    return "planning"


def _decode(name: str, text: str | None) -> object:
    if text is None:
        return "" if name in NOT_NULL else None
    return DECODE[name](text)


def events_by_need(needs: list[Need]) -> dict[int, list[DialogueEvent]]:
    """The dialogue events of `needs` in one query (with their slots), by need id."""
    stmt = (select(DialogueEvent).where(DialogueEvent.need_id.in_([n.id for n in needs]))
            .options(selectinload(DialogueEvent.slots)).order_by(DialogueEvent.id))
    out: dict[int, list[DialogueEvent]] = {n.id: [] for n in needs}
    for event in db.session.scalars(stmt):
        out[event.need_id].append(event)
    return out


def _moments(need: Need, events: list[DialogueEvent], now: datetime) -> list[datetime]:
    """Every moment the release changed: publication, each change, events (added, edited, held), co-buyers."""
    start = need.published_dt or need.created_dt
    moments = {start} | {c.changed_dt for c in need.changes}
    for event in events:
        moments |= {event.created_dt, event.updated_dt}
        starts = event.starts_dt or min((s.starts_dt for s in event.slots), default=None)
        if starts is not None:
            moments.add(max(starts, event.created_dt))  # the milestone is met from its start
    moments |= {c.confirmed_dt for c in need.confirmed_co_buyers if c.confirmed_dt}
    return sorted(m for m in moments if start <= m <= now)


def snapshots(need: Need, now: datetime, events: list[DialogueEvent]) -> list[Snapshot]:
    """The need after each change, oldest first (the first is its publication)."""
    values: dict[str, object] = {name: getattr(need, name) for name in DECODE}
    cpv_codes = need.cpv_codes
    undo = sorted(need.changes, key=lambda c: (c.changed_dt, c.id), reverse=True)
    backwards = []
    for moment in reversed(_moments(need, events, now)):
        while undo and undo[0].changed_dt > moment:  # undo the changes made after this moment
            change = undo.pop(0)
            if change.field in DECODE:
                values[change.field] = _decode(change.field, change.old)
            elif change.field == "cpv":
                cpv_codes = change.old.split(", ") if change.old else []
        backwards.append(Snapshot(
            at=moment, fields=dict(values), cpv_codes=list(cpv_codes),
            events=[e for e in events if e.created_dt <= moment],
            co_buyers=[c.organisation for c in need.confirmed_co_buyers
                       if c.confirmed_dt is not None and c.confirmed_dt <= moment]))
    out: list[Snapshot] = []
    doffin_notice = is_doffin_notice(need)
    for snap in reversed(backwards):
        before = out[-1] if out else None
        now_stage = stage(snap, doffin_notice)
        tender_dt = before.tender_dt if before else None
        award_dt = before.award_dt if before else None
        if now_stage == "tender" and tender_dt is None:
            tender_dt = snap.at
        if now_stage == "award" and award_dt is None:
            award_dt = snap.at
        out.append(replace(snap, tender_dt=tender_dt, award_dt=award_dt,
                           previous_stage=stage(before, doffin_notice) if before else None))
    return out
