"""Progressive login delay, counted in the portal's database so every worker and host sees the same counts.

A browser that has logged in to the address before (the signed known-device cookie) is counted on its own,
so failures made by others, from any IP, never delay it. Any other attempt is counted under the address from
this IP and, more loosely, under the address from anywhere. Once a key has more than its free failures,
each further attempt under it must wait 2^(failures - free) seconds (capped); an attempt during the wait is
refused without checking the password and is not counted. Known and unknown addresses are counted alike:
the keys never ask whether an account exists. (Many addresses from one IP: Flask-Limiter's per-IP limits.)
"""

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from portal.auth import tokens
from portal.auth.models import LoginFailure
from portal.db import db, utcnow

# Failures older than this are forgotten (the wait they caused is long over).
FORGET_AFTER = timedelta(hours=24)
# The address from anywhere gets a looser limit than the address from one IP or one browser.
ADDRESS_FACTOR = 4
DEVICE_COOKIE = "moteplassen_login"


@dataclass(frozen=True)
class Key:
    digest: str
    free: int


def _digest(*parts: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()


def _address(email: str | None) -> str:
    return (email or "").strip().lower()


def keys_for(email: str | None, ip: str | None, device: str | None = None) -> list[Key]:
    """The throttle keys of a login attempt from `ip`, or from the known browser `device`; the first is its own."""
    free, address = current_app.config["LOGIN_FREE_ATTEMPTS"], _address(email)
    if device:
        return [Key(_digest("address+device", address, device), free)]
    return [Key(_digest("address+ip", address, ip or "-"), free), Key(_digest("address", address), free * ADDRESS_FACTOR)]


def delay(failures: int, free: int) -> int:
    """Seconds to wait after `failures` failures when `free` of them cost nothing."""
    if failures < free:
        return 0
    return min(current_app.config["LOGIN_MAX_DELAY_SECONDS"], 2 ** min(failures - free, 30))


def wait_seconds(keys: list[Key]) -> int:
    """Seconds before an attempt under `keys` is checked (0: now)."""
    now = utcnow()
    until = db.session.scalars(select(LoginFailure.wait_until_dt).where(
        LoginFailure.key.in_([k.digest for k in keys]), LoginFailure.wait_until_dt > now)).all()
    return max((math.ceil((u - now).total_seconds()) for u in until), default=0)


def _increment(digest: str, now: datetime) -> int:
    """Add one failure atomically (a row lock on PostgreSQL, the write lock on SQLite); return the count."""
    bump = (update(LoginFailure).where(LoginFailure.key == digest)
            .values(failures=LoginFailure.failures + 1, last_dt=now)
            .execution_options(synchronize_session=False))
    if db.session.execute(bump).rowcount == 0:
        try:
            with db.session.begin_nested():
                db.session.execute(LoginFailure.__table__.insert().values(key=digest, failures=1, last_dt=now))
        except IntegrityError:  # another request inserted it first
            db.session.execute(bump)
    return db.session.scalar(select(LoginFailure.failures).where(LoginFailure.key == digest))


def record_failure(keys: list[Key]) -> None:
    """Count a failed attempt under every key and start each key's wait."""
    now = utcnow()
    db.session.execute(delete(LoginFailure).where(LoginFailure.last_dt < now - FORGET_AFTER)
                       .execution_options(synchronize_session=False))
    for key in keys:
        seconds = delay(_increment(key.digest, now), key.free)
        if seconds:
            db.session.execute(update(LoginFailure).where(LoginFailure.key == key.digest)
                               .values(wait_until_dt=now + timedelta(seconds=seconds))
                               .execution_options(synchronize_session=False))


def forget(*keys: Key) -> None:
    """Drop the counts under `keys` (a successful login, a password reset)."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.key.in_([k.digest for k in keys]))
                       .execution_options(synchronize_session=False))


def address_keys(email: str | None, ip: str | None) -> list[Key]:
    """The keys a password reset lifts: the address from anywhere and from the resetting browser's IP."""
    return keys_for(email, ip)


# ---------------------------------------------------------------- known-device cookie


def device_cookie_value(email: str, device: str | None) -> str:
    """A signed value saying "this browser (id `device`, new if None) has logged in to `email`"."""
    return tokens.make_token(tokens.KNOWN_DEVICE, {"a": _digest("device", _address(email))[:32],
                                                   "d": device or secrets.token_urlsafe(16)})


def known_device(cookie: str | None, email: str | None) -> str | None:
    """The browser's id when `cookie` shows it logged in to `email` within LOGIN_DEVICE_MAX_AGE, else None."""
    if not cookie:
        return None
    try:
        data = tokens.load_token(tokens.KNOWN_DEVICE, cookie)
    except tokens.TokenError:
        return None
    same = hmac.compare_digest(str(data.get("a", "")), _digest("device", _address(email))[:32])
    device = data.get("d")
    return device if same and isinstance(device, str) and device else None
