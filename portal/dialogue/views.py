"""Market dialogue pages: events on a need, registration, meetings, Q&A, calendar."""

from flask import Blueprint, abort

from portal.dialogue import views_events, views_meetings, views_participation, views_qa

bp = Blueprint("dialogue", __name__)
MAX_ID = 2**31 - 1


def reject_huge_ids(endpoint, values) -> None:
    """An id beyond the integer column range cannot exist: 404, not a database error."""
    if any(isinstance(v, int) and not 0 < v <= MAX_ID for v in (values or {}).values()):
        abort(404)


bp.url_value_preprocessor(reject_huge_ids)

for _module in (views_events, views_meetings, views_participation, views_qa):
    _module.register(bp)
