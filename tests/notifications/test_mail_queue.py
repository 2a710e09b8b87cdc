"""Mail is queued with the change, sent after commit, kept when SMTP fails, never sent twice."""

import threading

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.notifications.models import MailStatus, OutgoingMail
from portal.notifications.services import queue_mail, send_pending
from tests.conftest import mail_text

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture(autouse=True)
def _mail_templates(app, tmp_path):
    """A tiny mail template of the test's own."""
    from jinja2 import ChoiceLoader, DictLoader

    app.jinja_loader = ChoiceLoader([
        DictLoader({"mail/test.txt": "Hei {{ name }}! {{ _('Logg inn') }}", "mail/test.html": "<p>Hei {{ name }}!</p>"}),
        app.jinja_loader,
    ])
    app.jinja_env.cache = {}


def _statuses():
    return [m.status for m in db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id))]


def test_mail_is_sent_as_text_and_html_in_the_recipients_language(mailbox):
    queue_mail("kari@example.no", "test", "en", subject="Velkommen", name="Kari")
    db.session.commit()
    assert send_pending() == (1, 0)
    [msg] = mailbox.to("kari@example.no")
    assert msg["Subject"] == "Velkommen"
    assert "Hei Kari!" in mail_text(msg)
    assert msg.get_body(preferencelist=("html",)).get_content().strip() == "<p>Hei Kari!</p>"


def test_rolled_back_change_sends_nothing(mailbox):
    queue_mail("kari@example.no", "test", "nb", subject="S", name="Kari")
    db.session.rollback()
    assert send_pending() == (0, 0)
    assert len(mailbox) == 0


def test_smtp_down_keeps_mail_queued_and_cli_sends_it_later(smtp_server, mailbox, runner):
    queue_mail("ola@example.no", "test", "nb", subject="Hei", name="Ola")
    db.session.commit()
    smtp_server.handler.refuse = True
    try:
        assert send_pending() == (0, 1)
    finally:
        smtp_server.handler.refuse = False
    db.session.expire_all()
    [mail] = db.session.scalars(select(OutgoingMail)).all()
    assert mail.status == MailStatus.PENDING and mail.attempts == 1 and "451" in mail.last_error
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0 and "sent 1" in result.output
    assert len(mailbox.to("ola@example.no")) == 1
    db.session.expire_all()
    assert _statuses() == [MailStatus.SENT]


def test_smtp_unreachable_is_reported_by_the_cli(app, runner):
    queue_mail("ola@example.no", "test", "nb", subject="Hei", name="Ola")
    db.session.commit()
    app.config["SMTP_PORT"] = 1  # nothing listens there
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 1 and "failed 1" in result.output
    db.session.expire_all()
    assert _statuses() == [MailStatus.PENDING]


def test_concurrent_senders_never_send_twice(app, mailbox):
    for i in range(20):
        queue_mail(f"u{i}@example.no", "test", "nb", subject=f"M{i}", name="X")
    db.session.commit()

    def worker():
        with app.app_context():
            send_pending()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    subjects = sorted(m["Subject"] for m in mailbox.all())
    assert subjects == sorted(f"M{i}" for i in range(20))


def _raw_mail(to: str, subject: str) -> OutgoingMail:
    """A row as older code (or a bug) could have left it: nothing cleaned."""
    mail = OutgoingMail(to_address=to, subject=subject, body_text="Hei", body_html="<p>Hei</p>")
    db.session.add(mail)
    return mail


def test_a_mail_that_cannot_be_built_is_marked_failed_and_the_queue_goes_on(mailbox, runner):
    _raw_mail("kari@example.no", "Ny organisasjon: Ond\r\nBcc: eve@example.no")
    broken = _raw_mail("ola@example.no\r\nBcc: eve@example.no", "Hei")
    _raw_mail("per@example.no", "Velkommen")
    db.session.commit()
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 1 and "sent 2, failed 1" in result.output
    [old] = mailbox.to("kari@example.no")
    assert old["Subject"] == "Ny organisasjon: Ond Bcc: eve@example.no" and old["Bcc"] is None
    assert len(mailbox.to("per@example.no")) == 1
    assert not mailbox.to("eve@example.no")
    db.session.expire_all()
    assert _statuses() == [MailStatus.SENT, MailStatus.FAILED, MailStatus.SENT]
    assert db.session.get(OutgoingMail, broken.id).last_error.startswith("ValueError")
    # Not retried: the next run has nothing to do and succeeds.
    result = runner.invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0 and "sent 0, failed 0" in result.output


def test_subjects_lose_line_breaks_when_queued(mailbox):
    queue_mail("kari@example.no", "test", "nb", subject="Behov: Skoleskyss\r\nBcc: eve@example.no", name="Kari")
    db.session.commit()
    assert send_pending() == (1, 0)
    [msg] = mailbox.to("kari@example.no")
    assert msg["Subject"] == "Behov: Skoleskyss Bcc: eve@example.no"
    assert db.session.scalars(select(OutgoingMail)).one().subject == "Behov: Skoleskyss Bcc: eve@example.no"
