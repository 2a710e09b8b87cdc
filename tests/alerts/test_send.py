"""`flask alerts send`: new matching needs told once, by mail now or in a daily digest; never drafts."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from portal.alerts import services
from portal.alerts.models import AlertDelivery, Frequency
from portal.alerts.sending import send_alerts
from portal.db import utcnow
from portal.extensions import db
from portal.needs.models import NeedStatus
from portal.notifications.services import send_pending
from portal.search.params import SearchParams
from tests.conftest import mail_text
from tests.factories import make_user
from tests.search.helpers import buyer, published_need

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def w(app):
    class W:
        pass

    x = W()
    x.buyer_user, x.org = buyer()
    x.me = make_user(name="Sara Søker", email="sara@example.no")
    db.session.commit()
    return x


def save(user, q="renhold", frequency="immediate", doc_type="need", **filters):
    search = services.create_saved_search(user, SearchParams(q=q, type=doc_type, filters=filters),
                                          {"name": f"Søk {q}", "frequency": frequency})
    db.session.commit()
    return search


def publish(w, title, cpv="90911200", **kw):
    return published_need(w.buyer_user, w.org, title, cpv=cpv, **kw)


def run(runner):
    result = runner.invoke(args=["alerts", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def deliveries(user):
    db.session.expire_all()
    return db.session.scalar(select(func.count(AlertDelivery.id)).where(AlertDelivery.user_id == user.id))


def test_immediate_mail_names_the_new_need_with_a_link_and_a_second_run_sends_nothing(w, runner, mailbox):
    publish(w, "Renhold av skolene (før søket ble lagret)")
    save(w.me, county=["46"])
    need = publish(w, "Renholdstjenester for rådhuset")
    publish(w, "Ladestasjoner ved sykehjemmet", cpv="31158100")
    assert "new matches 1, mails 1" in run(runner)
    [mail] = mailbox.to("sara@example.no")
    assert mail["Subject"] == "Nytt treff: Renholdstjenester for rådhuset"
    text = mail_text(mail)
    assert "Renholdstjenester for rådhuset" in text and f"http://localhost/behov/{need.id}" in text
    assert "skolene" not in text and "Ladestasjoner" not in text
    assert "http://localhost/lagrede-sok" in text
    assert "new matches 0, mails 0" in run(runner)
    assert len(mailbox.to("sara@example.no")) == 1


def test_the_same_need_is_never_told_twice_even_by_another_or_a_new_search(w, runner, mailbox):
    first = save(w.me)
    save(w.me, q="rådhuset")
    publish(w, "Renhold av rådhuset")
    run(runner)
    assert deliveries(w.me) == 1 and len(mailbox.to("sara@example.no")) == 1
    services.delete_saved_search(w.me, first)
    db.session.commit()
    save(w.me, q="renhold rådhuset")
    run(runner)
    assert deliveries(w.me) == 1 and len(mailbox.to("sara@example.no")) == 1


def test_drafts_and_withdrawn_needs_are_never_alerted(w, runner, mailbox):
    from portal.needs import services as needs

    save(w.me)
    needs.create_need(w.buyer_user, w.org, {"title": "Renhold – utkast", "summary": "Kort", "problem_md": "x",
                                            "cpv_main": "90911200", "places": ["4601"]})
    withdrawn = publish(w, "Renhold som ble avlyst")
    withdrawn.status = NeedStatus.CANCELLED
    db.session.commit()
    assert "new matches 0, mails 0" in run(runner)
    assert mailbox.to("sara@example.no") == []


def test_daily_digest_batches_a_days_matches_into_one_mail(w, app, mailbox):
    save(w.me, frequency="daily")
    publish(w, "Renhold av barnehagene")
    publish(w, "Renhold av sykehjemmene")
    tomorrow = (utcnow().astimezone(OSLO) + timedelta(days=1)).date()
    at = lambda d, h: datetime.combine(d, time(h), tzinfo=OSLO)  # noqa: E731

    stats = send_alerts(now=at(tomorrow, 6))  # found and shown in the portal; the digest waits for 07:00
    assert (stats.found, stats.mails, stats.digests) == (2, 0, 0)
    send_pending()
    assert mailbox.to("sara@example.no") == []

    assert send_alerts(now=at(tomorrow, 8)).digests == 1
    send_pending()
    [digest] = mailbox.to("sara@example.no")
    text = mail_text(digest)
    assert digest["Subject"] == "Dagens nye treff på lagrede søk (2)"
    assert "Renhold av barnehagene" in text and "Renhold av sykehjemmene" in text

    publish(w, "Renhold av svømmehallen")
    stats = send_alerts(now=at(tomorrow, 12))  # the same day: no second digest
    assert (stats.found, stats.digests) == (1, 0)
    send_pending()
    assert len(mailbox.to("sara@example.no")) == 1

    assert send_alerts(now=at(tomorrow + timedelta(days=1), 7)).digests == 1
    send_pending()
    later = mailbox.to("sara@example.no")[-1]
    assert "Renhold av svømmehallen" in mail_text(later) and "barnehagene" not in mail_text(later)


def test_most_urgent_search_decides_and_portal_only_sends_no_mail(w, client, login, runner, mailbox):
    quiet = save(w.me, frequency="portal")
    publish(w, "Renhold av kontorene")
    run(runner)
    assert mailbox.to("sara@example.no") == []
    login(client, w.me)
    page = client.get("/lagrede-sok").get_data(as_text=True)
    assert "1 nytt treff" in page  # on the list
    assert '<span class="ds-tag" data-color="info" data-size="sm">1 nytt</span>' in page  # in the header
    page = client.get(f"/lagrede-sok/{quiet.id}").get_data(as_text=True)
    assert "Renhold av kontorene" in page and ">Ny<" in page
    client.post(f"/lagrede-sok/{quiet.id}/sett")
    assert "1 nytt" not in client.get("/lagrede-sok").get_data(as_text=True)

    save(w.me, q="vaktmester", frequency="portal")
    save(w.me, q="vaktmester", frequency="immediate")
    publish(w, "Vaktmestertjenester for skolen", cpv="98341140")
    run(runner)
    assert [m["Subject"] for m in mailbox.to("sara@example.no")] == ["Nytt treff: Vaktmestertjenester for skolen"]


def test_a_deleted_user_is_not_alerted(w, runner, mailbox):
    save(w.me)
    w.me.deleted_dt = utcnow()
    db.session.commit()
    publish(w, "Renhold av rådhuset")
    run(runner)
    assert deliveries(w.me) == 0 and mailbox.to("sara@example.no") == []


def test_frequencies_are_the_three_choices():
    assert [f.value for f in Frequency] == ["immediate", "daily", "portal"]


def test_an_alert_needs_every_word_the_loose_search_for_browsing_does_not_count(w, runner, client):
    save(w.me, q="renhold barnehager")
    wanted = publish(w, "Renhold av barnehager")
    publish(w, "Renhold av sykehjem")  # only one of the words
    # Browsing with few hits falls back to any word: both show on /sok ...
    page = client.get("/sok", query_string={"q": "renhold barnehager sykehjemmene", "type": "need"}).text
    assert "Renhold av sykehjem" in page and "Renhold av barnehager" in page
    # ... but the alert tells only of the need with every word.
    run(runner)
    db.session.expire_all()
    told = db.session.scalars(select(AlertDelivery.object_id).where(AlertDelivery.user_id == w.me.id)).all()
    assert told == [wanted.id]


def test_a_search_saved_with_a_typo_alerts_on_what_its_corrected_words_find(w, runner):
    # /sok showed «Mente du vinduspuss?» and the corrected hits when it was saved: the alert follows suit,
    # with every (corrected) word, never the any-word fallback.
    save(w.me, q="vinduspus rådhuset")
    wanted = publish(w, "Vinduspuss av rådhuset")
    publish(w, "Vinduspuss av skolene")  # not every word
    run(runner)
    db.session.expire_all()
    told = db.session.scalars(select(AlertDelivery.object_id).where(AlertDelivery.user_id == w.me.id)).all()
    assert told == [wanted.id]
