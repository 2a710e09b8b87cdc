"""Audit log pages: an organisation's own log (its admins) and the full log (platform admins)."""

import json

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.audit import permissions, queries
from portal.auth.models import User
from portal.extensions import db
from portal.opendata.models import ApiKey
from portal.organisations.models import Organisation
from portal.paging import paginate

bp = Blueprint("audit", __name__, url_prefix="/revisjonslogg")
PER_PAGE = 50


def _page(stmt):
    pagination = paginate(stmt, PER_PAGE)
    user_ids = {e.user_id for e in pagination.items if e.user_id}
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))} if user_ids else {}
    key_ids = {e.api_key_id for e in pagination.items if e.api_key_id}
    keys = {k.id: k for k in db.session.scalars(select(ApiKey).where(ApiKey.id.in_(key_ids)))} if key_ids else {}
    rows = [(e, users.get(e.user_id), keys.get(e.api_key_id), json.loads(e.changes)) for e in pagination.items]
    return pagination, rows


@bp.get("/organisasjon/<int:org_id>")
@login_required
def organisation_log(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    if not permissions.can_view_org_log(current_user, org):
        abort(403)
    pagination, rows = _page(queries.entries(organisation_id=org.id))
    return render_template("audit/log.html", org=org, pagination=pagination, rows=rows)


@bp.get("/")
@login_required
def full_log():
    if not permissions.can_view_full_log(current_user):
        abort(403)
    pagination, rows = _page(queries.entries(table=request.args.get("tabell") or None))
    return render_template("audit/log.html", org=None, pagination=pagination, rows=rows)
