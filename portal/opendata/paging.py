"""API pagination as in the other /api/v1 lists: ?limit=20&offset=0 (limit ≤ 100), 400 on bad numbers."""

from dataclasses import dataclass

from flask import abort, request, url_for
from sqlalchemy import func, select

from portal.extensions import db
from portal.paging import is_digits

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 10_000_000


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not is_digits(raw) or len(raw) > 12 or not low <= int(raw) <= high:
        from portal.errors import render_error

        abort(render_error(400, f"{name} må være et heltall fra {low} til {high}."))
    return int(raw)


@dataclass
class Page:
    items: list
    limit: int
    offset: int
    total: int

    def links(self, endpoint: str, **values) -> dict:
        """Absolute self/first/prev/next URLs keeping the other query arguments."""
        args = {k: v for k, v in request.args.items() if k not in ("limit", "offset")}
        args.update(values)

        def url(offset):
            return url_for(endpoint, limit=self.limit, offset=offset, _external=True, **args)

        links = {"self": url(self.offset), "first": url(0)}
        if self.offset > 0:
            links["prev"] = url(max(0, self.offset - self.limit))
        if self.offset + self.limit < self.total:
            links["next"] = url(self.offset + self.limit)
        return links


def paginate(stmt) -> Page:
    """Run `stmt` for the slice asked for in the query string."""
    limit = _int_arg("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _int_arg("offset", 0, 0, MAX_OFFSET)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    items = list(db.session.scalars(stmt.limit(limit).offset(offset)))
    return Page(items=items, limit=limit, offset=offset, total=total)


def link_header(links: dict) -> str:
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if rel != "self")
