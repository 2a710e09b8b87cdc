"""Pages link to the exports, calendar, API keys, audit log and insight that exist behind them."""

from portal.extensions import db
from tests.factories import make_org, make_user


def test_lists_link_to_csv_exports_with_the_same_filters(client):
    page = client.get("/behov?county=03").get_data(as_text=True)
    assert "/behov/eksport.csv?" in page and "county=03" in page.split("/behov/eksport.csv?")[1][:200]
    assert client.get("/behov/eksport.csv?county=03").status_code == 200
    assert "/leverandorer/eksport.csv" in client.get("/leverandorer").get_data(as_text=True)


def test_account_links_to_personal_calendar(client, login):
    user = make_user()
    db.session.commit()
    login(client, user)
    page = client.get("/konto").get_data(as_text=True)
    assert "/kalender" in page
    assert client.get("/kalender").status_code == 200


def test_buyer_admin_sees_api_keys_audit_log_and_insight_links(client, login):
    admin = make_user()
    member = make_user()
    org = make_org(admins=[admin], members=[member])
    db.session.commit()
    login(client, admin, org)
    page = client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    for path in (f"/organisasjoner/{org.id}/api-nokler", f"/revisjonslogg/organisasjon/{org.id}",
                 f"/innsikt/organisasjon/{org.id}"):
        assert path in page
        assert client.get(path).status_code == 200
    login(client, member, org)
    page = client.get(f"/organisasjoner/{org.id}").get_data(as_text=True)
    assert "api-nokler" not in page and "revisjonslogg" not in page
