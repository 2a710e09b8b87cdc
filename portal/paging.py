"""Page numbers of the HTML lists (?side=, ?page=): always a page from 1 to the last, never an error.

(The /api/v1 lists page with ?limit=&offset= and answer 400 to bad numbers: portal.opendata.paging.)
"""

from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from portal.extensions import db

MAX_DIGITS = 12  # more digits than that is past any last page (and would overflow a database integer)


def is_digits(raw: str) -> bool:
    """Only 0-9 (str.isdigit() alone also takes '²' and other digits int() refuses)."""
    return raw.isascii() and raw.isdigit()


def page_number(last: int, arg: str = "side") -> int:
    """The page asked for in `arg`, clamped to 1 … `last`; 1 for anything that is not a number."""
    raw = request.args.get(arg, "")
    if not is_digits(raw):
        return 1
    page = int(raw) if len(raw) <= MAX_DIGITS else last
    return max(1, min(page, last))


def last_page(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def paginate(stmt: Select, per_page: int, arg: str = "side") -> Pagination:
    """db.paginate() on the page asked for, clamped to the pages there are."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    page = page_number(last_page(total, per_page), arg)
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False, count=False)
    pagination.total = total  # counted once, above
    return pagination
