"""API keys: create (the plain key is returned once), revoke, and authenticate a bearer token."""

import hashlib
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.services import export_section, export_time
from portal.db import db, utcnow
from portal.opendata.models import ApiKey

KEY_PREFIX = "mp_"
MAX_ACTIVE_KEYS = 20


class ApiKeyError(ValueError):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message, self.field = str(message), field


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_api_key(actor, org, data: dict) -> tuple[ApiKey, str]:
    """A new key for `org`; returns the stored row and the plain key (never stored)."""
    if not org.is_verified:  # keys act for the organisation: not before it is verified
        raise ApiKeyError(_l("Organisasjonen må være verifisert før dere kan lage API-nøkler."))
    name = " ".join((data.get("name") or "").split())
    if not name:
        raise ApiKeyError(_l("Gi nøkkelen et navn."), "name")
    active = [k for k in db.session.scalars(select(ApiKey).where(ApiKey.organisation_id == org.id)) if k.is_active]
    if len(active) >= MAX_ACTIVE_KEYS:
        raise ApiKeyError(_l("Organisasjonen har allerede 20 aktive nøkler. Trekk tilbake en før du lager en ny."))
    key = f"{KEY_PREFIX}{secrets.token_hex(4)}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey(organisation_id=org.id, name=name[:100], key_hash=hash_key(key), prefix=key[:11],
                     created_by_id=getattr(actor, "id", None))
    db.session.add(api_key)
    db.session.flush()
    return api_key, key


def revoke_api_key(actor, api_key: ApiKey) -> ApiKey:
    if api_key.revoked_dt is None:
        api_key.revoked_dt, api_key.revoked_by_id = utcnow(), getattr(actor, "id", None)
        db.session.flush()
    return api_key


def authenticate(header: str | None) -> ApiKey | None:
    """The active key of a verified organisation for an `Authorization: Bearer <key>` header, or None."""
    scheme, _sep, token = (header or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token.startswith(KEY_PREFIX) or len(token) > 200:
        return None
    api_key = db.session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(token)))
    if api_key is None or not api_key.is_active or not api_key.organisation.is_verified:
        return None
    return api_key


@export_section("api_keys")
def _export_api_keys(user) -> list[dict]:
    """Keys the user created or revoked: name and prefix only, never the key or its hash."""
    rows = db.session.scalars(select(ApiKey).where(
        (ApiKey.created_by_id == user.id) | (ApiKey.revoked_by_id == user.id)).order_by(ApiKey.id))
    return [{"organisation": k.organisation.name, "name": k.name, "prefix": k.prefix,
             "created_by_you": k.created_by_id == user.id, "created": export_time(k.created_dt),
             "last_used": export_time(k.last_used_dt), "revoked": export_time(k.revoked_dt)} for k in rows]
