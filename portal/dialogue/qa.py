"""Questions and answers on a need: private until answered, then public and anonymous to all."""

from flask_babel import lazy_gettext as _

from portal.db import db, utcnow
from portal.dialogue.models_qa import InfoKind, Question
from portal.dialogue.notify import need_audience, need_url, notify, org_recipients
from portal.dialogue.services import DialogueError, log_info


def ask_question(actor, org, need, text: str) -> Question:
    text = text.strip()
    if not text:
        raise DialogueError(_("Skriv spørsmålet."), "question")
    q = Question(need_id=need.id, organisation_id=org.id, asked_by_id=actor.id, question=text)
    db.session.add(q)
    db.session.flush()
    buyer_contacts = [(need.contact_email, "nb")] if need.contact_email else org_recipients(need.organisation)
    notify(buyer_contacts, _("Nytt spørsmål om «%(t)s»", t=need.title),
           [_("En leverandør har stilt et spørsmål om behovet. Svaret publiseres anonymt for alle.")],
           need_url(need, "/sporsmal"))
    return q


def answer_question(actor, question: Question, answer: str, question_text: str | None = None) -> None:
    """Publish the answer to everyone, asker anonymised; the buyer may neutralise the wording first."""
    answer = answer.strip()
    if not answer:
        raise DialogueError(_("Skriv svaret."), "answer")
    first = question.answered_dt is None
    if question_text and question_text.strip():
        question.question = question_text.strip()
    question.answer, question.answered_by_id, question.answered_dt = answer, actor.id, utcnow()
    db.session.flush()
    need = question.need
    log_info(need, InfoKind.ANSWER if first else InfoKind.ANSWER_UPDATED, question.question[:300], url=f"/behov/{need.id}/sporsmal#q{question.id}", object_id=question.id)
    notify(need_audience(need), _("Nytt svar om «%(t)s»", t=need.title),
           [_("Oppdragsgiver har publisert et svar på et spørsmål om behovet. Alle leverandører ser det samme svaret.")],
           need_url(need, "/sporsmal"))
