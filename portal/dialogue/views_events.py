"""Events: list on a need, create, show, edit, cancel, documents, invitations, summary."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.db import db
from portal.dialogue import queries, services
from portal.dialogue.booking import active_booking_of
from portal.dialogue.calendar import booking_item, google_link, outlook_link, registration_item
from portal.dialogue.forms import DocumentForm, EmptyForm, EventForm, InviteForm, SummaryForm, parse_emails
from portal.dialogue.loaders import load_event, load_need
from portal.dialogue.models import DocumentKind, EventDocument
from portal.dialogue.permissions import (
    can_manage_event,
    can_manage_need_dialogue,
    can_see_meeting_link,
    can_take_part,
)
from portal.dialogue.registration import active_registration_of, free_places, waitlist_position
from portal.organisations.context import active_org
from portal.text import render_markdown
from portal.uploads import UploadError, send_stored


def need_events_context(need) -> dict:
    """Context for templates/dialogue/_need_events.html (to include on the need page)."""
    return {"dialogue_need": need, "dialogue_events": queries.visible_events(current_user, active_org(), need),
            "dialogue_can_manage": can_manage_need_dialogue(current_user, need)}


def need_events(need_id: int):
    need = load_need(need_id)
    return render_template("dialogue/need_events.html", need=need, **need_events_context(need))


@login_required
def new_event(need_id: int):
    need = load_need(need_id, manage=True)
    form = EventForm()
    if form.validate_on_submit():
        event = services.create_event(current_user, need, form.to_data())
        db.session.commit()
        flash(_("Arrangementet er opprettet."), "success")
        return redirect(url_for("dialogue.event_detail", event_id=event.id))
    return render_template("dialogue/event_form.html", form=form, need=need, event=None)


@login_required
def edit_event(event_id: int):
    event = load_event(event_id, manage=True)
    form = EventForm()
    if request.method == "GET":
        form.fill(event)
    if form.validate_on_submit():
        services.update_event(current_user, event, form.to_data())
        db.session.commit()
        flash(_("Endringene er lagret."), "success")
        return redirect(url_for("dialogue.event_detail", event_id=event.id))
    return render_template("dialogue/event_form.html", form=form, need=event.need, event=event)


@login_required
def cancel_event(event_id: int):
    event = load_event(event_id, manage=True)
    if EmptyForm().validate_on_submit():
        services.cancel_event(current_user, event)
        db.session.commit()
        flash(_("Arrangementet er avlyst, og alle påmeldte har fått beskjed."), "success")
    return redirect(url_for("dialogue.event_detail", event_id=event.id))


def event_detail(event_id: int):
    event = load_event(event_id)
    org = active_org()
    reg = booking = None
    links = {}
    if org is not None and current_user.is_authenticated:
        reg = active_registration_of(event, org)
        booking = active_booking_of(event, org)
        if reg is not None and reg.is_confirmed and event.starts_dt:
            item = registration_item(reg)
            links["registration"] = (google_link(item), outlook_link(item))
        if booking is not None:
            item = booking_item(booking)
            links["booking"] = (google_link(item), outlook_link(item))
    manage = can_manage_event(current_user, event)
    return render_template(
        "dialogue/event.html", event=event, need=event.need, agenda=render_markdown(event.agenda_md),
        summary=render_markdown(event.summary_md) if event.summary_published_dt else None,
        manage=manage, can_take_part=can_take_part(current_user, org, event),
        show_link=can_see_meeting_link(current_user, org, event), reg=reg, booking=booking,
        position=waitlist_position(reg) if reg else None, places=free_places(event),
        free_slots=len(queries.free_slots(event)), links=links, form=EmptyForm(),
        summary_form=SummaryForm(summary_md=event.summary_md) if manage else None,
        document_form=DocumentForm() if manage else None, is_open=event.is_open(),
    )


def document(event_id: int, doc_id: int):
    event = load_event(event_id)
    doc = db.get_or_404(EventDocument, doc_id)
    if doc.event_id != event.id:
        abort(404)
    return send_stored(doc.storage_name, doc.original_name, doc.content_type)


@login_required
def upload_document(event_id: int):
    event = load_event(event_id, manage=True)
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            services.add_document(current_user, event, DocumentKind(form.kind.data), form.file.data)
        except UploadError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Dokumentet er lastet opp."), "success")
    else:
        flash(next(iter(form.errors.values()))[0] if form.errors else _("Velg en fil."), "error")
    return redirect(url_for("dialogue.event_detail", event_id=event.id) + "#dokumenter")


@login_required
def delete_document(event_id: int, doc_id: int):
    event = load_event(event_id, manage=True)
    doc = db.get_or_404(EventDocument, doc_id)
    if doc.event_id != event.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        services.delete_document(current_user, doc)
        db.session.commit()
        flash(_("Dokumentet er slettet."), "success")
    return redirect(url_for("dialogue.event_detail", event_id=event.id) + "#dokumenter")


@login_required
def publish_summary(event_id: int):
    event = load_event(event_id, manage=True)
    form = SummaryForm()
    if form.validate_on_submit():
        services.publish_summary(current_user, event, form.summary_md.data)
        db.session.commit()
        flash(_("Referatet er publisert for alle leverandører."), "success")
    else:
        flash(_("Skriv referatet før du publiserer."), "error")
    return redirect(url_for("dialogue.event_detail", event_id=event.id) + "#referat")


@login_required
def invite(event_id: int):
    event = load_event(event_id, manage=True)
    candidates = queries.candidate_suppliers(event.need)
    invited = {i.organisation_id for i in event.invitations if i.organisation_id}
    form = InviteForm()
    form.organisations.choices = [(o.id, o.name) for group in candidates.values() for o in group]
    if form.validate_on_submit():
        emails, _invalid = parse_emails(form.emails.data or "")
        interested = {o.id for o in candidates["interested"]}
        ids = form.organisations.data or []
        n = services.invite(current_user, event, [i for i in ids if i in interested], [], source="interest")
        n += services.invite(current_user, event, [i for i in ids if i not in interested], emails, source="match")
        db.session.commit()
        flash(_("%(n)s invitasjoner er sendt.", n=n), "success")
        return redirect(url_for("dialogue.invite", event_id=event.id))
    return render_template("dialogue/invite.html", event=event, form=form, candidates=candidates, invited=invited)


def register(bp) -> None:
    bp.add_url_rule("/behov/<int:need_id>/arrangementer", view_func=need_events)
    bp.add_url_rule("/behov/<int:need_id>/arrangementer/ny", view_func=new_event, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>", view_func=event_detail)
    bp.add_url_rule("/arrangementer/<int:event_id>/rediger", view_func=edit_event, methods=["GET", "POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/avlys", view_func=cancel_event, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/dokumenter", view_func=upload_document, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/dokumenter/<int:doc_id>", view_func=document)
    bp.add_url_rule("/arrangementer/<int:event_id>/dokumenter/<int:doc_id>/slett", view_func=delete_document,
                    methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/referat", view_func=publish_summary, methods=["POST"])
    bp.add_url_rule("/arrangementer/<int:event_id>/inviter", view_func=invite, methods=["GET", "POST"])
