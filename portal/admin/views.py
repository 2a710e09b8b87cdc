"""Platform administration: the verification queue and lists of organisations and users."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.extensions import db, login_manager
from portal.organisations import permissions, queries, services
from portal.organisations.forms import RejectForm
from portal.organisations.models import Organisation
from portal.paging import paginate

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50


@bp.before_request
def platform_admins_only():
    """Anonymous visitors are sent to the login page; other users get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not permissions.is_platform_admin(current_user):
        abort(403)
    return None


def _page(stmt):
    return paginate(stmt, PER_PAGE)


@bp.get("/")
def queue():
    orgs = db.session.scalars(queries.pending_organisations()).all()
    claims = db.session.scalars(queries.pending_claims()).all()
    return render_template("admin/queue.html", orgs=orgs, claims=claims)


def _render_review(org: Organisation, form: RejectForm | None = None):
    members = db.session.execute(queries.members_of(org)).all()
    claims = db.session.scalars(queries.pending_claims(org)).all()
    return render_template("admin/review.html", org=org, members=members, claims=claims,
                           form=form or RejectForm(formdata=None))


@bp.get("/organisasjoner/<int:org_id>")
def review(org_id: int):
    return _render_review(db.get_or_404(Organisation, org_id))


@bp.post("/organisasjoner/<int:org_id>/verifiser")
def verify(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    try:
        services.verify_organisation(current_user, org)
    except services.OrganisationError as err:
        flash(str(err.message), "error")
        return redirect(url_for(".review", org_id=org.id))
    db.session.commit()
    flash(_("%(name)s er verifisert. Administratorene har fått e-post.", name=org.name), "success")
    return redirect(url_for(".queue"))


@bp.post("/organisasjoner/<int:org_id>/avvis")
def reject(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _render_review(org, form)
    try:
        services.reject_organisation(current_user, org, form.reason.data)
    except services.OrganisationError as err:
        flash(str(err.message), "error")
        return redirect(url_for(".review", org_id=org.id))
    db.session.commit()
    flash(_("%(name)s er avvist. Administratorene har fått e-post med begrunnelsen, og ingen har lenger tilgang "
            "til organisasjonen.", name=org.name), "success")
    return redirect(url_for(".queue"))


@bp.get("/organisasjoner")
def organisations():
    q = request.args.get("q", "").strip()
    return render_template("admin/organisations.html", q=q, pagination=_page(queries.all_organisations(q)))


@bp.get("/brukere")
def users():
    q = request.args.get("q", "").strip()
    return render_template("admin/users.html", q=q, pagination=_page(queries.all_users(q)))
