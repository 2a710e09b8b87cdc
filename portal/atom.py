"""Atom 1.0 feeds (RFC 4287): one writer for the needs feed and the saved-search feeds."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it
from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.db import utcnow
from portal.reference import cpv_label

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids (imported texts sometimes carry them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    url: str
    title: str
    published: object  # aware datetimes (UTC)
    updated: object
    author: str
    summary: str
    cpv_codes: list[str] = field(default_factory=list)


def _iso(dt) -> str:
    return dt.isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _INVALID_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        el.text = _INVALID_XML.sub("", str(text))
    return el


def atom_feed(title: str, self_url: str, site_url: str, entries: list[Entry]) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", title)
    _sub(feed, "id", self_url)
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    _sub(feed, "updated", _iso(max((e.updated for e in entries), default=utcnow())))
    author = _sub(feed, "author")
    _sub(author, "name", _("Møteplassen"))
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", e.url)
        _sub(entry, "title", e.title)
        _sub(entry, "link", rel="alternate", href=e.url, type="text/html")
        _sub(entry, "published", _iso(e.published))
        _sub(entry, "updated", _iso(e.updated))
        who = _sub(entry, "author")
        _sub(who, "name", e.author)
        _sub(entry, "summary", e.summary)
        for code in e.cpv_codes:
            _sub(entry, "category", term=code, label=cpv_label(code))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
