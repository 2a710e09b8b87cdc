"""JSON API: GET /api/v1/needs (same filters as the list page) and GET /api/v1/needs/<id>."""

from flask import Blueprint, jsonify, request, url_for

from portal.errors import render_error
from portal.extensions import db
from portal.needs import queries
from portal.needs.models import Need, NeedStatus
from portal.needs.services import place_codes
from portal.paging import is_digits
from portal.text import render_markdown

bp = Blueprint("needs_api", __name__, url_prefix="/api/v1")
MAX_LIMIT = 100
MAX_OFFSET = 10**7


def _iso(value):
    return value.isoformat() if value else None


def need_summary(need: Need) -> dict:
    org = need.organisation
    return {
        "id": need.id,
        "external_id": need.external_id,
        "kind": need.kind.value,
        "title": need.title,
        "summary": need.summary,
        "status": need.status.value,
        "cpv": need.cpv_codes,
        "cpv_main": need.main_cpv,
        "places": place_codes(need),
        "buyer": org.name,
        "buyer_id": org.id,
        "buyer_orgnr": org.orgnr,
        "buyer_url": url_for("needs.buyer", org_id=org.id, _external=True),
        "estimated_value_nok": {"min": need.value_min_nok, "max": need.value_max_nok},
        "is_innovation": need.is_innovation,
        "planned_notice_date": _iso(need.planned_notice_date),
        "published": _iso(need.published_dt),
        "url": url_for("needs.detail", need_id=need.id, _external=True),
    }


def need_detail(need: Need) -> dict:
    return {
        **need_summary(need),
        "problem_description": need.problem_md,
        "problem_description_html": str(render_markdown(need.problem_md)),
        "effects": need.effects, "affected": need.affected, "success_criteria": need.success_criteria,
        "threshold": need.threshold.value if need.threshold else None,
        "procedure": need.procedure.value if need.procedure else None,
        "dialogue_period": {"start": _iso(need.dialogue_start), "end": _iso(need.dialogue_end)},
        "planned_contract_start": _iso(need.planned_contract_start),
        "deadline": _iso(need.deadline),
        "lots": {"planned": need.lots_planned, "notes": need.lots_notes},
        "sustainability": {"environment_weight_pct": need.env_weight_pct, "eco_labels": need.eco_labels,
                           "circular_economy": need.circular_notes},
        "social": {"apprentices": need.wants_apprentices, "reserved": need.is_reserved_social,
                   "notes": need.social_notes},
        "contact": {"name": need.contact_name, "email": need.contact_email, "phone": need.contact_phone},
        "doffin_reference": need.doffin_reference,
        "status_reason": need.status_reason,
        "co_buyers": [{"id": c.organisation.id, "name": c.organisation.name} for c in need.confirmed_co_buyers],
        "attachments": [
            {"name": a.original_name, "content_type": a.content_type, "size": a.size,
             "url": url_for("needs.download", need_id=need.id, attachment_id=a.id, _external=True)}
            for a in need.attachments
        ],
        "changes": [{"changed": _iso(c.changed_dt), "field": c.field, "old": c.old, "new": c.new}
                    for c in need.changes],
        "updated": _iso(need.updated_dt),
    }


def _bounded_int(name: str, default: int, maximum: int) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not is_digits(raw) or len(raw) > 12 or int(raw) > maximum:
        return None
    return int(raw)


@bp.get("/needs")
def list_needs():
    limit = _bounded_int("limit", 20, MAX_LIMIT)
    offset = _bounded_int("offset", 0, MAX_OFFSET)
    if limit is None or limit == 0:
        return render_error(400, f"limit must be a whole number from 1 to {MAX_LIMIT}")
    if offset is None:
        return render_error(400, f"offset must be a whole number from 0 to {MAX_OFFSET}")
    filters = queries.parse_filters(request.args)
    if filters.errors:
        detail = "; ".join(f"{key}: {message}" for key, message in filters.errors.items())
        return render_error(400, f"invalid filter: {detail}")
    total = db.session.scalar(queries.count_public(filters))
    needs = db.session.scalars(queries.public_needs(filters).limit(limit).offset(offset)).all()
    return jsonify({"total": total, "limit": limit, "offset": offset,
                    "results": [need_summary(n) for n in needs]})


@bp.get("/needs/<int:need_id>")
def get_need(need_id: int):
    need = db.session.get(Need, need_id)
    if need is None or need.status == NeedStatus.DRAFT:
        return render_error(404)
    return jsonify(need_detail(need))
