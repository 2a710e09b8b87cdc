"""Organisations: create, page, members, invitations, switching the organisation you act for."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from stdnum.no import orgnr as stdnum_orgnr

from portal.extensions import db
from portal.organisations import context, permissions, queries, services, services_claims
from portal.organisations.forms import KIND_LABELS, InviteForm, OrganisationForm
from portal.organisations.models import Invitation, MemberRole, Membership, Organisation, OrganisationClaim
from portal.reference import municipality_name
from portal.security import safe_next

# No url_prefix: the invitation link lives at /invitasjon/<token>.
bp = Blueprint("organisations", __name__)


@bp.app_template_filter("org_kind")
def org_kind_label(kind) -> str:
    return str(KIND_LABELS.get(kind, kind or ""))


@bp.app_template_filter("orgnr")
def format_orgnr(value: str | None) -> str:
    return stdnum_orgnr.format(value) if value else ""


@bp.app_template_global("municipality_name")
def _municipality_name(number: str | None) -> str:
    return municipality_name(number)


def _error(err: services.OrganisationError, form=None) -> None:
    """Show a domain error next to its field when there is one, else as a flash message."""
    if form is not None and err.field and err.field in form:
        form[err.field].errors = [*form[err.field].errors, str(err.message)]
    else:
        flash(str(err.message), "error")


@bp.route("/organisasjoner/ny", methods=["GET", "POST"])
@login_required
def create():
    form = OrganisationForm()
    if not current_user.is_confirmed:  # the page says so, and offers the link again (base.html)
        return render_template("organisations/create.html", form=form), 403 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            org = services_claims.register_organisation(current_user, form.to_data())
        except services.OrganisationError as err:
            db.session.rollback()
            _error(err, form)
        else:
            db.session.commit()
            if isinstance(org, OrganisationClaim):
                flash(_("%(name)s finnes allerede på Møteplassen. Vi har sendt en forespørsel om tilgang til "
                        "administratorene. Du får e-post når de har svart, og til da har du ikke tilgang til "
                        "organisasjonen.", name=org.organisation.name), "info")
                return redirect(url_for(".mine"))
            context.set_active_org(org.id)
            if org.is_verified:
                flash(_("%(name)s er registrert, og du er administrator.", name=org.name), "success")
            else:
                flash(_("%(name)s er registrert. En administrator på Møteplassen sjekker at organisasjonen er en "
                        "offentlig virksomhet. Du får e-post når den er verifisert, og først da kan du skrive "
                        "behov.", name=org.name), "success")
            return redirect(url_for(".detail", org_id=org.id))
    return render_template("organisations/create.html", form=form)


def _render_detail(org: Organisation, invite_form: InviteForm | None = None, status: int = 200):
    members = invitations = claims = None
    if permissions.can_view_members(current_user, org):
        members = db.session.execute(queries.members_of(org)).all()
    can_manage = permissions.can_manage_members(current_user, org)
    if can_manage:
        invitations = [i for i in db.session.scalars(queries.open_invitations(org))
                       if services.invitation_state(i) == "open"]
        claims = db.session.scalars(queries.pending_claims(org)).all()
    return render_template(
        "organisations/detail.html", org=org, members=members, invitations=invitations, claims=claims,
        can_manage=can_manage, my_membership=permissions.own_membership(current_user, org),
        invite_form=invite_form or InviteForm(formdata=None),
    ), status


@bp.get("/organisasjoner/<int:org_id>")
def detail(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    if not permissions.can_view_org_page(current_user, org):
        abort(404)
    return _render_detail(org)


@bp.get("/organisasjoner/mine")
@login_required
def mine():
    memberships = context.user_memberships(current_user)
    return render_template("organisations/mine.html", memberships=memberships,
                           active=context.active_membership(), **context.waiting(current_user))


@bp.post("/organisasjoner/<int:org_id>/bytt")
@login_required
def switch(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    if not context.set_active_org(org.id):
        abort(403)
    flash(_("Du handler nå for %(name)s.", name=org.name), "success")
    return redirect(safe_next(request.form.get("next"), url_for(".mine")))


def _managed_org(org_id: int) -> Organisation:
    org = db.get_or_404(Organisation, org_id)
    if not permissions.can_manage_members(current_user, org):
        abort(403)
    return org


def _membership(org: Organisation, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organisation_id != org.id:
        abort(404)
    return membership


@bp.post("/organisasjoner/<int:org_id>/inviter")
@login_required
def invite(org_id: int):
    org = _managed_org(org_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite_member(current_user, org, form.email.data)
        except services.OrganisationError as err:
            _error(err, form)
        else:
            db.session.commit()
            flash(_("Invitasjonen er sendt til %(email)s. Lenken gjelder i 14 dager.", email=form.email.data),
                  "success")
            return redirect(url_for(".detail", org_id=org.id) + "#invitasjoner")
    return _render_detail(org, invite_form=form)


@bp.post("/organisasjoner/<int:org_id>/invitasjoner/<int:invitation_id>/trekk-tilbake")
@login_required
def revoke_invitation(org_id: int, invitation_id: int):
    org = _managed_org(org_id)
    inv = db.session.get(Invitation, invitation_id)
    if inv is None or inv.organisation_id != org.id:
        abort(404)
    try:
        services.revoke_invitation(current_user, inv)
    except services.OrganisationError as err:
        _error(err)
    else:
        db.session.commit()
        flash(_("Invitasjonen til %(email)s er trukket tilbake.", email=inv.email), "success")
    return redirect(url_for(".detail", org_id=org.id) + "#invitasjoner")


def _member_action(org_id: int, membership_id: int, action, done: str):
    org = _managed_org(org_id)
    membership = _membership(org, membership_id)
    name = membership.user.name
    try:
        action(membership)
    except services.OrganisationError as err:
        _error(err)
    else:
        db.session.commit()
        flash(done % {"name": name}, "success")
    return redirect(url_for(".detail", org_id=org.id) + "#medlemmer")


@bp.post("/organisasjoner/<int:org_id>/medlemmer/<int:membership_id>/fjern")
@login_required
def remove_member(org_id: int, membership_id: int):
    return _member_action(org_id, membership_id, lambda m: services.remove_member(current_user, m),
                          _("%(name)s er fjernet fra organisasjonen."))


@bp.post("/organisasjoner/<int:org_id>/medlemmer/<int:membership_id>/gjor-til-administrator")
@login_required
def make_admin(org_id: int, membership_id: int):
    return _member_action(org_id, membership_id,
                          lambda m: services.set_member_role(current_user, m, MemberRole.ADMIN),
                          _("%(name)s er nå administrator."))


@bp.post("/organisasjoner/<int:org_id>/medlemmer/<int:membership_id>/fjern-administrator")
@login_required
def demote(org_id: int, membership_id: int):
    return _member_action(org_id, membership_id,
                          lambda m: services.set_member_role(current_user, m, MemberRole.MEMBER),
                          _("%(name)s er ikke lenger administrator."))


@bp.post("/organisasjoner/<int:org_id>/forlat")
@login_required
def leave(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    membership = permissions.own_membership(current_user, org)  # leaving a pending organisation is allowed
    if membership is None:
        abort(403)
    try:
        services.leave_organisation(current_user, membership)
    except services.OrganisationError as err:
        _error(err)
        return redirect(url_for(".detail", org_id=org.id))
    db.session.commit()
    flash(_("Du er ikke lenger medlem av %(name)s.", name=org.name), "success")
    return redirect(url_for(".mine"))


def _decide(org_id: int, claim_id: int, approve: bool):
    claim = db.session.get(OrganisationClaim, claim_id)
    if claim is None or claim.organisation_id != org_id:
        abort(404)
    if not permissions.can_decide_claim(current_user, claim):
        abort(403)
    try:
        if approve:
            services_claims.approve_claim(current_user, claim)
        else:
            services_claims.decline_claim(current_user, claim)
    except services.OrganisationError as err:
        _error(err)
    else:
        db.session.commit()
        done = (_("%(name)s har fått tilgang.", name=claim.user.name) if approve
                else _("Forespørselen fra %(name)s er avslått.", name=claim.user.name))
        flash(done, "success")
    return redirect(safe_next(request.form.get("next"), url_for(".detail", org_id=org_id) + "#foresporsler"))


@bp.post("/organisasjoner/<int:org_id>/foresporsler/<int:claim_id>/godkjenn")
@login_required
def approve_claim(org_id: int, claim_id: int):
    return _decide(org_id, claim_id, approve=True)


@bp.post("/organisasjoner/<int:org_id>/foresporsler/<int:claim_id>/avsla")
@login_required
def decline_claim(org_id: int, claim_id: int):
    return _decide(org_id, claim_id, approve=False)


@bp.route("/invitasjon/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    inv = services.find_invitation(token)
    state = services.invitation_state(inv) if inv else "unknown"
    if state != "open":
        status = 404 if state == "unknown" else 410
        return render_template("organisations/invitation.html", inv=inv, state=state), status
    if request.method == "POST":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.path))
        try:
            membership = services.accept_invitation(current_user, inv)
        except services.OrganisationError as err:
            db.session.rollback()  # the link stays unused for the invited person
            flash(str(err.message), "error")
            return _invitation_page(inv, token, 403)
        db.session.commit()
        context.set_active_org(membership.organisation_id)
        flash(_("Velkommen! Du er nå medlem av %(name)s.", name=inv.organisation.name), "success")
        return redirect(url_for(".detail", org_id=inv.organisation_id))
    return _invitation_page(inv, token)


def _invitation_page(inv: Invitation, token: str, status: int = 200):
    return render_template(
        "organisations/invitation.html", inv=inv, state="open", token=token,
        already=permissions.is_member(current_user, inv.organisation),
        invited=services.is_invited(current_user, inv), masked=services.masked_email(inv.email),
    ), status
