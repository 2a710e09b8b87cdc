"""Accounts: register, confirm, login/logout, reset, own account, export, delete."""

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from portal.auth import forms, services, throttle
from portal.auth.models import User
from portal.auth.tokens import TokenError
from portal.extensions import db, limiter, login_manager
from portal.security import safe_next

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Logg inn for å se denne siden.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str  # lazy string → text in the current language, storable in the session


@login_manager.user_loader
def load_user(user_id: str):
    uid, _sep, token = user_id.partition(":")
    user = db.session.get(User, int(uid)) if uid.isdigit() else None
    if user is None or user.session_token != token or not user.is_active:
        return None
    return user


def _limit(key: str, default: str):
    """A POST-only rate limit per IP, adjustable in config (e.g. AUTH_LOGIN_LIMIT)."""
    return limiter.limit(lambda: current_app.config.get(key, default), methods=["POST"])


def _home() -> str:
    return url_for("dashboard.index") if "dashboard.index" in current_app.view_functions else url_for("pages.index")


def _apply_error(form, err: services.AuthError) -> None:
    if err.field and err.field in form:
        form[err.field].errors = [*form[err.field].errors, err.message]
    else:
        form.form_errors.append(err.message)


def _remembered() -> bool:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies


# ---------------------------------------------------------------- register and confirm


def _invitation_for_registration() -> tuple[str | None, str | None]:
    """(invited address, invitation page) when registering from an open invitation's link, else (None, None)."""
    from portal.organisations.services import open_invitation

    token = request.args.get("invitasjon")
    inv = open_invitation(token)
    if inv is None:
        return None, None
    return inv.email, url_for("organisations.accept_invitation", token=token)


@bp.route("/registrer", methods=["GET", "POST"])
@_limit("AUTH_REGISTER_LIMIT", "20 per hour")
def register():
    if current_user.is_authenticated:
        return redirect(_home())
    form = forms.RegisterForm()
    invited_email, invitation_path = _invitation_for_registration()
    if invited_email:
        form.email.data = invited_email  # locked: the invitation works only for this address
    if form.validate_on_submit():
        # The same answer whether or not the address has an account (its owner gets a mail instead).
        services.register_user(None, {**form.data, "locale": session.get("lang") or "nb"}, confirm_next=invitation_path)
        db.session.commit()
        flash(_("Vi har sendt en e-post til %(email)s. Åpne lenken i den for å bekrefte e-postadressen, "
                "og logg så inn.", email=form.email.data), "success")
        next_path = invitation_path or request.args.get("next")
        return redirect(url_for("auth.login", next=next_path))  # login checks it is local
    return render_template("auth/register.html", form=form, invited_email=invited_email)


def _log_in_to_confirm():
    """A confirmation link counts only for the account's holder: the person who opens it logs in first.

    Otherwise whoever registered someone else's address (with a password of their own) would get a
    confirmed account for it the moment its owner clicked the mail. The owner, who does not know that
    password, asks for a new one: the reset link confirms the address and logs the other person out."""
    flash(_("Logg inn for å bekrefte e-postadressen. Kjenner du ikke passordet (for eksempel fordi noen andre "
            "opprettet kontoen med adressen din), be om nytt passord."), "info")
    return redirect(url_for("auth.login", next=request.path))


@bp.get("/bekreft/<token>")
def confirm(token: str):
    if not current_user.is_authenticated:
        return _log_in_to_confirm()
    try:
        user, next_path = services.confirm_email(token, current_user)
    except TokenError as err:
        return _bad_link(err, resend=True)
    db.session.commit()
    flash(_("Takk! E-postadressen %(email)s er bekreftet.", email=user.email), "success")
    # e.g. back to the invitation the account was registered from
    return redirect(safe_next(next_path, "") or _home())


@bp.post("/bekreft/ny-lenke")
@login_required
@_limit("AUTH_RESEND_LIMIT", "5 per hour")
def resend_confirmation():
    # CSRFProtect has checked the token before we get here.
    if not current_user.is_confirmed:
        services.send_confirmation(current_user, next_path=safe_next(request.form.get("next"), "") or None)
        db.session.commit()
        flash(_("Vi har sendt en ny lenke til %(email)s.", email=current_user.email), "success")
    return redirect(safe_next(request.form.get("next"), url_for("auth.account")))


def _bad_link(err: TokenError, resend: bool = False):
    if err.expired:
        message = _("Lenken er utløpt.")
    else:
        message = _("Lenken er ugyldig eller allerede brukt.")
    return render_template("auth/bad_link.html", message=message, resend=resend), 400


# ---------------------------------------------------------------- login and logout


@bp.route("/logg-inn", methods=["GET", "POST"])
@_limit("AUTH_LOGIN_LIMIT", "10 per minute")
def login():
    target = safe_next(request.args.get("next"), _home())
    if current_user.is_authenticated:
        return redirect(target)
    form = forms.LoginForm()
    status = 200
    if form.validate_on_submit():
        email = form.email.data
        device = throttle.known_device(request.cookies.get(throttle.DEVICE_COOKIE), email)
        try:
            user = services.authenticate(email, form.password.data, request.remote_addr, device)
        except services.TooManyAttempts as err:  # refused unchecked: nothing counted, nothing to commit
            form.form_errors.append(ngettext("For mange forsøk. Vent %(num)d sekund før du prøver igjen.",
                                             "For mange forsøk. Vent %(num)d sekunder før du prøver igjen.",
                                             err.seconds))
            status = 429
        except services.AuthError as err:
            db.session.commit()  # keep the failure count
            form.form_errors.append(err.message)
            status = 401
        else:
            db.session.commit()
            session.pop("org_id", None)
            login_user(user, remember=form.remember.data)
            response = redirect(target)
            _set_device_cookie(response, user.email, device)
            return response
    elif form.is_submitted():
        status = 400
    return render_template("auth/login.html", form=form), status


