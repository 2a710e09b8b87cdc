"""Load objects for views: 404 when missing or invisible, 403 when not allowed to manage."""

from flask import abort
from flask_login import current_user

from portal.db import db
from portal.dialogue.models import Booking, DialogueEvent
from portal.dialogue.permissions import can_manage_event, can_manage_need_dialogue, can_view_event
from portal.organisations.context import active_org


def load_need(need_id: int, manage: bool = False):
    from portal.needs.models import Need

    need = db.get_or_404(Need, need_id)
    if manage:
        if not current_user.is_authenticated:
            abort(403)
        if not can_manage_need_dialogue(current_user, need):
            abort(403)
    elif not need.is_public and not can_manage_need_dialogue(current_user, need):
        abort(404)
    return need


def load_event(event_id: int, manage: bool = False) -> DialogueEvent:
    event = db.get_or_404(DialogueEvent, event_id)
    if not can_view_event(current_user, active_org(), event):
        abort(404)
    if manage and not can_manage_event(current_user, event):
        abort(403)
    return event


def load_booking(event: DialogueEvent, booking_id: int) -> Booking:
    booking = db.get_or_404(Booking, booking_id)
    if booking.event_id != event.id:
        abort(404)
    return booking
