"""The verification queue: who may see it, verifying and rejecting with mail to the org's admins."""

import pytest

from portal.extensions import db
from portal.organisations.models import OrgKind, VerificationStatus
from tests.conftest import mail_text
from tests.factories import make_org, make_user


@pytest.fixture
def pending():
    admin_nb = make_user(email="anne@testvik.no", name="Anne Admin")
    admin_en = make_user(email="john@testvik.no", name="John Admin", locale="en")
    member = make_user(email="mons@testvik.no")
    org = make_org(name="Testvik kommune", verified=False, admins=[admin_nb, admin_en], members=[member])
    db.session.commit()
    return org


@pytest.fixture
def platform_admin():
    user = make_user(email="root@moteplassen.no", admin=True)
    db.session.commit()
    return user


PATHS = [("get", "/admin/"), ("get", "/admin/organisasjoner"), ("get", "/admin/brukere"),
         ("get", "/admin/organisasjoner/{id}"), ("post", "/admin/organisasjoner/{id}/verifiser"),
         ("post", "/admin/organisasjoner/{id}/avvis")]


@pytest.mark.parametrize("method,path", PATHS)
@pytest.mark.parametrize("who,status", [("anonymous", 302), ("user", 403), ("org_admin", 403)])
def test_only_platform_admins(client, login, pending, who, status, method, path):
    if who == "user":
        login(client, make_user())
    elif who == "org_admin":
        login(client, pending.memberships[0].user, pending)
    db.session.commit()
    resp = getattr(client, method)(path.format(id=pending.id), data={"reason": "x"})
    assert resp.status_code == status
    if who == "anonymous":
        assert resp.headers["Location"].startswith("/logg-inn")
    db.session.expire_all()
    assert pending.verification == VerificationStatus.PENDING


@pytest.mark.parametrize("path", ["/admin/", "/admin/organisasjoner", "/admin/brukere", "/admin/organisasjoner/{id}"])
def test_platform_admin_sees_pages(client, login, pending, platform_admin, path):
    resp = login(client, platform_admin).get(path.format(id=pending.id))
    assert resp.status_code == 200
    assert "Testvik kommune" in resp.get_data(as_text=True) or path == "/admin/brukere"


def test_queue_lists_only_pending_organisations(client, login, pending, platform_admin):
    make_org(name="Ferdig kommune", verified=True, admins=[make_user()])
    make_org(name="Importert etat", verified=False)  # imported placeholder without members
    db.session.commit()
    page = login(client, platform_admin).get("/admin/").get_data(as_text=True)
    assert "Testvik kommune" in page and "anne@testvik.no" in page
    assert "Ferdig kommune" not in page and "Importert etat" not in page
    assert 'href="/admin/"' in page  # the main menu shows Administrasjon to platform admins


def test_verify_sends_mail_in_each_admins_language(client, login, pending, platform_admin, mailbox):
    login(client, platform_admin)
    resp = client.post(f"/admin/organisasjoner/{pending.id}/verifiser", follow_redirects=True)
    assert "Testvik kommune er verifisert" in resp.get_data(as_text=True)
    assert "Ingen organisasjoner venter på verifisering." in resp.get_data(as_text=True)
    db.session.expire_all()
    assert pending.verification == VerificationStatus.VERIFIED and pending.verified_dt is not None
    [nb] = mailbox.to("anne@testvik.no")
    assert "er verifisert" in nb["Subject"]
    assert "Hei Anne Admin!" in mail_text(nb) and f"/organisasjoner/{pending.id}" in mail_text(nb)
    assert len(mailbox.to("john@testvik.no")) == 1
    assert not mailbox.to("mons@testvik.no")  # plain members are not mailed
    # Verifying twice does nothing more.
    client.post(f"/admin/organisasjoner/{pending.id}/verifiser")
    assert len(mailbox.to("anne@testvik.no")) == 1


def test_reject_requires_reason(client, login, pending, platform_admin, mailbox):
    login(client, platform_admin)
    resp = client.post(f"/admin/organisasjoner/{pending.id}/avvis", data={"reason": "  "})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'id="reason-error"' in page and "Skriv hvorfor organisasjonen avvises" in page
    db.session.expire_all()
    assert pending.verification == VerificationStatus.PENDING
    assert len(mailbox) == 0


def test_reject_mails_the_reason(client, login, pending, platform_admin, mailbox):
    login(client, platform_admin)
    reason = "Organisasjonsnummeret tilhører et aksjeselskap, ikke en kommune."
    resp = client.post(f"/admin/organisasjoner/{pending.id}/avvis", data={"reason": reason})
    assert resp.status_code == 302 and resp.headers["Location"] == "/admin/"
    db.session.expire_all()
    assert pending.verification == VerificationStatus.REJECTED and pending.verification_reason == reason
    [nb] = mailbox.to("anne@testvik.no")
    assert reason in mail_text(nb) and "ikke verifisert" in nb["Subject"]
    assert reason in mail_text(mailbox.to("john@testvik.no")[0])
    # Nobody belongs to a rejected organisation any more (the reason went by mail).
    assert pending.memberships == []


def test_unknown_org_is_404_for_platform_admin(client, login, platform_admin):
    login(client, platform_admin)
    assert client.get("/admin/organisasjoner/999999").status_code == 404
    assert client.post("/admin/organisasjoner/999999/verifiser").status_code == 404


def test_admin_lists_search(client, login, pending, platform_admin):
    make_org(name="Annen bedrift AS", kind=OrgKind.BEDRIFT)
    db.session.commit()
    login(client, platform_admin)
    page = client.get("/admin/organisasjoner?q=testvik").get_data(as_text=True)
    assert "Testvik kommune" in page and "Annen bedrift AS" not in page
    page = client.get(f"/admin/organisasjoner?q={pending.orgnr}").get_data(as_text=True)
    assert "Testvik kommune" in page
    page = client.get("/admin/brukere?q=anne@").get_data(as_text=True)
    assert "anne@testvik.no" in page and "mons@testvik.no" not in page


def test_huge_id_is_404(client, login, platform_admin):
    assert login(client, platform_admin).get("/admin/organisasjoner/99999999999999999999").status_code == 404
