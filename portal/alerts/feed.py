"""Atom feed of a saved search: needs through the needs domain's generator, suppliers alike."""

import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it

from flask import url_for
from flask_babel import gettext as _

from portal.db import utcnow
from portal.needs.feeds import ATOM, _iso, _sub, build_feed
from portal.reference import cpv_label
from portal.text import plain_text


def build_supplier_feed(title: str, profiles, self_url: str, site_url: str) -> bytes:
    """The same Atom shape as the needs feed, for supplier profiles."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", _("Møteplassen – %(name)s", name=title))
    _sub(feed, "id", self_url)
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    _sub(feed, "updated", _iso(max((p.updated_dt for p in profiles), default=utcnow())))
    author = _sub(feed, "author")
    _sub(author, "name", _("Møteplassen"))
    for profile in profiles:
        url = url_for("suppliers.profile", profile_id=profile.id, _external=True)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", profile.organisation.name)
        _sub(entry, "link", rel="alternate", href=url, type="text/html")
        _sub(entry, "published", _iso(profile.created_dt))
        _sub(entry, "updated", _iso(profile.updated_dt))
        who = _sub(entry, "author")
        _sub(who, "name", profile.organisation.name)
        summary = plain_text(profile.capability_md)[:500] or profile.products_services[:500]
        _sub(entry, "summary", summary)
        for code in profile.cpv_codes:
            _sub(entry, "category", term=code, label=cpv_label(code))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def build(search, objects, self_url: str, site_url: str) -> bytes:
    if search.doc_type == "need":
        return build_feed(objects, self_url, site_url)
    return build_supplier_feed(search.name, objects, self_url, site_url)
