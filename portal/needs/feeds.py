"""Atom feed of published needs at /feeds/needs.atom (filters: county, cpv division)."""

from datetime import datetime

from flask import Response, request, url_for
from flask_babel import gettext as _

from portal.atom import EPOCH, Entry, atom_error, atom_response, feed_url
from portal.extensions import db
from portal.needs import queries
from portal.needs.blueprint import bp
from portal.needs.labels import STATUS_LABELS
from portal.text import plain_text

FEED_SIZE = 50


def need_updated(need) -> datetime:
    """When the need last really changed; an import run touches every imported need, so they keep their date."""
    if need.is_imported and need.published_dt:
        return max(need.published_dt, need.status_changed_dt or need.published_dt)
    return max(need.updated_dt, need.published_dt or need.updated_dt)


def need_entry(need) -> Entry:
    summary = need.summary or plain_text(need.problem_md)[:500]
    return Entry(url=url_for("needs.detail", need_id=need.id, _external=True), title=need.title,
                 published=need.published_dt or need.created_dt, updated=need_updated(need),
                 author=need.organisation.name, summary=f"{STATUS_LABELS[need.status]}. {summary}",
                 cpv_codes=need.cpv_codes)


def build_feed(needs, feed_id: str, site_url: str, empty_updated: datetime, title: str | None = None) -> Response:
    return atom_response(title or _("Møteplassen – behov og planlagte anskaffelser"), feed_id, site_url,
                         [need_entry(n) for n in needs], empty_updated)


@bp.get("/feeds/needs.atom")
def needs_atom():
    filters = queries.parse_filters({k: request.args.get(k) for k in ("county", "cpv")})
    if filters.errors:
        return atom_error(400, _("Ukjent fylke eller CPV-hovedgruppe."))
    needs = db.session.scalars(queries.public_needs(filters).limit(FEED_SIZE)).all()
    args = filters.as_args()
    return build_feed(needs, feed_url(url_for("needs.needs_atom", _external=True), args),
                      url_for("needs.index", _external=True, **args), EPOCH)
