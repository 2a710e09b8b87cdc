"""Queue mail in the caller's transaction; deliver it after commit, at most once per row."""

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from portal.db import db, utcnow
from portal.notifications.models import MailStatus, OutgoingMail
from portal.text import single_line

log = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=10)


def queue_mail(to: str, template: str, locale: str, subject, attachment=None, **context) -> OutgoingMail:
    """Render mail/<template>.txt/.html in the recipient's language and queue it (no commit)."""
    with force_locale(locale or "nb"):
        mail = OutgoingMail(
            to_address=to,
            subject=single_line(str(subject))[:300],
            body_text=render_template(f"mail/{template}.txt", **context),
            body_html=render_template(f"mail/{template}.html", **context),
        )
    if attachment:
        mail.attachment_name, mail.attachment_type, mail.attachment_data = attachment
    db.session.add(mail)
    g.mail_queued = True
    return mail


def _claimable():
    return or_(
        OutgoingMail.status == MailStatus.PENDING,
        (OutgoingMail.status == MailStatus.SENDING) & (OutgoingMail.claimed_dt < utcnow() - STALE_CLAIM),
    )


def send_pending(limit: int = 200) -> tuple[int, int]:
    """Send queued mail; return (sent, failed). Safe to run in several processes at once.

    A mail the SMTP server did not take stays queued for the next run; a mail that cannot be built
    at all (a bad address or header) is marked failed with its error. Either way the run goes on.
    """
    sent = failed = 0
    with Session(db.engine) as session:
        ids = session.scalars(
            select(OutgoingMail.id).where(_claimable()).order_by(OutgoingMail.id).limit(limit)
        ).all()
        for mail_id in ids:
            claimed = session.execute(
                update(OutgoingMail)
                .where(OutgoingMail.id == mail_id, _claimable())
                .values(status=MailStatus.SENDING, claimed_dt=utcnow(), attempts=OutgoingMail.attempts + 1)
            )
            session.commit()
            if claimed.rowcount != 1:
                continue  # another worker took it
            mail = session.get(OutgoingMail, mail_id)
            try:
                deliver(mail)
            except (OSError, smtplib.SMTPException) as exc:
                mail.status, mail.last_error = MailStatus.PENDING, str(exc)[:1000]
                failed += 1
                log.warning("mail %s not sent, will retry: %s", mail_id, exc)
            except Exception as exc:  # noqa: BLE001  # one bad mail must not block the queue
                mail.status, mail.last_error = MailStatus.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
                failed += 1
                log.exception("mail %s cannot be sent, marked failed", mail_id)
            else:
                mail.status, mail.sent_dt, mail.last_error = MailStatus.SENT, utcnow(), None
                sent += 1
            session.commit()
    return sent, failed


def build_message(mail: OutgoingMail) -> EmailMessage:
    """Return the MIME message (text + HTML alternative + optional attachment)."""
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = mail.to_address
    msg["Subject"] = single_line(mail.subject)  # rows queued before subjects were cleaned
    msg["Message-ID"] = make_msgid(idstring=f"mail{mail.id}", domain="moteplassen.no")
    msg.set_content(mail.body_text)
    msg.add_alternative(mail.body_html, subtype="html")
    if mail.attachment_name:
        maintype, _, subtype = (mail.attachment_type or "application/octet-stream").partition("/")
        msg.add_attachment(
            mail.attachment_data.encode(), maintype=maintype, subtype=subtype, filename=mail.attachment_name
        )
    return msg


def deliver(mail: OutgoingMail) -> None:
    """Hand one mail to the configured backend."""
    cfg = current_app.config
    if cfg["MAIL_BACKEND"] == "console":
        print(f"\n----- mail to {mail.to_address}: {mail.subject}\n{mail.body_text}\n-----", flush=True)
        return
    msg = build_message(mail)
    with smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=cfg["SMTP_TIMEOUT"]) as smtp:
        if cfg["SMTP_STARTTLS"]:
            smtp.starttls()
        if cfg["SMTP_USER"]:
            smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"] or "")
        smtp.send_message(msg)


def send_after_commit(exc=None) -> None:
    """Teardown hook: send what this request or command queued, never failing it."""
    if not g.pop("mail_queued", False) or exc is not None:
        return
    try:
        send_pending(limit=50)
    except Exception:  # the queue keeps it; `flask mail send-pending` retries
        log.exception("sending queued mail failed")
