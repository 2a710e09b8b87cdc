"""Signed, expiring tokens for mail links (itsdangerous, one salt per purpose)."""

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM = "auth.confirm-email"
EMAIL_CHANGE = "auth.change-email"
RESET = "auth.reset-password"
KNOWN_DEVICE = "auth.known-device"

_MAX_AGE_KEYS = {CONFIRM: "CONFIRM_TOKEN_MAX_AGE", EMAIL_CHANGE: "CONFIRM_TOKEN_MAX_AGE", RESET: "RESET_TOKEN_MAX_AGE",
                 KNOWN_DEVICE: "LOGIN_DEVICE_MAX_AGE"}


class TokenError(Exception):
    """The token is forged, damaged, meant for something else, used or expired."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def make_token(purpose: str, data: dict) -> str:
    """Sign `data` for `purpose`."""
    return _serializer(purpose).dumps(data)


def load_token(purpose: str, token: str) -> dict:
    """Return the data in `token`, or raise TokenError (expired after the purpose's max age)."""
    max_age = current_app.config[_MAX_AGE_KEYS[purpose]]
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError(expired=True) from exc
    except BadSignature as exc:
        raise TokenError() from exc
    if not isinstance(data, dict):
        raise TokenError()
    return data


def password_fingerprint(password_hash: str | None) -> str:
    """A short keyed digest of the password hash: a reset token dies once the password changes."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (password_hash or "").encode(), hashlib.sha256).hexdigest()[:20]
