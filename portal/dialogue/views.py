"""Market dialogue pages: events on a need, registration, meetings, Q&A, calendar."""

from flask import Blueprint, render_template
from markupsafe import Markup

from portal.dialogue import views_events, views_meetings, views_participation, views_qa
from portal.needs.queries import register_dialogue_event_filter

bp = Blueprint("dialogue", __name__)


for _module in (views_events, views_meetings, views_participation, views_qa):
    _module.register(bp)


@bp.app_template_global()
def dialogue_need_events(need) -> Markup:
    """Events, Q&A and information-log links for the need page: `{{ dialogue_need_events(need) }}`."""
    html = render_template("dialogue/_need_events.html", **views_events.need_events_context(need))
    return Markup(html)  # noqa: S704  # nosec B704


@bp.app_template_global()
def dialogue_upcoming() -> list[dict]:
    """Upcoming events and bookings for the dashboard of the organisation the user acts for."""
    from flask_login import current_user

    from portal.dialogue.queries import upcoming_for
    from portal.organisations.context import active_org

    return upcoming_for(current_user, active_org())


def _has_dialogue_event():
    from sqlalchemy import select

    from portal.dialogue.models import DialogueEvent, EventStatus
    from portal.needs.models import Need

    return Need.id.in_(select(DialogueEvent.need_id).where(DialogueEvent.status != EventStatus.CANCELLED))


register_dialogue_event_filter(_has_dialogue_event)
