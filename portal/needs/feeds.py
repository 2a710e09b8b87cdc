"""Atom feed of published needs at /feeds/needs.atom (filters: county, cpv division)."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it

from flask import Response, request, url_for
from flask_babel import gettext as _

from portal.db import utcnow
from portal.errors import render_error
from portal.extensions import db
from portal.needs import queries
from portal.needs.blueprint import bp
from portal.needs.labels import STATUS_LABELS
from portal.reference import cpv_label
from portal.text import plain_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _iso(dt) -> str:
    return dt.isoformat(timespec="seconds").replace("+00:00", "Z")


# Characters XML 1.0 forbids (imported texts sometimes carry them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _INVALID_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        el.text = _INVALID_XML.sub("", str(text))
    return el


def build_feed(needs, self_url: str, site_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", _("Møteplassen – behov og planlagte anskaffelser"))
    _sub(feed, "id", self_url)
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    updated = max((n.updated_dt for n in needs), default=utcnow())
    _sub(feed, "updated", _iso(updated))
    author = _sub(feed, "author")
    _sub(author, "name", _("Møteplassen"))
    for need in needs:
        url = url_for("needs.detail", need_id=need.id, _external=True)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", need.title)
        _sub(entry, "link", rel="alternate", href=url, type="text/html")
        _sub(entry, "published", _iso(need.published_dt or need.created_dt))
        _sub(entry, "updated", _iso(max(need.updated_dt, need.published_dt or need.updated_dt)))
        who = _sub(entry, "author")
        _sub(who, "name", need.organisation.name)
        summary = need.summary or plain_text(need.problem_md)[:500]
        _sub(entry, "summary", f"{STATUS_LABELS[need.status]}. {summary}")
        for code in need.cpv_codes:
            _sub(entry, "category", term=code, label=cpv_label(code))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@bp.get("/feeds/needs.atom")
def needs_atom():
    filters = queries.parse_filters({k: request.args.get(k) for k in ("county", "cpv")})
    if filters.errors:
        return render_error(400, _("Ukjent fylke eller CPV-hovedgruppe."))
    needs = db.session.scalars(queries.public_needs(filters).limit(FEED_SIZE)).all()
    body = build_feed(needs, request.url, url_for("needs.index", _external=True, **filters.as_args()))
    return Response(body, mimetype="application/atom+xml")
