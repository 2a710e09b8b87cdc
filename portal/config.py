"""Configuration from PORTAL_* environment variables with safe development defaults."""

import os
import secrets
import time
from pathlib import Path


class ConfigError(RuntimeError):
    """The configuration cannot run in this environment."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def development_secret(instance_dir: Path) -> str:
    """A random key kept in the instance directory (mode 0600), made once: every gunicorn worker of
    `make run` signs sessions and CSRF tokens with the same key, and a restart keeps people logged in."""
    path = instance_dir / "secret_key"
    instance_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process is writing it right now
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.01)
        raise ConfigError(f"{path} is empty: delete it and start again") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


def load_config(env=os.environ) -> dict:
    """Build the Flask config dict from the environment."""
    instance_dir = Path(env.get("PORTAL_INSTANCE_DIR", "instance")).resolve()
    production = env.get("PORTAL_ENV", "development") == "production"
    secret = env.get("PORTAL_SECRET_KEY")
    if production and not secret:
        raise ConfigError("PORTAL_SECRET_KEY must be set when PORTAL_ENV=production")
    smtp_host = env.get("PORTAL_SMTP_HOST")
    return {
        "PORTAL_ENV": "production" if production else "development",
        "INSTANCE_DIR": str(instance_dir),
        "SECRET_KEY": secret,  # None: create_app uses development_secret(INSTANCE_DIR)
        "SQLALCHEMY_DATABASE_URI": env.get("PORTAL_DATABASE_URL") or f"sqlite:///{instance_dir / 'portal.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SEARCH_INDEX_DIR": str(instance_dir / "index"),
        # Memory per writer process of `flask search reindex` (about 1.7 GB used at 100k needs).
        "SEARCH_REINDEX_LIMIT_MB": int(env.get("PORTAL_SEARCH_REINDEX_LIMIT_MB", "2048")),
        "UPLOAD_DIR": str(instance_dir / "uploads"),
        "BASE_URL": env.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_I18N_ENABLED": True,
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        "LANGUAGES": ["nb", "en"],
        "RATELIMIT_STORAGE_URI": env.get("PORTAL_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool(env.get("PORTAL_RATELIMIT_ENABLED"), True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Login delay (portal/auth/throttle.py): failures without a wait, the longest wait, the device cookie's age.
        "LOGIN_FREE_ATTEMPTS": int(env.get("PORTAL_LOGIN_FREE_ATTEMPTS", "5")),
        "LOGIN_MAX_DELAY_SECONDS": int(env.get("PORTAL_LOGIN_MAX_DELAY_SECONDS", "300")),
        "LOGIN_DEVICE_MAX_AGE": 180 * 24 * 3600,
        # Search (docs/SECURITY.md, availability): per client address, on /sok and /api/v1/search together;
        # how long a search waits for its worker's search slot before «busy» (503); the time per query.
        # Proxies in front of gunicorn that set X-Forwarded-For/-Proto/-Host (1 behind the README's nginx).
        "PROXY_COUNT": int(env.get("PORTAL_PROXY_COUNT", "0")),
        "SEARCH_RATELIMIT": env.get("PORTAL_SEARCH_RATELIMIT", "60 per minute"),
        "SEARCH_SLOT_WAIT": float(env.get("PORTAL_SEARCH_SLOT_WAIT", "1.5")),
        "SEARCH_TIME_BUDGET": float(env.get("PORTAL_SEARCH_TIME_BUDGET", "1.0")),
        "ALERTS_DIGEST_HOUR": int(env.get("PORTAL_ALERTS_DIGEST_HOUR", "7")),  # daily alert digest, Oslo time
        "MAIL_BACKEND": env.get("PORTAL_MAIL_BACKEND", "smtp" if smtp_host else "console"),
        "MAIL_FROM": env.get("PORTAL_MAIL_FROM", "Møteplassen <noreply@moteplassen.no>"),
        "SMTP_HOST": smtp_host or "127.0.0.1",
        "SMTP_PORT": int(env.get("PORTAL_SMTP_PORT", "25")),
        "SMTP_USER": env.get("PORTAL_SMTP_USER"),
        "SMTP_PASSWORD": env.get("PORTAL_SMTP_PASSWORD"),
        "SMTP_STARTTLS": _bool(env.get("PORTAL_SMTP_STARTTLS")),
        "SMTP_TIMEOUT": float(env.get("PORTAL_SMTP_TIMEOUT", "10")),
        "RESET_TOKEN_MAX_AGE": int(env.get("PORTAL_RESET_TOKEN_MAX_AGE", "3600")),
        "CONFIRM_TOKEN_MAX_AGE": int(env.get("PORTAL_CONFIRM_TOKEN_MAX_AGE", str(3 * 24 * 3600))),
        # OCDS ocid prefix (register one at open-contracting.org); ocid = "<prefix>-<need id>".
        "OCDS_OCID_PREFIX": env.get("PORTAL_OCDS_OCID_PREFIX", "ocds-moteplassen"),
    }
