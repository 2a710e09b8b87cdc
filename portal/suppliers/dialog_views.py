"""Interest and input on a need: /behov/<need_id>/dialog, /interesse, /interesserte, /innspill."""


from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.routing import BuildError

from portal.extensions import db
from portal.opendata.csvutil import csv_response
from portal.organisations.context import active_org
from portal.security import safe_next
from portal.suppliers import permissions as perm
from portal.suppliers import services
from portal.suppliers.choices import SIZE_SHORT
from portal.suppliers.forms import EmptyForm, InputForm, InterestForm, ReplyForm
from portal.suppliers.models import NeedInput
from portal.suppliers.queries import (
    interests_for_need,
    need_panel_context,
    profiles_by_org,
    visible_inputs,
)
from portal.text import plain_text
from portal.uploads import send_stored, upload_dir

dialog_bp = Blueprint("dialog", __name__, url_prefix="/behov/<int:need_id>")


@dialog_bp.app_template_global()
def need_url(need) -> str:
    """The need's own page (owned by the needs domain), or our dialogue page until it exists."""
    try:
        return url_for("needs.detail", need_id=need.id)
    except BuildError:
        return url_for("suppliers.dialog.panel", need_id=need.id)


@dialog_bp.app_template_global()
def supplier_need_panel(need) -> Markup:
    """Interest button, input form and visible input for `need`: `{{ supplier_need_panel(need) }}`."""
    # Autoescaped template output, so already safe HTML.
    return Markup(render_template("suppliers/_need_panel.html", **need_panel_context(need)))  # nosec B704


def load_need(need_id: int):
    """The need, or 404 when it does not exist or is a draft the user may not see."""
    from portal.needs.models import Need
    from portal.needs.permissions import can_view_need

    need = db.session.get(Need, need_id)
    if need is None or not can_view_need(current_user, need):
        abort(404)
    return need


def load_input(need, input_id: int) -> NeedInput:
    inp = db.session.get(NeedInput, input_id)
    if inp is None or inp.need_id != need.id or not perm.can_view_input(current_user, inp):
        abort(404)
    return inp


def _back(need):
    return redirect(safe_next(request.form.get("next"), url_for("suppliers.dialog.panel", need_id=need.id)))


def _supplier_org(need, check):
    org = active_org()
    if not check(current_user, org, need):
        abort(403)
    return org


@dialog_bp.get("/dialog")
def panel(need_id: int):
    need = load_need(need_id)
    return render_template("suppliers/dialog.html", **need_panel_context(need))


@dialog_bp.post("/interesse")
@login_required
def express_interest(need_id: int):
    need = load_need(need_id)
    org = _supplier_org(need, perm.can_express_interest)
    form = InterestForm(prefix="interest")
    if not form.validate():
        flash(_("Meldingen kan ha høyst 500 tegn."), "error")
        return _back(need)
    services.express_interest(current_user, org, need, form.note.data or "")
    db.session.commit()
    flash(_("Dere har meldt interesse. Innkjøperen kan nå se profilen deres."), "success")
    return _back(need)


@dialog_bp.post("/interesse/trekk")
@login_required
def withdraw_interest(need_id: int):
    need = load_need(need_id)
    org = active_org()
    if not perm.is_supplier_member(current_user, org):
        abort(403)
    if not EmptyForm().validate():
        abort(400)
    if services.withdraw_interest(current_user, org, need):
        db.session.commit()
        flash(_("Interessen er trukket."), "success")
    return _back(need)


def _owner_need(need_id: int):
    need = load_need(need_id)
    if not perm.is_need_owner(current_user, need):
        abort(403)
    return need


@dialog_bp.get("/interesserte")
@login_required
def interests(need_id: int):
    need = _owner_need(need_id)
    rows = interests_for_need(db, need.id)
    profiles = profiles_by_org(db, [i.organisation_id for i in rows])
    return render_template("suppliers/interests.html", need=need, interests=rows, profiles=profiles,
                           sizes=SIZE_SHORT)


@dialog_bp.get("/interesserte.csv")
@login_required
def interests_csv(need_id: int):
    need = _owner_need(need_id)
    rows = interests_for_need(db, need.id)
    profiles = profiles_by_org(db, [i.organisation_id for i in rows])
    out = []
    for i in rows:
        p = profiles.get(i.organisation_id)
        out.append([
            i.organisation.name, i.organisation.orgnr or "", str(SIZE_SHORT.get(p.size.value, "")) if p and p.size else "",
            _("ja") if p and p.is_social_enterprise else _("nei"), p.contact_name if p else "",
            p.contact_email if p else "", i.note, i.created_dt.strftime("%Y-%m-%d %H:%M UTC"),
            url_for("suppliers.profile", profile_id=p.id, _external=True) if p else "",
        ])
    header = [_("Leverandør"), _("Organisasjonsnummer"), _("Størrelse"), _("Sosial entreprenør"),
              _("Kontaktperson"), _("E-post"), _("Melding"), _("Meldt"), _("Profil")]
    return csv_response(f"interesserte-behov-{need.id}.csv", header, out)


