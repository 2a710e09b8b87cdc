"""Atom 1.0 feeds (RFC 4287): one writer for the needs feed and the saved-search feeds.

Feed readers poll: every feed has a stable id and `updated`, an ETag and Last-Modified, and answers a
conditional GET with 304. Errors are short plain text, which readers show, never an HTML page.
"""

import hashlib
import re
import xml.etree.ElementTree as ET  # noqa: S405 - we only build XML, never parse it
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Response, request
from flask_babel import get_locale
from flask_babel import gettext as _

from portal.reference import cpv_label

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MIMETYPE = "application/atom+xml"
# `updated` of an empty feed with nothing better to go by: fixed, so polling an empty feed costs a 304.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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
    return dt.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _INVALID_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        el.text = _INVALID_XML.sub("", str(text))
    return el


def feed_url(base_url: str, args: dict) -> str:
    """The feed's canonical URL (its Atom id): normalised filters in sorted order, empty ones left out."""
    pairs = sorted((k, str(v)) for k, v in args.items() if v not in (None, ""))
    return f"{base_url}?{urlencode(pairs)}" if pairs else base_url


def atom_feed(title: str, feed_id: str, site_url: str, entries: list[Entry], empty_updated: datetime) -> bytes:
    """The feed document; `feed_id` is also its self link, `empty_updated` its `updated` without entries."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: str(get_locale() or "nb")})
    _sub(feed, "title", title)
    _sub(feed, "id", feed_id)
    _sub(feed, "link", rel="self", href=feed_id, type=MIMETYPE)
    _sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    _sub(feed, "updated", _iso(feed_updated(entries, empty_updated)))
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


def feed_updated(entries: list[Entry], empty_updated: datetime) -> datetime:
    return max((e.updated for e in entries), default=empty_updated).replace(microsecond=0)


def atom_response(title: str, feed_id: str, site_url: str, entries: list[Entry], empty_updated: datetime) -> Response:
    """The feed with ETag and Last-Modified; 304 when the reader's copy is current."""
    body = atom_feed(title, feed_id, site_url, entries, empty_updated)
    resp = Response(body, mimetype=MIMETYPE)
    resp.set_etag(hashlib.sha256(body).hexdigest()[:32])
    resp.last_modified = feed_updated(entries, empty_updated)
    # The feed's language follows the reader's language choice (cookie), so caches keep them apart.
    resp.vary.add("Cookie")
    return resp.make_conditional(request)


def atom_error(status: int, message: str) -> Response:
    """An error a feed reader can show: a short plain-text message, not the HTML error page."""
    return Response(message + "\n", status=status, mimetype="text/plain")
