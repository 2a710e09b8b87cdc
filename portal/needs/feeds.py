"""Atom feed of published needs at /feeds/needs.atom (filters: county, cpv division)."""

from flask import Response, request, url_for
from flask_babel import gettext as _

from portal.atom import Entry, atom_feed
from portal.errors import render_error
from portal.extensions import db
from portal.needs import queries
from portal.needs.blueprint import bp
from portal.needs.labels import STATUS_LABELS
from portal.text import plain_text

FEED_SIZE = 50


def need_entry(need) -> Entry:
    summary = need.summary or plain_text(need.problem_md)[:500]
    return Entry(url=url_for("needs.detail", need_id=need.id, _external=True), title=need.title,
                 published=need.published_dt or need.created_dt,
                 updated=max(need.updated_dt, need.published_dt or need.updated_dt),
                 author=need.organisation.name, summary=f"{STATUS_LABELS[need.status]}. {summary}",
                 cpv_codes=need.cpv_codes)


def build_feed(needs, self_url: str, site_url: str, title: str | None = None) -> bytes:
    return atom_feed(title or _("Møteplassen – behov og planlagte anskaffelser"), self_url, site_url,
                     [need_entry(n) for n in needs])


@bp.get("/feeds/needs.atom")
def needs_atom():
    filters = queries.parse_filters({k: request.args.get(k) for k in ("county", "cpv")})
    if filters.errors:
        return render_error(400, _("Ukjent fylke eller CPV-hovedgruppe."))
    needs = db.session.scalars(queries.public_needs(filters).limit(FEED_SIZE)).all()
    body = build_feed(needs, request.url, url_for("needs.index", _external=True, **filters.as_args()))
    return Response(body, mimetype="application/atom+xml")
