"""Supplier side: conference registration, booking a meeting, .ics files and the personal feed."""

from itertools import groupby

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.auth.models import User, new_calendar_token
from portal.db import db
from portal.dialogue import booking as booking_services
from portal.dialogue import queries
from portal.dialogue import registration as reg_services
from portal.dialogue.calendar import booking_item, build_ics, registration_item
from portal.dialogue.forms import BookingForm, EmptyForm, RegistrationForm
from portal.dialogue.loaders import load_event
from portal.dialogue.models import MeetingSlot
from portal.dialogue.permissions import can_take_part
from portal.dialogue.services import DialogueError
from portal.dialogue.slots import to_oslo
from portal.organisations.context import active_org


def _participant_or_403(event):
    org = active_org()
    if not can_take_part(current_user, org, event):
        abort(403)
    return org


def _to_event(event):
    return redirect(url_for("dialogue.event_detail", event_id=event.id))


@login_required
def register_view(event_id: int):
    event = load_event(event_id)
    org = _participant_or_403(event)
    reg = reg_services.active_registration_of(event, org)
    form = RegistrationForm()
    if reg is not None and not form.is_submitted():
        form.participants.data = "\n".join(f"{p.name}, {p.email}" if p.email else p.name for p in reg.participants)
    elif not form.is_submitted():
        form.participants.data = f"{current_user.name}, {current_user.email}"
    if form.validate_on_submit():
        try:
            if reg is None:
                reg = reg_services.register(current_user, org, event, form.people)
            else:
                reg_services.update_participants(current_user, reg, form.people)
        except DialogueError as exc:
            db.session.rollback()
            (form.participants.errors if exc.field == "participants" else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            flash(_("Dere er påmeldt.") if reg.is_confirmed else _("Dere står på venteliste."), "success")
            return _to_event(event)
    return render_template("dialogue/register.html", event=event, form=form, reg=reg, org=org,
                           places=reg_services.free_places(event))


@login_required
def unregister(event_id: int):
    event = load_event(event_id)
    org = _participant_or_403(event)
    reg = reg_services.active_registration_of(event, org)
    if reg is None or not EmptyForm().validate_on_submit():
        return _to_event(event)
    try:
        reg_services.cancel_registration(current_user, reg)
    except DialogueError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Dere er meldt av."), "success")
    return _to_event(event)


def _days(slots):
    return [(day, list(items)) for day, items in groupby(slots, key=lambda s: to_oslo(s.starts_dt).date())]


@login_required
def slots_view(event_id: int):
    event = load_event(event_id)
    if not event.has_meetings:
        abort(404)
    org = _participant_or_403(event)
    mine = booking_services.active_booking_of(event, org)
    free = queries.free_slots(event)
    return render_template("dialogue/slots.html", event=event, days=_days(free), mine=mine,
                           form=BookingForm(), cancel_form=EmptyForm(), is_open=event.is_open())


@login_required
def book(event_id: int, slot_id: int):
    event = load_event(event_id)
    org = _participant_or_403(event)
    slot = db.get_or_404(MeetingSlot, slot_id)
    if slot.event_id != event.id:
        abort(404)
    form = BookingForm()
    if not form.validate_on_submit():
        flash(_("Kontroller skjemaet og prøv igjen."), "error")
        return redirect(url_for("dialogue.slots_view", event_id=event.id))
    try:
        booking_services.book_slot(current_user, org, slot, {"participants_text": form.participants_text.data or "",
                                                             "topic": form.topic.data or ""})
        db.session.commit()
    except DialogueError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("dialogue.slots_view", event_id=event.id), 303)
    flash(_("Møtet er booket. Du får en bekreftelse på e-post med kalenderfil."), "success")
    return redirect(url_for("dialogue.event_detail", event_id=event.id), 303)


@login_required
def cancel_my_booking(event_id: int):
    event = load_event(event_id)
    org = _participant_or_403(event)
    mine = booking_services.active_booking_of(event, org)
    if mine is None or not EmptyForm().validate_on_submit():
        return _to_event(event)
    try:
        booking_services.cancel_booking(current_user, mine)
    except DialogueError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Møtet er avbestilt."), "success")
    return _to_event(event)


def _ics(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@login_required
def registration_ics(event_id: int):
    event = load_event(event_id)
    org = active_org()
    reg = reg_services.latest_registration_of(event, org) if org else None
    if reg is None or (reg.active and not reg.is_confirmed) or not event.starts_dt:
        abort(404)
    return _ics(build_ics([registration_item(reg)]), f"arrangement-{event.id}.ics")


@login_required
def booking_ics(event_id: int):
    event = load_event(event_id)
    org = active_org()
    mine = booking_services.latest_booking_of(event, org) if org else None
    if mine is None:
        abort(404)
    return _ics(build_ics([booking_item(mine)]), f"mote-{event.id}.ics")


@login_required
def calendar_page():
    feed = (url_for("dialogue.calendar_feed", token=current_user.calendar_token, _external=True)
            if current_user.calendar_token else None)
    return render_template("dialogue/calendar.html", feed=feed, form=EmptyForm())


@login_required
def calendar_token():
    if EmptyForm().validate_on_submit():
        user = db.session.get(User, current_user.id)
        user.calendar_token = new_calendar_token()
        db.session.commit()
        flash(_("Ny kalenderadresse er laget. Den gamle virker ikke lenger."), "success")
    return redirect(url_for("dialogue.calendar_page"))


def calendar_feed(token: str):
    if len(token) < 20:
        abort(404)
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    if user is None or not user.is_active:
        abort(404)
    return _ics(build_ics(queries.calendar_items_for(user), method="PUBLISH", name="Møteplassen"), "moteplassen.ics")


def register(bp) -> None:
    bp.add_url_rule("/arrangementer/<int:event_id>/pamelding", view_func=register_view, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/pamelding/avmeld", view_func=unregister, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/pamelding.ics", view_func=registration_ics)
    bp.add_url_rule("/arrangementer/<int:event_id>/moter", view_func=slots_view)
    bp.add_url_rule("/arrangementer/<int:event_id>/moter/<int:slot_id>/book", view_func=book, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/moter/avbestill", view_func=cancel_my_booking, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/mote.ics", view_func=booking_ics)
    bp.add_url_rule("/kalender", view_func=calendar_page)
    bp.add_url_rule("/kalender/ny-adresse", view_func=calendar_token, methods=["POST"])
    bp.add_url_rule("/kalender/<token>.ics", view_func=calendar_feed)
