"""JSON API: GET /api/v1/suppliers (with directory filters) and GET /api/v1/suppliers/<id>."""

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user

from portal.errors import render_error
from portal.extensions import db
from portal.paging import is_digits
from portal.suppliers.choices import certification_label
from portal.suppliers.models import NeedInput, SupplierProfile
from portal.suppliers.permissions import can_see_hidden_profiles, can_view_profile
from portal.suppliers.queries import directory_page, parse_filters, visible_inputs

bp = Blueprint("suppliers_api", __name__, url_prefix="/api/v1")
MAX_LIMIT = 100
MAX_OFFSET = 10_000_000


def _int_param(name: str, default: int, low: int, high: int):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default, None
    if not is_digits(raw.strip()) or not (low <= int(raw) <= high):
        return None, f"{name} must be a whole number from {low} to {high}"
    return int(raw), None


def summary(p: SupplierProfile) -> dict:
    return {
        "id": p.id,
        "external_id": p.organisation.external_id,
        "name": p.name,
        "orgnr": p.organisation.orgnr,
        "cpv": p.cpv_codes,
        "municipalities": p.municipality_numbers,
        "counties": p.county_numbers,
        "nationwide": p.is_nationwide,
        "size": p.size.value if p.size else None,
        "social_enterprise": p.is_social_enterprise,
        "certifications": [certification_label(c.name) for c in p.certifications if not c.is_expired()],
        "url": url_for("suppliers.profile", profile_id=p.id, _external=True),
    }


def detail(p: SupplierProfile) -> dict:
    return summary(p) | {
        "description": p.capability_md,
        "products_services": p.products_services,
        "certifications": [
            {"name": certification_label(c.name), "key": c.name, "valid_until": c.valid_until.isoformat() if c.valid_until else None,
             "expired": c.is_expired()} for c in p.certifications
        ],
        "social_mission": p.social_mission if p.is_social_enterprise else "",
        "target_groups": list(p.target_groups or []),
        "reserved_contracts_eligible": p.is_reserved_eligible,
        "languages": list(p.languages or []),
        "website": p.website,
        "contact": {"name": p.contact_name, "email": p.contact_email, "phone": p.contact_phone},
        "references": [
            {"title": r.title, "customer": r.customer, "public_buyer": r.is_public_buyer, "year": r.year,
             "description": r.description} for r in p.references
        ],
        "logo_url": url_for("suppliers.logo", profile_id=p.id, _external=True) if p.logo_name else None,
        "is_public": p.is_public,
        "updated": p.updated_dt.isoformat(),
    }


@bp.get("/suppliers")
def suppliers():
    limit, err1 = _int_param("limit", 20, 1, MAX_LIMIT)
    offset, err2 = _int_param("offset", 0, 0, MAX_OFFSET)
    filters, errors = parse_filters(request.args)
    too_long = "q must be at most 200 characters" if len(request.args.get("q", "")) > 200 else None
    problems = [e for e in (err1, err2, too_long) if e] + [f"{k}: {v}" for k, v in errors.items()]
    if problems:
        return render_error(400, "; ".join(problems))
    total, profiles = directory_page(db, filters, can_see_hidden_profiles(current_user), limit, offset)
    return jsonify({"total": total, "limit": limit, "offset": offset, "results": [summary(p) for p in profiles]})


@bp.get("/suppliers/<int:supplier_id>")
def supplier(supplier_id: int):
    profile = db.session.get(SupplierProfile, supplier_id)
    if profile is None or not can_view_profile(current_user, profile):
        return render_error(404)
    return jsonify(detail(profile))


@bp.get("/needs/<int:need_id>/inputs")
def need_inputs(need_id: int):
    """Input on a need that the caller may read (anonymous: published, non-confidential only)."""
    from portal.needs.models import Need
    from portal.needs.permissions import can_view_need
    from portal.suppliers.permissions import is_need_owner

    need = db.session.get(Need, need_id)
    if need is None or not can_view_need(current_user, need):
        return render_error(404)
    rows = visible_inputs(db, current_user, need, is_need_owner(current_user, need))
    return jsonify({"total": len(rows), "results": [_input(i) for i in rows]})


def _input(i: NeedInput) -> dict:
    return {
        "id": i.id, "need_id": i.need_id, "supplier": i.organisation.name, "text": i.text,
        "confidential": i.is_confidential, "published": i.is_published,
        "reply": i.reply_text, "created": i.created_dt.isoformat(),
        "url": url_for("suppliers.dialog.input_detail", need_id=i.need_id, input_id=i.id, _external=True),
    }