def _set_device_cookie(response: Response, email: str, device: str | None) -> None:
    """Remember that this browser has logged in to `email`: its failures are then counted on their own."""
    cfg = current_app.config
    response.set_cookie(throttle.DEVICE_COOKIE, throttle.device_cookie_value(email, device),
                        max_age=cfg["LOGIN_DEVICE_MAX_AGE"], httponly=True, samesite="Lax",
                        secure=cfg["SESSION_COOKIE_SECURE"])


@bp.post("/logg-ut")
def logout():
    if current_user.is_authenticated:
        # Server-side: a copied session or remember-me cookie opens nothing afterwards, on any device.
        services.log_out(current_user, current_user._get_current_object())
        db.session.commit()
    logout_user()
    session.pop("org_id", None)
    flash(_("Du er logget ut."), "success")
    return redirect(safe_next(request.form.get("next"), url_for("pages.index")))


# ---------------------------------------------------------------- forgotten password


@bp.route("/glemt-passord", methods=["GET", "POST"])
@_limit("AUTH_RESET_LIMIT", "5 per 15 minutes")
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        # The same answer whether or not the address has an account.
        flash(_("Hvis %(email)s har en konto hos oss, har vi sendt en lenke for å lage nytt passord. "
                "Lenken virker i %(hours)s time(r).", email=form.email.data,
                hours=max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 3600)), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/nytt-passord/<token>", methods=["GET", "POST"])
@_limit("AUTH_RESET_LIMIT", "5 per 15 minutes")
def reset_password(token: str):
    try:
        services.user_for_reset_token(token)
    except TokenError as err:
        return _bad_link(err)
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(token, form.data, request.remote_addr)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(_("Passordet er endret. Logg inn med det nye passordet."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


# ---------------------------------------------------------------- own account


def _account_page(status=200, **forms_in):
    user = current_user
    page_forms = {
        "profile_form": forms.ProfileForm(prefix="profile", obj=user, formdata=None),
        "password_form": forms.ChangePasswordForm(prefix="pw", formdata=None),
        "email_form": forms.ChangeEmailForm(prefix="email", formdata=None),
    }
    page_forms.update(forms_in)
    return render_template("auth/account.html", **page_forms), status


@bp.get("/konto")
@login_required
def account():
    return _account_page()


@bp.post("/konto/profil")
@login_required
def update_profile():
    form = forms.ProfileForm(prefix="profile")
    if not form.validate_on_submit():
        return _account_page(400, profile_form=form)
    services.update_profile(current_user, current_user, form.data)
    db.session.commit()
    session["lang"] = current_user.locale
    flash(_("Endringene er lagret."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/konto/passord")
@login_required
def change_password():
    form = forms.ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            services.change_password(current_user, current_user, form.data)
        except services.AuthError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            # The session token changed: log this browser in again, every other one is out.
            login_user(current_user._get_current_object(), remember=_remembered())
            flash(_("Passordet er endret. Du er logget ut på alle andre enheter."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(400, password_form=form)


@bp.post("/konto/epost")
@login_required
@_limit("AUTH_EMAIL_CHANGE_LIMIT", "10 per hour")
def change_email():
    form = forms.ChangeEmailForm(prefix="email")
    if form.validate_on_submit():
        try:
            services.request_email_change(current_user, current_user, form.data)
        except services.AuthError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            flash(_("Vi har sendt en lenke til %(email)s. E-postadressen endres når du åpner lenken.",
                    email=form.email.data), "success")
            return redirect(url_for("auth.account"))
    return _account_page(400, email_form=form)


@bp.get("/bekreft-epost/<token>")
def confirm_email_change(token: str):
    if not current_user.is_authenticated:
        return _log_in_to_confirm()
    try:
        user = services.confirm_email_change(token, current_user)
    except TokenError as err:
        return _bad_link(err)
    except services.AuthError as err:
        return render_template("auth/bad_link.html", message=err.message, resend=False), 400
    db.session.commit()
    flash(_("E-postadressen er endret til %(email)s.", email=user.email), "success")
    return redirect(url_for("auth.account"))


@bp.get("/konto/eksport")
@login_required
def export_data():
    body = json.dumps(services.export_user_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="moteplassen-mine-data.json"'})


@bp.route("/konto/slett", methods=["GET", "POST"])
@login_required
def delete_account():
    form = forms.DeleteAccountForm()
    blocked = services.blocking_organisations(current_user)
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, current_user, form.data)
        except services.AuthError as err:
            _apply_error(form, err)
        else:
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Kontoen din er slettet. Takk for at du brukte Møteplassen."), "success")
            return redirect(url_for("pages.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/delete_account.html", form=form, blocked=blocked), status
