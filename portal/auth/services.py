"""Account state changes: register, confirm, log in (with a delay) and out, reset, change, export, delete.

Every function flushes and never commits; errors are raised as AuthError with the form field they
belong to, so the view can show the message next to that field.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.auth import throttle, tokens
from portal.auth.models import User, new_calendar_token
from portal.auth.passwords import hash_password, verify_password
from portal.db import db, utcnow
from portal.notifications.services import queue_mail

DELETED_NAME = "Slettet bruker"
_dummy_hash: str | None = None
FEED_TOKEN_HOOKS: list[Callable[[User], None]] = []


class AuthError(Exception):
    """A request the user must correct; `field` names the form field the message belongs to."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class TooManyAttempts(AuthError):
    """Too many failed logins under one of the attempt's throttle keys: wait `seconds` first."""

    def __init__(self, seconds: int):
        super().__init__(_l("For mange forsøk"), None)  # the view says how long to wait
        self.seconds = seconds


# ---------------------------------------------------------------- helpers


def external_url(endpoint: str, **values) -> str:
    """Absolute URL under BASE_URL; works in requests, CLI commands and background jobs alike."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def find_user_by_email(email: str | None) -> User | None:
    """The active user with this address (case-insensitive), if any."""
    if not email:
        return None
    return db.session.scalar(
        select(User).where(func.lower(User.email) == email.strip().lower(), User.deleted_dt.is_(None))
    )


def _email_taken(email: str, except_user: User | None = None) -> bool:
    stmt = select(User.id).where(func.lower(User.email) == email.lower())
    if except_user is not None:
        stmt = stmt.where(User.id != except_user.id)
    return db.session.scalar(stmt) is not None


def _hours(config_key: str) -> int:
    return max(1, round(current_app.config[config_key] / 3600))


# ---------------------------------------------------------------- registration and confirmation


def register_user(actor, data: dict, confirm_next: str | None = None) -> User | None:
    """Create an unconfirmed account and mail a confirmation link (leading on to `confirm_next`).

    For an address that already has an account nothing is created and its owner gets a mail instead; None is
    returned, and the caller answers exactly as for a new account, so the form reveals no addresses.
    """
    email = data["email"].strip().lower()
    password_hash = hash_password(data["password"])  # before the check: the same work either way
    if _email_taken(email):
        _notify_address_in_use(email)
        return None
    user = User(name=data["name"].strip(), email=email, password_hash=password_hash, locale=data.get("locale") or "nb")
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:  # registered at the same moment by another request
        _notify_address_in_use(email)
        return None
    send_confirmation(user, confirm_next)
    return user


def _notify_address_in_use(email: str) -> None:
    """Tell the owner of `email` that someone tried to register it (a new account or an address change)."""
    owner = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if owner is None:  # the other request's account is not visible yet
        return
    queue_mail(owner.email, "auth_account_exists", owner.locale, _l("Du har allerede en konto på Møteplassen"),
               user=owner, login_link=external_url("auth.login"), reset_link=external_url("auth.forgot_password"))


def send_confirmation(user: User, next_path: str | None = None) -> None:
    """Queue a mail with a link that confirms the user's current address (then opens `next_path`)."""
    data: dict[str, Any] = {"uid": user.id, "email": user.email}
    if next_path:
        data["next"] = next_path
    token = tokens.make_token(tokens.CONFIRM, data)
    queue_mail(user.email, "auth_confirm", user.locale, _l("Bekreft e-postadressen din på Møteplassen"),
               user=user, link=external_url("auth.confirm", token=token), hours=_hours("CONFIRM_TOKEN_MAX_AGE"))


def confirm_email(token: str, actor: User) -> tuple[User, str | None]:
    """Mark the address in `token` as confirmed for `actor`, who must be the account it was sent for;
    return the user and the page to go on to (or None).

    Raises TokenError when the token no longer applies (or belongs to another account).
    """
    data = tokens.load_token(tokens.CONFIRM, token)
    user = db.session.get(User, data.get("uid")) if isinstance(data.get("uid"), int) else None
    if user is None or user.id != actor.id or not user.is_active or user.email != data.get("email"):
        raise tokens.TokenError()
    if user.email_confirmed_dt is None:
        user.email_confirmed_dt = utcnow()
    db.session.flush()
    next_path = data.get("next")
    return user, next_path if isinstance(next_path, str) else None


# ---------------------------------------------------------------- login and logout


def _dummy_password_hash() -> str:
    global _dummy_hash
    _dummy_hash = _dummy_hash or hash_password("not-a-password")
    return _dummy_hash


