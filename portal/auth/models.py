"""User accounts."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import UTCDateTime, db, utcnow


def _new_session_token() -> str:
    return secrets.token_hex(16)


def new_calendar_token() -> str:
    """An unguessable calendar feed address part."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(5), default="nb")
    is_platform_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    email_confirmed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Changing it logs out every other session (part of the Flask-Login id).
    session_token: Mapped[str] = mapped_column(String(32), default=_new_session_token)
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.deleted_dt is None

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_dt is not None

    def rotate_session_token(self) -> None:
        """Invalidate every session and remember-me cookie of this user."""
        self.session_token = _new_session_token()

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class LoginFailure(db.Model):
    """Recent failed logins under one throttle key, shared by every worker and host (portal/auth/throttle.py)."""

    __tablename__ = "login_failures"

    # A keyed hash of the address, the address and IP, or the IP: the table names no one.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # No attempt under this key is checked before then (the progressive delay).
    wait_until_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
