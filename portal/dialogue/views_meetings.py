"""Buyer side: availability windows, meetings (roles, minutes, cancel), participants, CSV."""


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.db import db
from portal.dialogue import booking as booking_services
from portal.dialogue.forms import BuyerCancelForm, EmptyForm, MinutesForm, RolesForm, WindowForm
from portal.dialogue.loaders import load_booking, load_event
from portal.dialogue.models import AvailabilityWindow, MeetingRole
from portal.dialogue.services import DialogueError
from portal.i18n import oslo_datetime
from portal.opendata.csvutil import csv_response


def _to(endpoint, event, **kw):
    return redirect(url_for(endpoint, event_id=event.id, **kw))


@login_required
def availability(event_id: int):
    event = load_event(event_id, manage=True)
    if not event.has_meetings:
        abort(404)
    form = WindowForm()
    if form.validate_on_submit():
        try:
            booking_services.add_window(current_user, event, form.data)
        except DialogueError as exc:
            db.session.rollback()
            form.end_time.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Tidsvinduet er lagret, og møtetidene er laget."), "success")
            return _to("dialogue.availability", event)
    return render_template("dialogue/availability.html", event=event, form=form, delete_form=EmptyForm())


@login_required
def delete_window(event_id: int, window_id: int):
    event = load_event(event_id, manage=True)
    window = db.get_or_404(AvailabilityWindow, window_id)
    if window.event_id != event.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        try:
            booking_services.delete_window(current_user, window)
        except DialogueError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Tidsvinduet er slettet."), "success")
    return _to("dialogue.availability", event)


def _buyer_members(event):
    return sorted((m.user for m in event.need.organisation.memberships if m.user.is_active), key=lambda u: u.name)


@login_required
def meeting(event_id: int, booking_id: int):
    event = load_event(event_id, manage=True)
    booking = load_booking(event, booking_id)
    members = _buyer_members(event)
    roles_form = RolesForm(prefix="roles")
    for f in (roles_form.answerers, roles_form.observers, roles_form.minute_takers):
        f.choices = [(u.id, u.name) for u in members]
    fields = {MeetingRole.ANSWERER: roles_form.answerers, MeetingRole.OBSERVER: roles_form.observers,
              MeetingRole.MINUTE_TAKER: roles_form.minute_takers}
    minutes_form = MinutesForm(prefix="minutes")
    action = request.form.get("action")
    if action == "roles" and roles_form.validate_on_submit():
        booking_services.set_roles(current_user, booking, {r: f.data or [] for r, f in fields.items()})
        db.session.commit()
        flash(_("Rollene er lagret."), "success")
        return _to("dialogue.meeting", event, booking_id=booking.id)
    if action == "minutes" and minutes_form.validate_on_submit():
        booking_services.save_minutes(current_user, booking, minutes_form.minutes_md.data or "")
        db.session.commit()
        flash(_("Referatet er lagret."), "success")
        return _to("dialogue.meeting", event, booking_id=booking.id)
    if request.method == "GET":
        for role, f in fields.items():
            f.data = [a.user_id for a in booking.roles if a.role == role]
        minutes_form.minutes_md.data = booking.minutes_md or booking_services.minutes_template(booking)
    return render_template("dialogue/meeting.html", event=event, booking=booking, roles_form=roles_form,
                           minutes_form=minutes_form, cancel_form=BuyerCancelForm(prefix="cancel"))


@login_required
def buyer_cancel(event_id: int, booking_id: int):
    event = load_event(event_id, manage=True)
    booking = load_booking(event, booking_id)
    form = BuyerCancelForm(prefix="cancel")
    if form.validate_on_submit():
        booking_services.buyer_cancel_booking(current_user, booking, form.reason.data.strip())
        db.session.commit()
        flash(_("Møtet er avlyst, og leverandøren har fått beskjed."), "success")
        return _to("dialogue.participants", event)
    return render_template("dialogue/meeting.html", event=event, booking=booking, roles_form=None,
                           minutes_form=None, cancel_form=form), 400


@login_required
def participants(event_id: int):
    event = load_event(event_id, manage=True)
    form = EmptyForm()
    if request.method == "POST" and form.validate_on_submit():
        attended = set(request.form.getlist("attended"))
        for reg in event.registrations:
            for p in reg.participants:
                p.attended = f"p{p.id}" in attended
        for slot in event.slots:
            if slot.active_booking:
                slot.active_booking.attended = f"b{slot.active_booking.id}" in attended
        db.session.commit()
        flash(_("Oppmøtet er lagret."), "success")
        return _to("dialogue.participants", event)
    regs = [r for r in event.registrations if r.active]
    bookings = [s.active_booking for s in event.slots if s.active_booking]
    return render_template("dialogue/participants.html", event=event, regs=regs, bookings=bookings, form=form)


def participants_csv(event_id: int):
    event = load_event(event_id, manage=True)
    rows = []
    header = [_("Type"), _("Organisasjon"), _("Status"), _("Navn"), _("E-post"), _("Tidspunkt"),
              _("Kontaktperson"), _("Oppmøte")]
    yes_no = {True: _("Ja"), False: _("Nei"), None: ""}
    for reg in event.registrations:
        if not reg.active:
            continue
        contact = reg.registered_by.email if reg.registered_by else ""
        for p in reg.participants:
            rows.append((_("Konferanse"), reg.organisation.name, reg.status.value, p.name,
                         p.email, oslo_datetime(event.starts_dt), contact, yes_no[p.attended]))
    for slot in event.slots:
        b = slot.active_booking
        if b:
            contact = b.booked_by.email if b.booked_by else ""
            rows.append((_("Møte"), b.organisation.name, b.status.value, b.participants_text,
                         "", oslo_datetime(slot.starts_dt), contact, yes_no[b.attended]))
    return csv_response(f"deltakere-{event.id}.csv", header, rows)


def register(bp) -> None:
    bp.add_url_rule("/arrangementer/<int:event_id>/tilgjengelighet", view_func=availability, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/tilgjengelighet/<int:window_id>/slett", view_func=delete_window,
                    methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/moter/<int:booking_id>", view_func=meeting, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/moter/<int:booking_id>/avlys", view_func=buyer_cancel,
                    methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/deltakere", view_func=participants, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/deltakere.csv", view_func=login_required(participants_csv))
