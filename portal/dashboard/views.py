"""Min side: profile completeness, interests and input for suppliers; interest and input per need for buyers."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.organisations.context import active_org, waiting
from portal.organisations.models import OrgSide
from portal.organisations.permissions import is_member

bp = Blueprint("dashboard", __name__, url_prefix="/min-side")


def _supplier_context(org) -> dict:
    from portal.suppliers.completeness import completeness
    from portal.suppliers.models import Interest, NeedInput
    from portal.suppliers.queries import profile_for_org

    profile = profile_for_org(db, org.id)
    interests = db.session.scalars(
        select(Interest).where(Interest.organisation_id == org.id)
        .options(selectinload(Interest.need)).order_by(Interest.created_dt.desc())
    ).all()
    # Confidential input is shown only to its author, also among colleagues.
    inputs = db.session.scalars(
        select(NeedInput).where(
            NeedInput.organisation_id == org.id,
            (NeedInput.is_confidential.is_(False)) | (NeedInput.author_id == current_user.id),
        ).options(selectinload(NeedInput.need)).order_by(NeedInput.created_dt.desc())
    ).all()
    return {"profile": profile, "completeness": completeness(profile) if profile else None,
            "interests": interests, "inputs": inputs}


def _buyer_context(org) -> dict:
    from portal.needs.models import Need
    from portal.suppliers.models import Interest, NeedInput

    needs = db.session.scalars(
        select(Need).where(Need.organisation_id == org.id).order_by(Need.updated_dt.desc())
    ).all()
    ids = [n.id for n in needs]
    interest_counts, input_counts, unanswered = {}, {}, {}
    if ids:
        interest_counts = dict(db.session.execute(
            select(Interest.need_id, func.count(Interest.id)).where(Interest.need_id.in_(ids)).group_by(Interest.need_id)
        ).all())
        input_counts = dict(db.session.execute(
            select(NeedInput.need_id, func.count(NeedInput.id)).where(NeedInput.need_id.in_(ids))
            .group_by(NeedInput.need_id)
        ).all())
        unanswered = dict(db.session.execute(
            select(NeedInput.need_id, func.count(NeedInput.id))
            .where(NeedInput.need_id.in_(ids), NeedInput.reply_dt.is_(None)).group_by(NeedInput.need_id)
        ).all())
    from portal.needs.labels import STATUS_LABELS

    return {"needs": needs, "status_labels": STATUS_LABELS, "interest_counts": interest_counts, "input_counts": input_counts,
            "unanswered": unanswered, "total_interests": sum(interest_counts.values()),
            "total_inputs": sum(input_counts.values())}


@bp.get("")
@login_required
def index():
    org = active_org()
    if org is None or not is_member(current_user, org):
        return render_template("dashboard/no_org.html", **waiting(current_user))
    if org.side == OrgSide.SUPPLIER:
        return render_template("dashboard/supplier.html", org=org, **_supplier_context(org))
    return render_template("dashboard/buyer.html", org=org, **_buyer_context(org))
