"""Read helpers for needs: public list filters (shared by the list page, API and feed)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, not_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.flags import parse_flag
from portal.needs.models import Need, NeedCoBuyer, NeedCpv, NeedKind, NeedPlace, NeedStatus
from portal.paging import is_digits
from portal.reference import counties, cpv_divisions, municipalities

MAX_NOK = 10**13
SORTS = {"newest": _l("Nyeste først"), "notice": _l("Planlagt kunngjøring")}

# Hook for the dialogue domain: a function returning a where-clause "this need has a dialogue
# event" (e.g. `lambda: exists().where(DialogueEvent.need_id == Need.id)`). Until the dialogue
# domain registers one, the filter is neither shown nor applied (the API reports it as unknown).
_dialogue_event_clause: Callable | None = None


def register_dialogue_event_filter(clause_factory: Callable) -> None:
    """Called by portal.dialogue to enable the "has a dialogue event" filter."""
    global _dialogue_event_clause
    _dialogue_event_clause = clause_factory


def dialogue_filter_available() -> bool:
    return _dialogue_event_clause is not None


@dataclass
class NeedFilters:
    kind: str | None = None
    status: str | None = None
    county: str | None = None
    municipality: str | None = None
    cpv: str | None = None  # division, 2 digits
    value_min: int | None = None
    value_max: int | None = None
    innovation: bool | None = None  # None: no restriction; False: only needs that are not innovative
    has_dialogue: bool | None = None
    sort: str = "newest"
    errors: dict = field(default_factory=dict)

    def as_args(self) -> dict:
        """The filters as GET parameters (for links to pages, the feed and the API)."""
        args = {"kind": self.kind, "status": self.status, "county": self.county, "municipality": self.municipality,
                "cpv": self.cpv, "value_min": self.value_min, "value_max": self.value_max,
                "innovation": _flag_arg(self.innovation), "dialogue": _flag_arg(self.has_dialogue),
                "sort": self.sort if self.sort != "newest" else None}
        return {k: v for k, v in args.items() if v not in (None, "")}


def _flag_arg(value: bool | None) -> str | None:
    return None if value is None else ("1" if value else "0")


def _flag(args, key: str, errors: dict) -> bool | None:
    try:
        return parse_flag(args.get(key))
    except ValueError:
        errors[key] = _l("Skriv 1 eller 0 (true eller false).")
        return None


def _int(args, key, errors) -> int | None:
    raw = (args.get(key) or "").strip().replace(" ", "")
    if not raw:
        return None
    if not is_digits(raw) or int(raw) > MAX_NOK:
        errors[key] = _l("Skriv et beløp i hele kroner.")
        return None
    return int(raw)


def parse_filters(args) -> NeedFilters:
    """Read filters from GET arguments; unknown values are collected in `errors`, never raised."""
    errors: dict = {}
    f = NeedFilters(errors=errors)
    checks = {
        "kind": {k.value for k in NeedKind},
        "status": {s.value for s in NeedStatus if s != NeedStatus.DRAFT},
        "county": set(counties()),
        "municipality": set(municipalities()),
        "cpv": set(cpv_divisions()),
        "sort": set(SORTS),
    }
    for key, allowed in checks.items():
        value = (args.get(key) or "").strip()
        if key == "cpv":
            value = value[:2] if value[:2].isdigit() and value.isdigit() else value
        if value and value not in allowed:
            errors[key] = _l("Ukjent verdi.")
        elif value:
            setattr(f, key, value)
    f.value_min = _int(args, "value_min", errors)
    f.value_max = _int(args, "value_max", errors)
    f.innovation = _flag(args, "innovation", errors)
    has_dialogue = _flag(args, "dialogue", errors)
    if has_dialogue is not None:
        if dialogue_filter_available():
            f.has_dialogue = has_dialogue
        else:
            errors["dialogue"] = _l("Filteret er ikke tilgjengelig ennå.")
    return f


def apply_filters(stmt: Select, f: NeedFilters) -> Select:
    if f.kind:
        stmt = stmt.where(Need.kind == NeedKind(f.kind))
    if f.status:
        stmt = stmt.where(Need.status == NeedStatus(f.status))
    # IN (subquery) rather than correlated EXISTS: the subquery runs once over an index.
    if f.county:
        stmt = stmt.where(Need.id.in_(select(NeedPlace.need_id).where(NeedPlace.county == f.county)))
    if f.municipality:
        # A need for the whole county also covers each of its municipalities.
        county = municipalities()[f.municipality][1]
        stmt = stmt.where(Need.id.in_(select(NeedPlace.need_id).where(
            or_(NeedPlace.municipality == f.municipality,
                and_(NeedPlace.county == county, NeedPlace.municipality.is_(None))))))
    if f.cpv:
        # A range on the code index (LIKE '45%' cannot use a b-tree index on PostgreSQL).
        stmt = stmt.where(Need.id.in_(select(NeedCpv.need_id).where(
            NeedCpv.code >= f"{f.cpv}000000", NeedCpv.code <= f"{f.cpv}999999")))
    low = func.coalesce(Need.value_min_nok, Need.value_max_nok)
    high = func.coalesce(Need.value_max_nok, Need.value_min_nok)
    if f.value_min is not None:
        stmt = stmt.where(high >= f.value_min)
    if f.value_max is not None:
        stmt = stmt.where(low <= f.value_max)
    if f.innovation is not None:
        stmt = stmt.where(Need.is_innovation.is_(f.innovation))
    if f.has_dialogue is not None and _dialogue_event_clause is not None:
        clause = _dialogue_event_clause()
        stmt = stmt.where(clause if f.has_dialogue else not_(clause))
    return stmt


def _order(stmt: Select, sort: str) -> Select:
    if sort == "notice":
        return stmt.order_by(Need.planned_notice_date.is_(None), Need.planned_notice_date, Need.id.desc())
    return stmt.order_by(Need.published_dt.desc(), Need.id.desc())


def with_details(stmt: Select) -> Select:
    """Load what list rows show in a fixed number of queries, whatever the page size."""
    return stmt.options(joinedload(Need.organisation), selectinload(Need.cpvs), selectinload(Need.places))


def public_needs(f: NeedFilters | None = None) -> Select:
    """Public (non-draft) needs matching the filters, ordered, with list details loaded."""
    f = f or NeedFilters()
    stmt = apply_filters(select(Need).where(Need.status != NeedStatus.DRAFT), f)
    return with_details(_order(stmt, f.sort))


def count_public(f: NeedFilters | None = None) -> Select:
    stmt = apply_filters(select(func.count(Need.id)).where(Need.status != NeedStatus.DRAFT), f or NeedFilters())
    return stmt


def org_needs(org_id: int, public_only: bool = False) -> Select:
    stmt = select(Need).where(Need.organisation_id == org_id)
    if public_only:
        stmt = stmt.where(Need.status != NeedStatus.DRAFT)
    return with_details(stmt.order_by(Need.updated_dt.desc(), Need.id.desc()))


def co_buyer_needs(org_id: int) -> Select:
    """Needs this organisation has joined as a confirmed co-buyer."""
    return with_details(
        select(Need).join(NeedCoBuyer, NeedCoBuyer.need_id == Need.id)
        .where(NeedCoBuyer.organisation_id == org_id, NeedCoBuyer.confirmed_dt.is_not(None))
        .order_by(Need.updated_dt.desc())
    )


def pending_co_buyer_invitations(org_id: int) -> Select:
    return (select(NeedCoBuyer).where(NeedCoBuyer.organisation_id == org_id, NeedCoBuyer.confirmed_dt.is_(None))
            .options(joinedload(NeedCoBuyer.need).joinedload(Need.organisation)).order_by(NeedCoBuyer.invited_dt))
