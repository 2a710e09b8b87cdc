"""The needs blueprint and the template helpers every needs page uses."""

from flask import Blueprint, abort
from flask_babel import format_decimal
from flask_login import current_user

from portal.extensions import db
from portal.needs import labels, permissions
from portal.needs.models import Need
from portal.reference import cpv_label
from portal.text import render_markdown

bp = Blueprint("needs", __name__)


@bp.app_template_filter("nok")
def nok(value) -> str:
    return "" if value is None else f"{format_decimal(value)} kr"


@bp.app_context_processor
def need_helpers():
    return {
        "status_label": lambda s: labels.STATUS_LABELS.get(s, s),
        "kind_label": lambda k: labels.KIND_LABELS.get(k, k),
        "procedure_label": lambda p: labels.PROCEDURE_LABELS.get(p, p),
        "threshold_label": lambda t: labels.THRESHOLD_LABELS.get(t, t),
        "field_label": lambda f: labels.FIELD_LABELS.get(f, f),
        "change_value": labels.change_value,
        "place_label": labels.place_label,
        "cpv_label": cpv_label,
        "need_can": lambda predicate, obj: getattr(permissions, f"can_{predicate}")(current_user, obj),
        "render_markdown": render_markdown,
    }


def load_need(need_id: int) -> Need:
    """The need or 404; a draft the user may not see is a 404 too (its existence is not public)."""
    need = db.session.get(Need, need_id)
    if need is None or not permissions.can_view_need(current_user, need):
        abort(404)
    return need


def load_public_need(need_id: int) -> Need:
    """A published need or 404, for pages about what others see of it (its matches, following them)."""
    need = db.session.get(Need, need_id)
    if need is None or not need.is_public:
        abort(404)
    return need
