"""Read-only JSON about dialogue events: public information and free places, never meeting links."""

from flask import Blueprint, abort, jsonify

from portal.db import db
from portal.dialogue import queries
from portal.dialogue.models import DialogueEvent
from portal.dialogue.registration import free_places
from portal.opendata.ocds import iso

bp = Blueprint("dialogue_api", __name__, url_prefix="/api/v1")


def _public(event: DialogueEvent) -> bool:
    """Anonymous API callers see only public events of public needs (no session-based exceptions)."""
    return event.need.is_public and event.visibility == "public"


def event_json(event: DialogueEvent) -> dict:
    return {
        "id": event.id,
        "need_id": event.need_id,
        "title": event.title,
        "kind": str(event.kind),
        "format": str(event.format),
        "status": str(event.status),
        "agenda": event.agenda_md,
        "address": event.address if event.is_physical else None,
        "starts": iso(event.starts_dt),
        "ends": iso(event.ends_dt),
        "registration_deadline": iso(event.registration_deadline_dt),
        "registration_open": event.is_open(),
        "capacity": {"people": event.capacity_people, "organisations": event.capacity_orgs,
                     "per_organisation": event.max_per_org},
        "free_places": free_places(event) if event.has_conference else None,
        "free_slots": len(queries.free_slots(event)) if event.has_meetings else None,
        "url": f"/arrangementer/{event.id}",
    }


@bp.get("/needs/<int:need_id>/events")
def need_events(need_id: int):
    from portal.needs.models import Need

    need = db.session.get(Need, need_id)
    if need is None or not need.is_public:
        abort(404)
    events = [e for e in db.session.scalars(queries.events_for_need(need_id)) if _public(e)]
    return jsonify({"need_id": need_id, "events": [event_json(e) for e in events]})


@bp.get("/events/<int:event_id>")
def event_detail(event_id: int):
    event = db.session.get(DialogueEvent, event_id)
    if event is None or not _public(event):
        abort(404)
    return jsonify(event_json(event))
