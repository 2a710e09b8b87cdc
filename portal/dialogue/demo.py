"""Demo data: a dialogue conference with one-to-one meetings on a demo buyer's first published need."""

from datetime import time, timedelta

import click
from flask import current_app
from sqlalchemy import select

from portal.db import db, utcnow
from portal.dialogue import booking, services
from portal.dialogue.models import DialogueEvent
from portal.organisations.models import Membership, Organisation, OrgSide, VerificationStatus


def load() -> None:
    """Add one event (conference + meetings) to a need owned by a verified buyer with a member."""
    from portal.needs.models import Need, NeedStatus

    row = db.session.execute(
        select(Need, Membership).join(Organisation, Need.organisation_id == Organisation.id)
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Organisation.side == OrgSide.BUYER, Organisation.verification == VerificationStatus.VERIFIED,
               Need.status == NeedStatus.PUBLISHED)
        .order_by(Need.id).limit(1)).first()
    if row is None:
        click.echo("no published need of a demo buyer: no dialogue demo loaded")
        return
    need, membership = row
    if db.session.scalar(select(DialogueEvent.id).where(DialogueEvent.need_id == need.id)):
        return
    start = (utcnow() + timedelta(days=14)).replace(hour=8, minute=0, second=0, microsecond=0)
    with current_app.test_request_context("/"):
        event = services.create_event(membership.user, need, {
            "title": f"Dialogkonferanse: {need.title}"[:200], "kind": "both", "format": "hybrid",
            "visibility": "public", "agenda_md": "1. Velkommen\n2. Behovet\n3. Spørsmål fra leverandørene",
            "address": "Rådhusplassen 1, 0037 Oslo", "meeting_link": "https://meet.example.no/demo",
            "starts_dt": start, "ends_dt": start + timedelta(hours=2),
            "registration_deadline_dt": start - timedelta(days=2), "capacity_people": 60, "max_per_org": 3,
        })
        booking.add_window(membership.user, event, {
            "day": (start + timedelta(days=1)).date(), "start_time": time(9), "end_time": time(12),
            "slot_minutes": 45, "break_minutes": 15, "rooms": 2})
    click.echo(f"dialogue demo: event {event.id} on need {need.id}")
