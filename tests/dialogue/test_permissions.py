"""Permissions truth table for market dialogue (who may see, manage, take part, see the link, ask)."""

import pytest
from flask_login import AnonymousUserMixin

from portal.db import db
from portal.dialogue.models import EventInvitation
from portal.dialogue.permissions import (
    can_ask_question,
    can_manage_event,
    can_see_meeting_link,
    can_take_part,
    can_view_event,
)
from portal.dialogue.registration import register

# (role, visibility) → (view, manage, take part, meeting link, ask question)
TABLE = {
    ("anonymous", "public"): (True, False, False, False, False),
    ("anonymous", "invited"): (False, False, False, False, False),
    ("supplier", "public"): (True, False, True, False, True),
    ("supplier", "invited"): (False, False, False, False, True),
    ("invited_supplier", "invited"): (True, False, True, False, True),
    ("invited_by_email", "invited"): (True, False, True, False, True),
    ("registered_supplier", "public"): (True, False, True, True, True),
    ("registered_supplier", "invited"): (True, False, True, True, True),
    ("buyer", "public"): (True, True, False, True, False),
    ("buyer", "invited"): (True, True, False, True, False),
    ("buyer_colleague", "invited"): (True, True, False, True, False),
    ("other_buyer", "public"): (True, False, False, False, False),
    ("other_buyer", "invited"): (False, False, False, False, False),
    ("unverified_buyer", "invited"): (False, False, False, False, False),
    ("unverified_buyer", "public"): (True, False, False, False, False),
}


def actor(world, role):
    if role == "anonymous":
        return AnonymousUserMixin(), None
    if role == "buyer":
        return world.buyer, world.buyer_org
    if role == "buyer_colleague":
        return world.colleague, world.buyer_org
    if role == "other_buyer":
        return world.outsider, world.other_buyer
    if role == "unverified_buyer":
        world.buyer_org.verification = "pending"
        return world.buyer, world.buyer_org
    if role == "invited_supplier":
        db.session.add(EventInvitation(event=world.event, organisation_id=world.orgs[1].id))
        db.session.flush()
        return world.suppliers[1], world.orgs[1]
    if role == "invited_by_email":
        db.session.add(EventInvitation(event=world.event, email="lev3@firma.no"))
        db.session.flush()
        return world.suppliers[2], world.orgs[2]
    if role == "registered_supplier":
        register(world.suppliers[0], world.orgs[0], world.event, [("Per", "")])
        return world.suppliers[0], world.orgs[0]
    return world.suppliers[0], world.orgs[0]


@pytest.mark.parametrize(("role", "visibility"), list(TABLE))
def test_truth_table(world, role, visibility):
    user, org = actor(world, role)  # register before hiding the event
    world.event.visibility = visibility
    db.session.flush()
    db.session.expire(world.event, ["invitations", "registrations"])
    got = (
        can_view_event(user, org, world.event),
        can_manage_event(user, world.event),
        can_take_part(user, org, world.event),
        can_see_meeting_link(user, org, world.event),
        can_ask_question(user, org, world.need),
    )
    assert got == TABLE[(role, visibility)]


def test_acting_for_someone_elses_org_grants_nothing(world):
    assert not can_take_part(world.suppliers[0], world.orgs[1], world.event)
    assert not can_see_meeting_link(world.suppliers[0], world.orgs[1], world.event)
