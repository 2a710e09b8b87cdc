"""The buyer's pages: Mine behov, the guided form in steps, preview, publish, status, attachments."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.errors import render_error
from portal.extensions import db
from portal.needs import forms, permissions, queries, services
from portal.needs.blueprint import bp, load_need
from portal.needs.models import NeedStatus
from portal.needs.services import NEXT_STATUSES, NeedError
from portal.organisations.context import active_org, waiting_memberships
from portal.organisations.permissions import is_org_admin
from portal.reference import cpv_label, cpv_search
from portal.search.cpv_suggest import suggest
from portal.search.documents import plain_text
from portal.uploads import UploadError

STEP_SLUGS = [slug for slug, _title, _cls in forms.STEPS]


def _apply_error(form, err: NeedError) -> None:
    if err.field and err.field in form:
        form[err.field].errors = [*form[err.field].errors, err.message]
    else:
        form.form_errors.append(err.message)


def _editable(need_id: int):
    need = load_need(need_id)
    if not permissions.can_edit_need(current_user, need):
        abort(403)
    return need


@bp.get("/behov/mine")
@login_required
def mine():
    org = active_org()
    if org is None or not org.is_buyer:
        return render_template("needs/mine.html", org=org, needs=[], joined=[], invitations=[])
    needs = db.session.scalars(queries.org_needs(org.id)).all()
    joined = db.session.scalars(queries.co_buyer_needs(org.id)).all()
    invitations = (db.session.scalars(queries.pending_co_buyer_invitations(org.id)).all()
                   if is_org_admin(current_user, org) else [])
    return render_template("needs/mine.html", org=org, needs=needs, joined=joined, invitations=invitations)


def _step_context(need, slug):
    return {"need": need, "steps": forms.STEPS, "step": slug, "step_number": STEP_SLUGS.index(slug) + 1}


@bp.route("/behov/ny", methods=["GET", "POST"])
@login_required
def new():
    org = active_org()
    if not permissions.can_create_need(current_user, org):
        if any(m.organisation.is_buyer for m in waiting_memberships(current_user)):
            return render_error(403, _("Organisasjonen din venter på verifisering hos Møteplassen. Du kan melde "
                                       "behov når den er verifisert, og du får e-post når det skjer."))
        return render_error(403, _("Du må handle for en oppdragsgiver (kommune, fylkeskommune eller annen "
                                   "offentlig virksomhet) for å melde behov."))
    form = forms.AboutForm()
    if form.validate_on_submit():
        try:
            need = services.create_need(current_user, org, forms.step_data(form))
        except NeedError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            flash(_("Utkastet er lagret. Bare din organisasjon kan se det."), "success")
            return redirect(url_for("needs.edit", need_id=need.id, step=STEP_SLUGS[1]))
    status = 400 if form.is_submitted() else 200
    return render_template("needs/form_step.html", form=form, org=org, **_step_context(None, "om")), status


def cpv_suggestions(need) -> list[tuple[str, str]]:
    """Up to 5 CPV codes suggested from the need's text, leaving out the ones it already has."""
    text = "\n".join(t for t in (need.title, need.summary, plain_text(need.problem_md), need.effects) if t)
    have = {need.main_cpv, *need.additional_cpvs}
    locale = str(get_locale())
    return [(s["code"], cpv_label(s["code"], locale)) for s in suggest(text, limit=5) if s["code"] not in have] \
        if text else []


def _form_for(need, slug, cls):
    if cls is forms.CategoryForm:
        suggestions = cpv_suggestions(need)
        if request.method == "POST":
            return cls(suggestions=suggestions)
        codes = [p.municipality or p.county for p in need.places]
        return cls(data={"cpv_main": need.main_cpv or "", "cpv_additional": need.additional_cpvs,
                         "counties": [c for c in codes if len(c) == 2],
                         "municipalities": [c for c in codes if len(c) == 4]}, suggestions=suggestions)
    if request.method == "POST":
        return cls()
    return cls(obj=need)