def authenticate(email: str, password: str, ip: str | None = None, device: str | None = None) -> User:
    """Return the user for these credentials; raise TooManyAttempts during a delay, AuthError otherwise.

    Known and unknown addresses take the same path: the same hash work, the same counting, the same errors.
    """
    keys = throttle.keys_for(email, ip, device)
    wait = throttle.wait_seconds(keys)
    if wait:
        raise TooManyAttempts(wait)
    user = find_user_by_email(email)
    hashed = user.password_hash if user is not None and user.password_hash else _dummy_password_hash()
    if not verify_password(hashed, password) or user is None or not user.password_hash:
        throttle.record_failure(keys)
        db.session.flush()
        raise AuthError(_l("Feil e-postadresse eller passord."), None)
    throttle.forget(keys[0])  # this browser's own count; the address-wide one stays for the others
    db.session.flush()
    return user


def log_out(actor: User, user: User) -> None:
    """End every session and remember-me cookie of `user` (a copied cookie opens nothing afterwards)."""
    user.rotate_session_token()
    db.session.flush()


# ---------------------------------------------------------------- password reset


def request_password_reset(email: str) -> None:
    """Mail a single-use reset link if the address has an account; silent otherwise."""
    user = find_user_by_email(email)
    if user is None or not user.password_hash:
        return
    token = tokens.make_token(tokens.RESET, {"uid": user.id, "email": user.email,
                                             "fp": tokens.password_fingerprint(user.password_hash)})
    queue_mail(user.email, "auth_reset", user.locale, _l("Nytt passord på Møteplassen"),
               user=user, link=external_url("auth.reset_password", token=token), hours=_hours("RESET_TOKEN_MAX_AGE"))


def user_for_reset_token(token: str) -> User:
    """The user a reset token is valid for; raises TokenError once used, expired or forged."""
    data = tokens.load_token(tokens.RESET, token)
    user = db.session.get(User, data.get("uid")) if isinstance(data.get("uid"), int) else None
    if (user is None or not user.is_active or user.email != data.get("email")
            or tokens.password_fingerprint(user.password_hash) != data.get("fp")):
        raise tokens.TokenError()
    return user


def reset_password(token: str, data: dict, ip: str | None = None) -> User:
    """Set a new password from a reset link; ends every session, replaces feed addresses, lifts the login delay."""
    user = user_for_reset_token(token)
    user.password_hash = hash_password(data["password"])
    # The link came to this address, which proves the user owns it: no delay for it (nor from this IP).
    throttle.forget(*throttle.address_keys(user.email, ip))
    user.email_confirmed_dt = user.email_confirmed_dt or utcnow()
    user.rotate_session_token()
    replace_feed_tokens(user)
    _notify_password_changed(user)
    db.session.flush()
    return user


def on_feed_tokens_replaced(fn: Callable[[User], None]) -> Callable[[User], None]:
    """Register fn(user) that gives the user's feed addresses (other domains' tokens) new tokens."""
    if fn not in FEED_TOKEN_HOOKS:
        FEED_TOKEN_HOOKS.append(fn)
    return fn


def replace_feed_tokens(user: User) -> None:
    """New calendar and saved-search feed addresses after a password change or reset (the old ones die).

    They are capability addresses for calendar and feed apps that cannot log in, so logging out keeps them;
    a new password may mean the account, and so its addresses, were in someone else's hands.
    """
    if user.calendar_token:
        user.calendar_token = new_calendar_token()
    for hook in FEED_TOKEN_HOOKS:
        hook(user)


def _notify_password_changed(user: User) -> None:
    queue_mail(user.email, "auth_password_changed", user.locale, _l("Passordet ditt på Møteplassen er endret"),
               user=user, link=external_url("auth.forgot_password"))


# ---------------------------------------------------------------- own account


def update_profile(actor: User, user: User, data: dict) -> None:
    """Change name and language."""
    user.name = data["name"].strip()
    user.locale = data["locale"]
    db.session.flush()


def _check_password(user: User, password: str) -> None:
    if not verify_password(user.password_hash, password):
        raise AuthError(_l("Passordet er feil."), "current_password")


def change_password(actor: User, user: User, data: dict) -> None:
    """Set a new password; every other session and remember-me cookie stops working."""
    _check_password(user, data["current_password"])
    user.password_hash = hash_password(data["password"])
    user.rotate_session_token()
    replace_feed_tokens(user)
    _notify_password_changed(user)
    db.session.flush()