@dialog_bp.post("/innspill")
@login_required
def submit_input(need_id: int):
    need = load_need(need_id)
    org = _supplier_org(need, perm.can_submit_input)
    form = InputForm(prefix="input")
    if form.validate():
        try:
            inp = services.submit_input(current_user, org, need, form.data, form.attachment.data)
        except services.SupplierError as exc:
            db.session.rollback()
            form.attachment.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("Innspillet er sendt til innkjøperen."), "success")
            return redirect(url_for("suppliers.dialog.input_detail", need_id=need.id, input_id=inp.id))
    ctx = need_panel_context(need)
    ctx["panel_input_form"] = form
    return render_template("suppliers/dialog.html", **ctx), 400


@dialog_bp.get("/innspill")
def inputs(need_id: int):
    need = load_need(need_id)
    owner = perm.is_need_owner(current_user, need)
    return render_template("suppliers/inputs.html", need=need, owner=owner,
                           inputs=visible_inputs(db, current_user, need, owner))


@dialog_bp.get("/innspill.csv")
@login_required
def inputs_csv(need_id: int):
    need = _owner_need(need_id)
    rows = [[i.organisation.name, _("ja") if i.is_confidential else _("nei"), _("ja") if i.is_published else _("nei"),
             plain_text(i.text), i.attachment_name or "", i.reply_text or "", i.created_dt.strftime("%Y-%m-%d %H:%M UTC")]
            for i in visible_inputs(db, current_user, need, True)]
    header = [_("Leverandør"), _("Konfidensielt"), _("Publisert"), _("Innspill"), _("Vedlegg"), _("Svar"), _("Sendt")]
    return csv_response(f"innspill-behov-{need.id}.csv", header, rows)


@dialog_bp.get("/innspill/<int:input_id>")
def input_detail(need_id: int, input_id: int):
    need = load_need(need_id)
    inp = load_input(need, input_id)
    owner = perm.is_need_owner(current_user, need)
    return render_template("suppliers/input_detail.html", need=need, inp=inp, owner=owner,
                           reply_form=ReplyForm(reply=inp.reply_text) if owner else None,
                           publish_form=EmptyForm() if owner else None)


@dialog_bp.post("/innspill/<int:input_id>/svar")
@login_required
def reply(need_id: int, input_id: int):
    need = load_need(need_id)
    inp = load_input(need, input_id)
    if not perm.is_need_owner(current_user, need):
        abort(403)
    form = ReplyForm()
    if form.validate():
        services.reply_input(current_user, inp, form.reply.data)
        db.session.commit()
        flash(_("Svaret er lagret og leverandøren er varslet."), "success")
        return redirect(url_for("suppliers.dialog.input_detail", need_id=need.id, input_id=inp.id))
    return render_template("suppliers/input_detail.html", need=need, inp=inp, owner=True, reply_form=form,
                           publish_form=EmptyForm()), 400


@dialog_bp.post("/innspill/<int:input_id>/publiser")
@login_required
def publish(need_id: int, input_id: int):
    need = load_need(need_id)
    inp = load_input(need, input_id)
    if not perm.is_need_owner(current_user, need):
        abort(403)
    if not EmptyForm().validate():
        abort(400)
    publish = request.form.get("publish", "1") == "1"
    if publish and not perm.can_publish_input(current_user, inp):
        abort(403)
    services.publish_input(current_user, inp, publish)
    db.session.commit()
    flash(_("Innspillet er publisert.") if publish else _("Innspillet er ikke lenger publisert."), "success")
    return redirect(url_for("suppliers.dialog.input_detail", need_id=need.id, input_id=inp.id))


@dialog_bp.get("/innspill/<int:input_id>/vedlegg")
def attachment(need_id: int, input_id: int):
    need = load_need(need_id)
    inp = load_input(need, input_id)
    if not inp.attachment_storage or not (upload_dir() / inp.attachment_storage).is_file():
        abort(404)
    return send_stored(inp.attachment_storage, inp.attachment_name, inp.attachment_type)
