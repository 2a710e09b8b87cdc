"""Atom feed of a saved search: its new needs or suppliers, named after the search."""

from flask import Response, url_for
from flask_babel import gettext as _

from portal.atom import Entry, atom_response
from portal.needs.feeds import build_feed
from portal.text import plain_text


def supplier_entry(profile) -> Entry:
    name = profile.organisation.name
    return Entry(url=url_for("suppliers.profile", profile_id=profile.id, _external=True), title=name,
                 published=profile.created_dt, updated=profile.updated_dt, author=name,
                 summary=plain_text(profile.capability_md)[:500] or (profile.products_services or "")[:500],
                 cpv_codes=profile.cpv_codes)


def build(search, objects, feed_id: str, site_url: str) -> Response:
    """The feed response; without matches its `updated` is the search's creation (stable between polls)."""
    title = _("Møteplassen – %(name)s", name=search.name)
    if search.doc_type == "need":
        return build_feed(objects, feed_id, site_url, search.created_dt, title)
    return atom_response(title, feed_id, site_url, [supplier_entry(p) for p in objects], search.created_dt)