def request_email_change(actor: User, user: User, data: dict) -> None:
    """Mail a confirmation link to the new address; nothing changes until it is followed."""
    _check_password(user, data["current_password"])
    new = data["email"].strip().lower()
    if new == (user.email or "").lower():
        raise AuthError(_l("Dette er allerede e-postadressen din."), "email")
    if _email_taken(new, except_user=user):
        _notify_address_in_use(new)  # the same answer as for a free address: the form reveals no accounts
        return
    token = tokens.make_token(tokens.EMAIL_CHANGE, {"uid": user.id, "old": user.email, "new": new})
    queue_mail(new, "auth_email_change", user.locale, _l("Bekreft den nye e-postadressen din på Møteplassen"),
               user=user, new_email=new, link=external_url("auth.confirm_email_change", token=token),
               hours=_hours("CONFIRM_TOKEN_MAX_AGE"))


def confirm_email_change(token: str, actor: User) -> User:
    """Switch `actor` (the account the token was made for) to the new address in `token`; tell the old one."""
    data = tokens.load_token(tokens.EMAIL_CHANGE, token)
    user = db.session.get(User, data.get("uid")) if isinstance(data.get("uid"), int) else None
    new = data.get("new")
    if user is None or user.id != actor.id or not user.is_active or user.email != data.get("old") or not isinstance(new, str):
        raise tokens.TokenError()
    if _email_taken(new, except_user=user):
        raise AuthError(_l("Det finnes allerede en konto med denne e-postadressen."), "email")
    old = user.email
    user.email, user.email_confirmed_dt = new, utcnow()
    db.session.flush()
    queue_mail(old, "auth_email_changed", user.locale, _l("E-postadressen din på Møteplassen er endret"),
               user=user, old_email=old, new_email=new, link=external_url("auth.forgot_password"))
    return user


# ---------------------------------------------------------------- data export and deletion
# Other domains add their parts: `@export_section("needs")` on a function user -> JSON-able data,
# and `@on_account_deleted` on a function user -> None that removes or anonymises their records.

EXPORT_SECTIONS: list[tuple[str, Callable[[User], Any]]] = []
DELETION_HOOKS: list[Callable[[User], None]] = []


def export_section(name: str):
    def register(fn):
        EXPORT_SECTIONS[:] = [(n, f) for n, f in EXPORT_SECTIONS if n != name] + [(name, fn)]
        return fn

    return register


def on_account_deleted(fn):
    if fn not in DELETION_HOOKS:
        DELETION_HOOKS.append(fn)
    return fn


def export_time(value: datetime | None) -> str | None:
    """A time for the data export (ISO 8601, UTC), or None."""
    return value.isoformat() if value else None


@export_section("profile")
def _export_profile(user: User) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email, "locale": user.locale,
            "created": export_time(user.created_dt), "email_confirmed": export_time(user.email_confirmed_dt)}


@export_section("memberships")
def _export_memberships(user: User) -> list[dict]:
    return [{"organisation_id": m.organisation_id, "organisation": m.organisation.name,
             "orgnr": m.organisation.orgnr, "role": str(m.role), "since": export_time(m.created_dt)}
            for m in user.memberships]


def export_user_data(user: User) -> dict:
    """Everything the portal stores about `user`, section by section."""
    data = {"exported": export_time(utcnow()), "service": "Møteplassen"}
    for name, fn in EXPORT_SECTIONS:
        data[name] = fn(user)
    return data


def blocking_organisations(user: User) -> list:
    """Organisations where the user is the only admin and others are members."""
    blocked = []
    for m in user.memberships:
        others = [o for o in m.organisation.memberships if o.user_id != user.id]
        if m.is_admin and others and not any(o.is_admin for o in others):
            blocked.append(m.organisation)
    return blocked


def delete_account(actor: User, user: User, data: dict) -> None:
    """Remove personal data; organisation records stay, shown as made by "Slettet bruker"."""
    _check_password(user, data["current_password"])
    blocked = blocking_organisations(user)
    if blocked:
        names = ", ".join(org.name for org in blocked)
        raise AuthError(_l("Du er eneste administrator for %(names)s. Gi administratorrollen til et annet "
                           "medlem før du sletter kontoen.", names=names), None)
    if user.email:
        queue_mail(user.email, "auth_account_deleted", user.locale, _l("Kontoen din på Møteplassen er slettet"),
                   user=user)
    for hook in DELETION_HOOKS:
        hook(user)
    user.memberships.clear()
    user.name, user.email, user.password_hash = DELETED_NAME, None, None
    user.email_confirmed_dt, user.calendar_token, user.is_platform_admin = None, None, False
    user.deleted_dt = utcnow()
    user.rotate_session_token()
    db.session.flush()
