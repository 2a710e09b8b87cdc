"""A buyer follows new suppliers that match its need: only members of the owning organisation may."""

from sqlalchemy import select

from portal.alerts.models import Frequency, SavedSearch
from portal.extensions import db
from portal.needs.models import NeedStatus
from tests.conftest import mail_text
from tests.factories import make_user
from tests.needs.helpers import make_need
from tests.search.helpers import buyer, published_need, supplier

FOLLOW = "Følg nye leverandører som passer"


def test_buyer_follows_new_suppliers_for_a_need(app, client, login, runner, mailbox):
    owner, org = buyer()
    owner.email = "innkjoper@bergen.kommune.no"
    need = published_need(owner, org, "Renholdstjenester for rådhuset", problem="Daglig renhold og vinduspuss.",
                          cpv="90911200")
    supplier("Gammel Renhold AS", "Renhold og vinduspuss i Bergen siden 1990.", cpv=("90911200",))
    outsider = make_user(name="Ola Utenfor")
    db.session.commit()

    other = app.test_client()
    login(other, outsider)
    assert FOLLOW not in other.get(f"/behov/{need.id}/treff").get_data(as_text=True)
    assert other.post(f"/behov/{need.id}/folg-leverandorer", data={"frequency": "immediate"}).status_code == 403

    login(client, owner, org)
    page = client.get(f"/behov/{need.id}/treff").get_data(as_text=True)
    assert FOLLOW in page and f'action="/behov/{need.id}/folg-leverandorer"' in page
    resp = client.post(f"/behov/{need.id}/folg-leverandorer", data={"frequency": "immediate"})
    assert resp.status_code == 302
    follow = db.session.scalar(select(SavedSearch).where(SavedSearch.need_id == need.id))
    assert (follow.user_id, follow.doc_type, follow.frequency) == (owner.id, "supplier", Frequency.IMMEDIATE)
    detail = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Renholdstjenester for rådhuset" in detail and "Du følger nå nye leverandører" in detail
    assert "Du får beskjed når nye leverandører" in client.get(f"/behov/{need.id}/treff").get_data(as_text=True)

    fresh = supplier("Fjord Renhold AS", "Vi tilbyr renhold og vinduspuss i Bergen.", cpv=("90911200",))
    supplier("Oslo Lading AS", "Ladestasjoner og elbilladere.", cpv=("31158100",), municipalities=("0301",))
    result = runner.invoke(args=["alerts", "send"])
    assert "new matches 1, mails 1" in result.output, result.output
    [mail] = mailbox.to("innkjoper@bergen.kommune.no")
    assert mail["Subject"] == "Nytt treff: Fjord Renhold AS"
    assert f"http://localhost/leverandorer/{fresh.id}" in mail_text(mail)
    assert "Gammel Renhold" not in mail_text(mail)
    assert "new matches 0, mails 0" in runner.invoke(args=["alerts", "send"]).output

    body = client.get(f"/feeds/lagrede-sok/{follow.feed_token}.atom").get_data(as_text=True)
    assert "Fjord Renhold AS" in body and "Oslo Lading" not in body


def test_following_needs_a_public_need_of_ones_own_organisation(app, client, login):
    owner, org = buyer()
    draft = make_need(org, title="Utkast", status=NeedStatus.DRAFT)
    other_user, other_org = buyer(name="Oslo kommune", municipality="0301")
    need = published_need(owner, org, "Renhold av skolene")
    login(client, other_user, other_org)
    assert client.post(f"/behov/{need.id}/folg-leverandorer", data={"frequency": "daily"}).status_code == 403
    login(client, owner, org)
    assert client.post(f"/behov/{draft.id}/folg-leverandorer", data={"frequency": "daily"}).status_code == 404
    assert db.session.scalars(select(SavedSearch)).all() == []


def test_a_buyer_who_left_the_organisation_is_no_longer_alerted(app, client, login, runner, mailbox):
    from portal.organisations.models import Membership

    owner, org = buyer()
    colleague = make_user(name="Kari Kollega", email="kari@bergen.kommune.no")
    db.session.add(Membership(user=colleague, organisation=org))
    need = published_need(owner, org, "Renholdstjenester for rådhuset", cpv="90911200")
    login(client, colleague, org)
    assert client.post(f"/behov/{need.id}/folg-leverandorer", data={"frequency": "immediate"}).status_code == 302
    assert db.session.scalar(select(SavedSearch).where(SavedSearch.user_id == colleague.id)) is not None
    db.session.delete(db.session.scalar(select(Membership).where(Membership.user_id == colleague.id)))
    db.session.commit()
    supplier("Fjord Renhold AS", "Vi tilbyr renhold og vinduspuss i Bergen.", cpv=("90911200",))
    runner.invoke(args=["alerts", "send"])
    assert mailbox.to("kari@bergen.kommune.no") == []
