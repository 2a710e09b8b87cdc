"""Small factory functions for every model (flush, never commit unless asked)."""

import functools
import itertools

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.db import utcnow
from portal.extensions import db
from portal.organisations.models import (
    MemberRole,
    Membership,
    Organisation,
    OrgKind,
    VerificationStatus,
)

PASSWORD = "riktig-hest-batteri"
_seq = itertools.count(1)
# Valid Norwegian organisation numbers (mod-11) to hand out in order.
_ORGNRS = [f"{n:08d}" for n in range(97000001, 97999999)]


def _orgnr() -> str:
    from stdnum.no import orgnr

    while True:
        base = _ORGNRS[next(_seq) % len(_ORGNRS)]
        for check in "0123456789":
            if orgnr.is_valid(base + check):
                return base + check


@functools.cache
def _hash(password: str) -> str:
    """Hash once per password: argon2 is slow on purpose, tests need not be."""
    return hash_password(password)


def make_user(email=None, name="Kari Nordmann", password=PASSWORD, confirmed=True, admin=False, locale="nb"):
    user = User(
        email=email or f"user{next(_seq)}@example.no",
        name=name,
        password_hash=_hash(password),
        email_confirmed_dt=utcnow() if confirmed else None,
        is_platform_admin=admin,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_org(name=None, kind=OrgKind.KOMMUNE, verified=True, municipality="0301", members=(), admins=()):
    kind = OrgKind(kind)
    org = Organisation(
        name=name or f"Organisasjon {next(_seq)}",
        orgnr=_orgnr(),
        kind=kind,
        side=kind.side,
        municipality=municipality,
        contact_email="post@example.no",
        verification=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
        verified_dt=utcnow() if verified else None,
    )
    db.session.add(org)
    db.session.flush()
    for user in admins:
        db.session.add(Membership(user=user, organisation=org, role=MemberRole.ADMIN))
    for user in members:
        db.session.add(Membership(user=user, organisation=org, role=MemberRole.MEMBER))
    db.session.flush()
    return org


def commit():
    db.session.commit()
