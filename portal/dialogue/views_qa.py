"""Questions and answers on a need, and the need's information log."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.db import db
from portal.dialogue import qa, queries
from portal.dialogue.forms import AnswerForm, QuestionForm
from portal.dialogue.loaders import load_need
from portal.dialogue.models_qa import Question
from portal.dialogue.permissions import can_ask_question, can_manage_need_dialogue
from portal.dialogue.services import DialogueError
from portal.organisations.context import active_org


def questions(need_id: int):
    need = load_need(need_id)
    org = active_org()
    manage = can_manage_need_dialogue(current_user, need)
    can_ask = can_ask_question(current_user, org, need)
    form = QuestionForm()
    if form.validate_on_submit():
        if not can_ask:
            abort(403)
        try:
            qa.ask_question(current_user, org, need, form.question.data)
        except DialogueError as exc:
            db.session.rollback()
            form.question.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Spørsmålet er sendt. Svaret publiseres anonymt for alle leverandører."), "success")
            return redirect(url_for("dialogue.questions", need_id=need.id))
    answered = db.session.scalars(queries.published_questions(need.id)).all()
    if manage:
        waiting = db.session.scalars(queries.open_questions(need.id)).all()
    elif org is not None and current_user.is_authenticated:
        waiting = db.session.scalars(queries.open_questions(need.id, org.id)).all()
    else:
        waiting = []
    return render_template("dialogue/questions.html", need=need, form=form, can_ask=can_ask, manage=manage,
                           answered=answered, waiting=waiting)


@login_required
def answer(need_id: int, question_id: int):
    need = load_need(need_id, manage=True)
    question = db.get_or_404(Question, question_id)
    if question.need_id != need.id:
        abort(404)
    form = AnswerForm()
    if not form.is_submitted():
        form.question.data, form.answer.data = question.question, question.answer or ""
    if form.validate_on_submit():
        qa.answer_question(current_user, question, form.answer.data, form.question.data)
        db.session.commit()
        flash(_("Svaret er publisert for alle leverandører."), "success")
        return redirect(url_for("dialogue.questions", need_id=need.id) + f"#q{question.id}")
    return render_template("dialogue/answer.html", need=need, question=question, form=form)


def info_log(need_id: int):
    need = load_need(need_id)
    entries = db.session.scalars(queries.info_log(need.id)).all()
    return render_template("dialogue/info_log.html", need=need, entries=entries)


def register(bp) -> None:
    bp.add_url_rule("/behov/<int:need_id>/sporsmal", view_func=questions, methods=["GET", "POST"])
    bp.add_url_rule("/behov/<int:need_id>/sporsmal/<int:question_id>/svar", view_func=answer, methods=["GET", "POST"])
    bp.add_url_rule("/behov/<int:need_id>/informasjonslogg", view_func=info_log)
