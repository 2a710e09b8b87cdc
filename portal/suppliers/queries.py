"""Read helpers: the directory query with its filters, and profile lookups."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import selectinload

from portal.flags import parse_flag
from portal.organisations.models import Organisation, OrgSide, VerificationStatus
from portal.organisations.permissions import verified_memberships
from portal.reference import counties, county_of, cpv_divisions, municipalities, normalise_cpv
from portal.suppliers.choices import CERTIFICATIONS, certification_key
from portal.suppliers.models import Certification, SizeClass, SupplierArea, SupplierCpv, SupplierProfile


@dataclass
class DirectoryFilters:
    q: str = ""
    municipality: str | None = None
    county: str | None = None
    cpv: str | None = None  # significant prefix: 2-digit division or a longer code prefix
    sizes: list[str] = field(default_factory=list)
    social: bool | None = None
    certification: str | None = None

    def active(self) -> bool:
        return bool(self.q or self.municipality or self.county or self.cpv or self.sizes
                    or self.social is not None or self.certification)


def _cpv_prefix(value: str) -> str | None:
    value = value.strip()
    if len(value) == 2 and value in cpv_divisions():
        return value
    code = normalise_cpv(value)
    if code is None:
        return None
    prefix = code.rstrip("0")
    return code[: max(2, len(prefix))]


def parse_filters(args) -> tuple[DirectoryFilters, dict[str, str]]:
    """Filters from query parameters; unknown values are returned as errors (parameter → message)."""
    f, errors = DirectoryFilters(), {}
    f.q = (args.get("q") or "").strip()[:200]
    muni = (args.get("municipality") or args.get("kommune") or "").strip()
    if muni:
        if muni in municipalities():
            f.municipality = muni
        else:
            errors["municipality"] = _("Ukjent kommunenummer: %(v)s", v=muni)
    county = (args.get("county") or args.get("fylke") or "").strip()
    if county:
        if county in counties():
            f.county = county
        else:
            errors["county"] = _("Ukjent fylkesnummer: %(v)s", v=county)
    cpv = (args.get("cpv") or args.get("cpv_division") or args.get("division") or "").strip()
    if cpv:
        f.cpv = _cpv_prefix(cpv)
        if f.cpv is None:
            errors["cpv"] = _("Ukjent CPV-kode eller -hovedgruppe: %(v)s", v=cpv)
    for size in [s.strip() for s in args.getlist("size") if s.strip()]:
        if size in {s.value for s in SizeClass}:
            f.sizes.append(size)
        else:
            errors["size"] = _("Størrelse må være micro, small, medium eller large.")
    try:
        f.social = parse_flag(args.get("social_enterprise") or args.get("social"))
    except ValueError:
        errors["social_enterprise"] = _("Sosial entreprenør må være true eller false (1 eller 0).")
    cert = (args.get("certification") or "").strip()
    if cert:
        f.certification = certification_key(cert)
        if f.certification is None:
            errors["certification"] = _("Ukjent sertifisering: %(v)s", v=cert)
    return f, errors


def listed(include_hidden: bool = False):
    """permissions.is_listed as a WHERE clause on SupplierProfile (hidden ones too for those who may see them)."""
    org_ok = SupplierProfile.organisation.has(and_(Organisation.side == OrgSide.SUPPLIER,
                                                   Organisation.verification != VerificationStatus.REJECTED))
    return org_ok if include_hidden else and_(SupplierProfile.is_public.is_(True), org_ok)


def directory_select(f: DirectoryFilters, include_hidden: bool = False):
    """select(SupplierProfile) filtered for the directory (no ordering, no paging)."""
    stmt = select(SupplierProfile).join(SupplierProfile.organisation).where(listed(include_hidden))
    if f.q:
        stmt = stmt.where(Organisation.name.ilike(f"%{f.q.replace('%', '').replace('_', '')}%"))
    if f.municipality:
        area = exists().where(
            SupplierArea.profile_id == SupplierProfile.id,
            or_(SupplierArea.municipality == f.municipality,
                and_(SupplierArea.municipality.is_(None), SupplierArea.county == county_of(f.municipality))),
        )
        stmt = stmt.where(or_(SupplierProfile.is_nationwide.is_(True), area))
    if f.county:
        area = exists().where(SupplierArea.profile_id == SupplierProfile.id, SupplierArea.county == f.county)
        stmt = stmt.where(or_(SupplierProfile.is_nationwide.is_(True), area))
    if f.cpv:
        cond = SupplierCpv.division == f.cpv if len(f.cpv) == 2 else SupplierCpv.code.startswith(f.cpv)
        stmt = stmt.where(exists().where(SupplierCpv.profile_id == SupplierProfile.id, cond))
    if f.sizes:
        stmt = stmt.where(SupplierProfile.size.in_([SizeClass(s) for s in f.sizes]))
    if f.social is not None:
        stmt = stmt.where(SupplierProfile.is_social_enterprise.is_(f.social))
    if f.certification:
        stmt = stmt.where(exists().where(
            Certification.profile_id == SupplierProfile.id,
            Certification.name == f.certification,
            or_(Certification.valid_until.is_(None), Certification.valid_until >= date.today()),
        ))
    return stmt


def with_children(stmt):
    return stmt.options(
        selectinload(SupplierProfile.organisation),
        selectinload(SupplierProfile.cpvs),
        selectinload(SupplierProfile.areas),
        selectinload(SupplierProfile.certifications),
    )


def directory_page(db, f: DirectoryFilters, include_hidden: bool, limit: int, offset: int):
    """(total, profiles) for one page of the directory, ordered by name."""
    base = directory_select(f, include_hidden)
    total = db.session.scalar(select(func.count()).select_from(base.with_only_columns(SupplierProfile.id).subquery()))
    stmt = with_children(base.order_by(func.lower(Organisation.name), SupplierProfile.id).limit(limit).offset(offset))
    return total, db.session.scalars(stmt).all()


def profile_for_org(db, org_id: int) -> SupplierProfile | None:
    return db.session.scalar(select(SupplierProfile).where(SupplierProfile.organisation_id == org_id))


def certification_choices() -> list[tuple[str, str]]:
    return list(CERTIFICATIONS.items())


# --- interest and input ------------------------------------------------------------------------------

def interests_for_need(db, need_id: int):
    from portal.suppliers.models import Interest

    return db.session.scalars(
        select(Interest).where(Interest.need_id == need_id)
        .options(selectinload(Interest.organisation)).order_by(Interest.created_dt, Interest.id)
    ).all()


def profiles_by_org(db, org_ids) -> dict[int, SupplierProfile]:
    if not org_ids:
        return {}
    rows = db.session.scalars(with_children(select(SupplierProfile).where(
        SupplierProfile.organisation_id.in_(list(org_ids))))).all()
    return {p.organisation_id: p for p in rows}


def visible_inputs(db, user, need, owner: bool):
    """Inputs on `need` that `user` may read: all for the owning buyer, else the truth table in SQL."""
    from portal.suppliers.models import NeedInput

    stmt = select(NeedInput).where(NeedInput.need_id == need.id)
    if not owner:
        conds = [and_(NeedInput.is_published.is_(True), NeedInput.is_confidential.is_(False))]
        if user is not None and user.is_authenticated:
            org_ids = [m.organisation_id for m in verified_memberships(user)]
            conds.append(NeedInput.author_id == user.id)
            if org_ids:
                conds.append(and_(NeedInput.is_confidential.is_(False), NeedInput.organisation_id.in_(org_ids)))
        stmt = stmt.where(or_(*conds))
    return db.session.scalars(
        stmt.options(selectinload(NeedInput.organisation)).order_by(NeedInput.created_dt, NeedInput.id)
    ).all()


def my_interest(db, need_id: int, org_id: int):
    from portal.suppliers.models import Interest

    return db.session.scalar(select(Interest).where(Interest.need_id == need_id, Interest.organisation_id == org_id))


def need_panel_context(need) -> dict:
    """Everything templates/suppliers/_need_panel.html needs, for the current user."""
    from flask_login import current_user

    from portal.extensions import db
    from portal.organisations.context import active_org
    from portal.suppliers import permissions as perm
    from portal.suppliers.forms import InputForm, InterestForm
    from portal.suppliers.models import Interest

    org = active_org() if current_user.is_authenticated else None
    owner = perm.is_need_owner(current_user, need)
    supplier = org if perm.is_supplier_member(current_user, org) else None
    interest = my_interest(db, need.id, supplier.id) if supplier else None
    return {
        "need": need,
        "panel_owner": owner,
        "panel_supplier": supplier,
        "panel_interest": interest,
        "panel_interest_form": InterestForm(prefix="interest", obj=interest) if supplier else None,
        "panel_input_form": InputForm(prefix="input") if supplier else None,
        "panel_can_interest": perm.need_open_for_interest(need),
        "panel_can_input": perm.need_open_for_input(need),
        "panel_inputs": visible_inputs(db, current_user, need, owner),
        "panel_interest_count": db.session.scalar(
            select(func.count(Interest.id)).where(Interest.need_id == need.id)) if owner else None,
    }
