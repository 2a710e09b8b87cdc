"""Co-buyers: the owner invites other verified buyers; each invited organisation's admin answers."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.extensions import db
from portal.needs import forms, permissions, services
from portal.needs.blueprint import bp, load_need
from portal.needs.models import NeedCoBuyer
from portal.needs.services import NeedError
from portal.organisations.models import Organisation, OrgSide, VerificationStatus


def _candidates(need):
    taken = {need.organisation_id} | {c.organisation_id for c in need.co_buyers}
    orgs = db.session.scalars(
        select(Organisation).where(Organisation.side == OrgSide.BUYER,
                                   Organisation.verification == VerificationStatus.VERIFIED)
        .order_by(Organisation.name)
    ).all()
    return [(o.id, o.name) for o in orgs if o.id not in taken]


@bp.route("/behov/<int:need_id>/medkjopere", methods=["GET", "POST"])
@login_required
def co_buyers(need_id: int):
    need = load_need(need_id)
    if not permissions.can_manage_co_buyers(current_user, need):
        abort(403)
    form = forms.CoBuyerForm()
    form.organisation_id.choices = [("", _("Velg organisasjon"))] + _candidates(need)
    if form.validate_on_submit():
        org = db.session.get(Organisation, form.organisation_id.data)
        try:
            services.invite_co_buyer(current_user, need, org)
        except NeedError as err:
            form.organisation_id.errors = [err.message]
        else:
            db.session.commit()
            flash(_("%(org)s er invitert. En administrator der må bekrefte.", org=org.name), "success")
            return redirect(url_for("needs.co_buyers", need_id=need.id))
    code = 400 if form.is_submitted() else 200
    return render_template("needs/co_buyers.html", need=need, form=form, remove_form=forms.ConfirmForm()), code


@bp.post("/behov/<int:need_id>/medkjopere/<int:co_buyer_id>/fjern")
@login_required
def remove_co_buyer(need_id: int, co_buyer_id: int):
    need = load_need(need_id)
    if not permissions.can_manage_co_buyers(current_user, need):
        abort(403)
    co_buyer = next((c for c in need.co_buyers if c.id == co_buyer_id), None)
    if co_buyer is None:
        abort(404)
    if forms.ConfirmForm().validate_on_submit():
        services.remove_co_buyer(current_user, co_buyer)
        db.session.commit()
        flash(_("Medkjøperen er fjernet."), "success")
    return redirect(url_for("needs.co_buyers", need_id=need.id))


@bp.route("/behov/medkjoper/<int:co_buyer_id>", methods=["GET", "POST"])
@login_required
def answer_co_buyer(co_buyer_id: int):
    co_buyer = db.session.get(NeedCoBuyer, co_buyer_id)
    if co_buyer is None:
        abort(404)
    if not permissions.can_answer_co_buyer(current_user, co_buyer):
        abort(403)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        if request.form.get("answer") == "yes":
            services.confirm_co_buyer(current_user, co_buyer)
            flash(_("Dere er nå medkjøper på «%(title)s».", title=co_buyer.need.title), "success")
        else:
            services.remove_co_buyer(current_user, co_buyer)
            flash(_("Invitasjonen er avslått."), "success")
        db.session.commit()
        return redirect(url_for("needs.mine"))
    return render_template("needs/co_buyer_answer.html", co_buyer=co_buyer, need=co_buyer.need, form=form)