@bp.route("/behov/<int:need_id>/rediger/<step>", methods=["GET", "POST"])
@login_required
def edit(need_id: int, step: str):
    need = _editable(need_id)
    if step not in STEP_SLUGS:
        abort(404)
    cls = forms.STEPS[STEP_SLUGS.index(step)][2]
    form = _form_for(need, step, cls)
    if form.validate_on_submit():
        try:
            services.update_need(current_user, need, forms.step_data(form))
        except NeedError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            index = STEP_SLUGS.index(step)
            if request.form.get("go") == "preview" or index == len(STEP_SLUGS) - 1:
                return redirect(url_for("needs.preview", need_id=need.id))
            return redirect(url_for("needs.edit", need_id=need.id, step=STEP_SLUGS[index + 1]))
    status = 400 if form.is_submitted() else 200
    extra = {}
    if step == "kategori":
        q = (request.args.get("cpv_q") or "").strip()[:100]
        extra = {"cpv_q": q, "cpv_hits": cpv_search(q, limit=30) if q else []}
    if step == "kontakt":
        extra = {"attachment_form": forms.AttachmentForm()}
    return render_template("needs/form_step.html", form=form, org=need.organisation,
                           **_step_context(need, step), **extra), status


@bp.get("/behov/<int:need_id>/forhandsvis")
@login_required
def preview(need_id: int):
    need = _editable(need_id)
    return render_template("needs/detail.html", need=need, preview=True, publish_form=forms.ConfirmForm(),
                           can_publish=permissions.can_publish_need(current_user, need))


@bp.post("/behov/<int:need_id>/publiser")
@login_required
def publish(need_id: int):
    need = _editable(need_id)
    if not permissions.can_publish_need(current_user, need):
        return render_error(403, _("Organisasjonen må være verifisert som oppdragsgiver før den kan publisere."))
    try:
        services.publish_need(current_user, need)
    except NeedError as err:
        flash(err.message, "error")
        return redirect(url_for("needs.preview", need_id=need.id))
    db.session.commit()
    flash(_("Behovet er publisert. Alle kan nå se det."), "success")
    return redirect(url_for("needs.detail", need_id=need.id))


@bp.route("/behov/<int:need_id>/status", methods=["GET", "POST"])
@login_required
def status(need_id: int):
    need = load_need(need_id)
    if not permissions.can_change_status(current_user, need):
        abort(403)
    form = forms.StatusForm(sorted(NEXT_STATUSES[need.status], key=list(NeedStatus).index))
    if form.validate_on_submit():
        try:
            services.change_status(current_user, need, form.status.data, reason=form.reason.data,
                                   doffin_reference=form.doffin_reference.data)
        except NeedError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            flash(_("Statusen er endret."), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    code = 400 if form.is_submitted() else 200
    return render_template("needs/status.html", need=need, form=form), code


@bp.route("/behov/<int:need_id>/avlys", methods=["GET", "POST"])
@login_required
def cancel(need_id: int):
    need = load_need(need_id)
    if not permissions.can_cancel_need(current_user, need):
        abort(403)
    form = forms.CancelForm()
    if form.validate_on_submit():
        services.cancel_need(current_user, need, form.reason.data)
        db.session.commit()
        flash(_("Behovet er avlyst."), "success")
        return redirect(url_for("needs.detail", need_id=need.id))
    code = 400 if form.is_submitted() else 200
    return render_template("needs/cancel.html", need=need, form=form), code


@bp.post("/behov/<int:need_id>/slett")
@login_required
def delete(need_id: int):
    need = load_need(need_id)
    if not permissions.can_delete_draft(current_user, need):
        abort(403)
    if forms.ConfirmForm().validate_on_submit():
        services.delete_draft(current_user, need)
        db.session.commit()
        flash(_("Utkastet er slettet."), "success")
    return redirect(url_for("needs.mine"))


@bp.post("/behov/<int:need_id>/vedlegg")
@login_required
def upload(need_id: int):
    need = _editable(need_id)
    form = forms.AttachmentForm()
    if form.validate_on_submit():
        try:
            attachment = services.add_attachment(current_user, need, form.file.data)
        except UploadError as err:
            flash(str(err), "error")
        else:
            db.session.commit()
            flash(_("Vedlegget %(name)s er lastet opp.", name=attachment.original_name), "success")
    else:
        for error in form.file.errors:
            flash(str(error), "error")
    return redirect(url_for("needs.edit", need_id=need.id, step="kontakt"))


@bp.post("/behov/<int:need_id>/vedlegg/<int:attachment_id>/slett")
@login_required
def remove_attachment(need_id: int, attachment_id: int):
    need = _editable(need_id)
    attachment = next((a for a in need.attachments if a.id == attachment_id), None)
    if attachment is None:
        abort(404)
    if forms.ConfirmForm().validate_on_submit():
        services.remove_attachment(current_user, attachment)
        db.session.commit()
        flash(_("Vedlegget er fjernet."), "success")
    return redirect(url_for("needs.edit", need_id=need.id, step="kontakt"))
