"""Public pages: the list of needs, a need, a buyer's page, attachment download, CPV lookup."""

from flask import abort, jsonify, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from portal.extensions import db
from portal.needs import cobuyers, feeds, manage, permissions, queries  # noqa: F401  (they add routes to bp)
from portal.needs.blueprint import bp, load_need
from portal.needs.models import Need
from portal.organisations.models import Organisation
from portal.paging import last_page, page_number
from portal.reference import counties, cpv_divisions, cpv_search, municipality_choices
from portal.uploads import send_stored

__all__ = ["bp"]
PER_PAGE = 20


def _page_number(total: int) -> tuple[int, int]:
    pages = last_page(total, PER_PAGE)
    return page_number(pages, "page"), pages


@bp.get("/behov")
def index():
    filters = queries.parse_filters(request.args)
    total = db.session.scalar(queries.count_public(filters))
    page, pages = _page_number(total)
    needs = db.session.scalars(queries.public_needs(filters).limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render_template(
        "needs/index.html", needs=needs, filters=filters, total=total, page=page, pages=pages,
        args=filters.as_args(), feed_args={k: v for k, v in filters.as_args().items() if k in ('county', 'cpv')}, counties=sorted(counties().items(), key=lambda kv: kv[1]),
        municipalities=municipality_choices(), divisions=[(d, f"{d} – {label}") for d, label in sorted(cpv_divisions().items())],
        sorts=queries.SORTS, dialogue_filter=queries.dialogue_filter_available(),
    )


@bp.get("/behov/<int:need_id>")
def detail(need_id: int):
    need = load_need(need_id)
    return render_template("needs/detail.html", need=need, preview=False)


@bp.get("/behov/<int:need_id>/vedlegg/<int:attachment_id>")
def download(need_id: int, attachment_id: int):
    need = load_need(need_id)
    attachment = next((a for a in need.attachments if a.id == attachment_id), None)
    if attachment is None or not permissions.can_download_attachment(current_user, need):
        abort(404)
    return send_stored(attachment.storage_name, attachment.original_name, attachment.content_type)


@bp.get("/kjopere/<int:org_id>")
def buyer(org_id: int):
    org = db.session.get(Organisation, org_id)
    if org is None or not org.is_buyer:
        abort(404)
    needs = db.session.scalars(queries.org_needs(org.id, public_only=True).limit(200)).all()
    joined = db.session.scalars(queries.co_buyer_needs(org.id).where(Need.status != "draft").limit(200)).all()
    return render_template("buyers/detail.html", org=org, needs=needs, joined=joined)


@bp.get("/behov/cpv.json")
def cpv_lookup():
    """CPV suggestions for the picker: [{"code", "label"}]."""
    q = (request.args.get("q") or "")[:100]
    return jsonify([{"code": c, "label": label} for c, label in cpv_search(q, limit=15, locale=str(get_locale() or 'nb'))])
