"""Platform administration: the verification queue. (stub: being built)"""

from flask import Blueprint, abort

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
def queue():
    abort(404)
