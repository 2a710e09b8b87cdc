"""API keys for organisation admins: /organisasjoner/<id>/api-nokler (list, create, revoke)."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.extensions import db
from portal.opendata import services
from portal.opendata.forms import ApiKeyForm
from portal.opendata.models import ApiKey
from portal.opendata.permissions import can_manage_api_keys
from portal.organisations.models import Organisation


def _org(org_id: int) -> Organisation:
    org = db.session.get(Organisation, org_id)
    if org is None:
        abort(404)
    if not can_manage_api_keys(current_user, org):
        abort(403)
    return org


def _page(org: Organisation, form: ApiKeyForm, new_key: str | None = None, status: int = 200):
    keys = db.session.scalars(select(ApiKey).where(ApiKey.organisation_id == org.id)
                              .order_by(ApiKey.revoked_dt.is_not(None), ApiKey.created_dt.desc())).all()
    resp = make_response(render_template("opendata/api_keys.html", org=org, form=form, keys=keys,
                                         new_key=new_key), status)
    resp.headers["Cache-Control"] = "no-store"  # the new key must not stay in any cache
    return resp


@login_required
def index(org_id: int):
    org = _org(org_id)
    form = ApiKeyForm()
    if form.validate_on_submit():
        try:
            _api_key, plain = services.create_api_key(current_user, org, {"name": form.name.data})
        except services.ApiKeyError as err:
            (form.name.errors if err.field == "name" else form.form_errors).append(err.message)
        else:
            db.session.commit()
            # Shown in this response only: never stored, flashed or redirected with.
            return _page(org, ApiKeyForm(formdata=None), new_key=plain, status=201)
        return _page(org, form, status=400)
    return _page(org, form, status=400 if form.errors else 200)


@login_required
def revoke(org_id: int, key_id: int):
    org = _org(org_id)
    api_key = db.session.get(ApiKey, key_id)
    if api_key is None or api_key.organisation_id != org.id:
        abort(404)
    services.revoke_api_key(current_user, api_key)
    db.session.commit()
    flash(_("Nøkkelen «%(name)s» er trukket tilbake og virker ikke lenger.", name=api_key.name), "success")
    return redirect(url_for("opendata.api_keys", org_id=org.id))


def register(bp) -> None:
    bp.add_url_rule("/organisasjoner/<int:org_id>/api-nokler", endpoint="api_keys", view_func=index,
                    methods=["GET", "POST"])
    bp.add_url_rule("/organisasjoner/<int:org_id>/api-nokler/<int:key_id>/trekk-tilbake", endpoint="revoke_api_key",
                    view_func=revoke, methods=["POST"])
