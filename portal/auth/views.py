"""Accounts: register, confirm, login/logout, reset, change, delete. (stub: being built)"""

from flask import Blueprint, abort

from portal.auth.models import User
from portal.extensions import db, login_manager

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    uid, _, token = user_id.partition(":")
    user = db.session.get(User, int(uid)) if uid.isdigit() else None
    if user is None or user.session_token != token or not user.is_active:
        return None
    return user


@bp.route("/logg-inn", methods=["GET", "POST"])
def login():
    abort(404)


@bp.route("/registrer", methods=["GET", "POST"])
def register():
    abort(404)


@bp.post("/logg-ut")
def logout():
    abort(404)


@bp.get("/konto")
def account():
    abort(404)
