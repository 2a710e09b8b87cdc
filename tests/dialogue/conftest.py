"""Fixtures for market dialogue: a buyer with a published need and a few supplier organisations."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest

from portal.auth.models import User
from portal.auth.passwords import hash_password
from portal.db import db, utcnow
from portal.dialogue import booking as booking_services
from portal.dialogue import services
from portal.needs.models import Need, NeedStatus
from tests.factories import PASSWORD, make_org

_HASH: list[str] = []


def make_user(email, name="Kari Nordmann"):
    """Like tests.factories.make_user, hashing the password once per run (argon2 is slow)."""
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    user = User(email=email, name=name, password_hash=_HASH[0], email_confirmed_dt=utcnow(), locale="nb")
    db.session.add(user)
    db.session.flush()
    return user


def make_need(org, status=NeedStatus.PUBLISHED, title="Rengjøring av skoler"):
    need = Need(organisation=org, title=title, status=status, contact_email="innkjop@kommune.no")
    db.session.add(need)
    db.session.flush()
    return need


def event_data(**over):
    now = utcnow().replace(second=0, microsecond=0)
    data = {
        "title": "Dialogkonferanse om renhold", "kind": "both", "format": "hybrid", "visibility": "public",
        "agenda_md": "## Program\n- Velkommen", "address": "Rådhusgata 1, Oslo",
        "meeting_link": "https://meet.example.no/hemmelig-rom",
        "starts_dt": now + timedelta(days=10), "ends_dt": now + timedelta(days=10, hours=3),
        "registration_deadline_dt": now + timedelta(days=9), "capacity_people": None, "capacity_orgs": None,
        "max_per_org": None, "reminder_hours": 24,
    }
    data.update(over)
    return data


@pytest.fixture(autouse=True)
def _request_ctx(app):
    """Services format messages and dates for the current language: give them a request."""
    with app.test_request_context("/"):
        yield
        # Mail queued by services in the test body would otherwise be sent by the app context's
        # teardown after the app fixture disposed the engine (a leaked connection on PostgreSQL).
        from flask import g

        g.pop("mail_queued", None)


@pytest.fixture
def world(app, _request_ctx):
    buyer = make_user(email="kjoper@kommune.no", name="Kari Kjøper")
    colleague = make_user(email="kollega@kommune.no", name="Ola Kollega")
    buyer_org = make_org(name="Testby kommune", admins=[buyer], members=[colleague])
    outsider = make_user(email="annen@kommune.no", name="Annen Kjøper")
    other_buyer = make_org(name="Annen kommune", admins=[outsider])
    suppliers, orgs = [], []
    for i in range(1, 4):
        u = make_user(email=f"lev{i}@firma.no", name=f"Leverandør {i}")
        o = make_org(name=f"Firma {i} AS", kind="bedrift", admins=[u])
        suppliers.append(u)
        orgs.append(o)
    need = make_need(buyer_org)
    event = services.create_event(buyer, need, event_data())
    db.session.commit()
    yield SimpleNamespace(buyer=buyer, colleague=colleague, buyer_org=buyer_org, outsider=outsider,
                           other_buyer=other_buyer, suppliers=suppliers, orgs=orgs, need=need, event=event)


def deliver():
    """Send queued mail now (requests do it after commit; service tests call this)."""
    from portal.notifications.services import send_pending

    return send_pending()


def add_window(world, day=None, start=time(9), end=time(12), slot=45, brk=15, rooms=1):
    day = day or (utcnow() + timedelta(days=5)).date()
    w = booking_services.add_window(world.buyer, world.event, {
        "day": day, "start_time": start, "end_time": end, "slot_minutes": slot, "break_minutes": brk, "rooms": rooms})
    db.session.commit()
    return w


__all__ = ["make_user", "make_need", "event_data", "add_window", "deliver", "date"]
