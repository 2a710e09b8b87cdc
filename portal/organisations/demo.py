"""Demo organisations and users for `make run` (other domains add needs and suppliers to them)."""

import click
from sqlalchemy import func, select

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.db import utcnow
from portal.extensions import db
from portal.organisations.models import MemberRole, Membership, Organisation, OrgKind, VerificationStatus

PASSWORD = "moteplassen-demo"
ADMIN_EMAIL = "admin@moteplassen.no"
BUYER_EMAIL = "innkjoper@demo-kommune.no"
SUPPLIER_EMAIL = "leverandor@demo-leverandor.no"
BUYER_ORGNR = "998877660"
SUPPLIER_ORGNR = "923456783"


def _user(email: str, name: str, admin: bool = False) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        user = User(email=email, name=name, password_hash=hash_password(PASSWORD), email_confirmed_dt=utcnow())
        db.session.add(user)
    user.is_platform_admin = user.is_platform_admin or admin
    return user


def _org(orgnr: str, name: str, kind: OrgKind, municipality: str, email: str, website: str, admin: User):
    org = db.session.scalar(select(Organisation).where(Organisation.orgnr == orgnr))
    if org is None:
        org = Organisation(orgnr=orgnr, name=name, kind=kind, side=kind.side, municipality=municipality,
                           contact_email=email, website=website,
                           verification=VerificationStatus.VERIFIED, verified_dt=utcnow())
        db.session.add(org)
    if not org.is_verified:  # memberships count only in verified organisations: the demo logins must work
        org.verification, org.verified_dt, org.verification_reason = VerificationStatus.VERIFIED, utcnow(), None
    if not any(m.user is admin for m in org.memberships):
        org.memberships.append(Membership(user=admin, role=MemberRole.ADMIN))
    return org


def buyer_org() -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.orgnr == BUYER_ORGNR))


def supplier_org() -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.orgnr == SUPPLIER_ORGNR))


def load() -> None:
    """A platform admin, a verified buyer (Demo kommune) and a supplier, each with a user."""
    _user(ADMIN_EMAIL, "Plattformadministrator", admin=True)
    buyer = _user(BUYER_EMAIL, "Ingrid Innkjøper")
    supplier = _user(SUPPLIER_EMAIL, "Lars Leverandør")
    _org(BUYER_ORGNR, "Demo kommune", OrgKind.KOMMUNE, "0301", "post@demo-kommune.no",
         "https://www.demo-kommune.no", buyer)
    _org(SUPPLIER_ORGNR, "Demo Leverandør AS", OrgKind.SOSIAL_ENTREPRENOR, "4601", "post@demo-leverandor.no",
         "https://www.demo-leverandor.no", supplier)
    db.session.flush()
    click.echo(f"demo logins (password {PASSWORD!r}):")
    click.echo(f"  platform admin:            {ADMIN_EMAIL}")
    click.echo(f"  buyer (Demo kommune):      {BUYER_EMAIL}")
    click.echo(f"  supplier (Demo Leverandør AS): {SUPPLIER_EMAIL}")
