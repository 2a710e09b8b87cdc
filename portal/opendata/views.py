"""Open-data pages: CSV exports, the Innsikt dashboard, and API keys for organisation admins."""

from flask import Blueprint, request
from flask_login import current_user

from portal.opendata import exports, views_insight, views_keys
from portal.opendata.csvutil import csv_response
from portal.suppliers.permissions import can_see_hidden_profiles

bp = Blueprint("opendata", __name__)


@bp.get("/behov/eksport.csv")
def needs_csv():
    """The public needs list as CSV, with the same filters as /behov."""
    return csv_response("behov.csv", exports.NEED_HEADER, exports.need_rows(request.args))


@bp.get("/leverandorer/eksport.csv")
def suppliers_csv():
    """The supplier directory as CSV, with the same filters as /leverandorer."""
    rows = exports.supplier_rows(request.args, can_see_hidden_profiles(current_user))
    return csv_response("leverandorer.csv", exports.SUPPLIER_HEADER, rows)


for _module in (views_insight, views_keys):
    _module.register(bp)
