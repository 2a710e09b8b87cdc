"""Organisations: create, members, invitations, switch. (stub: being built)"""

from flask import Blueprint, abort

bp = Blueprint("organisations", __name__, url_prefix="/organisasjoner")


@bp.get("/<int:org_id>")
def detail(org_id: int):
    abort(404)


@bp.get("/mine")
def mine():
    abort(404)
