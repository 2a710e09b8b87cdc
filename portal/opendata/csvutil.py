"""CSV responses: UTF-8 with BOM, semicolon-separated, safe against formula injection.

Semicolons because Excel with Norwegian settings (decimal comma) splits on them when a file is
opened by double-click; the BOM makes it read UTF-8 (æøå) correctly.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from flask import Response

# Cells starting with these are run as formulas by spreadsheet programs (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return `value` as text, prefixed with ' when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)  # a negative number is data, not a formula
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence], delimiter: str = ";") -> str:
    """Render header and rows as CSV text with a leading BOM."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buf.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], delimiter: str = ";") -> Response:
    """Return a downloadable CSV file (UTF-8 with BOM, cells escaped against formula injection)."""
    body = csv_text(header, rows, delimiter).encode("utf-8")
    resp = Response(body, mimetype="text/csv")
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    resp.headers["Cache-Control"] = "no-store"
    return resp
