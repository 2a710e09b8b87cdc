"""Input (innspill): submit, reply, publish, and the confidentiality truth table on every channel."""

import io

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.suppliers import services
from portal.suppliers.models import NeedInput
from portal.suppliers.permissions import can_view_input
from tests.conftest import mail_text
from tests.factories import make_user
from tests.suppliers.factories import make_input, make_need, world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def w(app):
    w = world()
    w.admin = make_user(admin=True)
    w.conf = make_input(w.need, w.supplier, w.author, text="HEMMELIG-PRIS-4711", confidential=True)
    w.open = make_input(w.need, w.supplier, w.author, text="APENT-MEN-UPUBLISERT")
    w.pub = make_input(w.need, w.supplier, w.author, text="PUBLISERT-FOR-ALLE", published=True)
    w.conf.attachment_storage = "doesnotexist"
    w.conf.attachment_name, w.conf.attachment_type = "pris.pdf", "application/pdf"
    db.session.commit()
    return w


ROLES = ["anonymous", "owner", "other_buyer", "author", "colleague", "rival", "platform_admin"]
VISIBLE = {  # role → which inputs it may read
    "anonymous": {"pub"},
    "owner": {"conf", "open", "pub"},
    "other_buyer": {"pub"},
    "author": {"conf", "open", "pub"},
    "colleague": {"open", "pub"},
    "rival": {"pub"},
    "platform_admin": {"pub"},
}
TEXTS = {"conf": "HEMMELIG-PRIS-4711", "open": "APENT-MEN-UPUBLISERT", "pub": "PUBLISERT-FOR-ALLE"}


def act_as(client, login, w, role):
    users = {"owner": (w.buyer_user, w.buyer), "other_buyer": (w.other_buyer_user, w.other_buyer),
             "author": (w.author, w.supplier), "colleague": (w.colleague, w.supplier),
             "rival": (w.rival_user, w.rival), "platform_admin": (w.admin, None)}
    if role in users:
        login(client, *users[role])
        return users[role][0]
    return None


@pytest.mark.parametrize("role", ROLES)
def test_truth_table_predicate(w, role, client, login):
    from flask_login import AnonymousUserMixin

    user = act_as(client, login, w, role) or AnonymousUserMixin()
    for key in TEXTS:
        assert can_view_input(user, getattr(w, key)) == (key in VISIBLE[role]), key


@pytest.mark.parametrize("role", ROLES)
def test_truth_table_pages_api_and_exports(w, role, client, login):
    act_as(client, login, w, role)
    n = w.need.id
    listing = client.get(f"/behov/{n}/innspill").get_data(as_text=True)
    dialog = client.get(f"/behov/{n}/dialog").get_data(as_text=True)
    api = client.get(f"/api/v1/needs/{n}/inputs").get_data(as_text=True)
    csv_resp = client.get(f"/behov/{n}/innspill.csv")
    dash = client.get("/min-side").get_data(as_text=True)
    for key, text in TEXTS.items():
        visible = key in VISIBLE[role]
        detail = client.get(f"/behov/{n}/innspill/{getattr(w, key).id}")
        assert detail.status_code == (200 if visible else 404), (key, role)
        assert (text in listing) == visible, (key, role, "list")
        assert (text in api) == visible, (key, role, "api")
        if role != "owner":  # the owner's panel links to the full list instead
            assert (text in dialog) == visible, (key, role, "dialog")
        assert text not in dash or visible
    assert (csv_resp.status_code == 200) == (role == "owner")
    if role != "owner":
        assert b"HEMMELIG" not in csv_resp.data
    else:
        assert "HEMMELIG-PRIS-4711" in csv_resp.data.decode("utf-8-sig")
    attachment = client.get(f"/behov/{n}/innspill/{w.conf.id}/vedlegg")
    if "conf" not in VISIBLE[role]:
        assert attachment.status_code == 404
    attachment.close()


def test_supplier_submits_input_with_attachment_and_buyer_is_notified(w, client, login, mailbox):
    login(client, w.author, w.supplier)
    resp = client.post(f"/behov/{w.need.id}/innspill", content_type="multipart/form-data", data={
        "input-text": "Vi foreslår **rammeavtale**.", "input-is_confidential": "y",
        "input-attachment": (io.BytesIO(PDF), "forslag.pdf")})
    assert resp.status_code == 302
    inp = db.session.scalars(select(NeedInput).order_by(NeedInput.id.desc())).first()
    assert inp.is_confidential and inp.attachment_name == "forslag.pdf" and inp.author_id == w.author.id
    download = client.get(f"/behov/{w.need.id}/innspill/{inp.id}/vedlegg")
    assert download.status_code == 200 and download.data == PDF
    download.close()
    mails = mailbox.to(w.buyer_user.email)
    assert len(mails) == 1 and f"/behov/{w.need.id}/innspill/{inp.id}" in mail_text(mails[0])
    assert "rammeavtale" not in mail_text(mails[0])  # the text stays on the site


def test_input_form_errors_are_shown(w, client, login):
    login(client, w.author, w.supplier)
    resp = client.post(f"/behov/{w.need.id}/innspill", content_type="multipart/form-data", data={
        "input-text": "", "input-attachment": (io.BytesIO(b"MZ executable"), "virus.exe")})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Skriv innspillet ditt." in page
    resp = client.post(f"/behov/{w.need.id}/innspill", content_type="multipart/form-data", data={
        "input-text": "Tekst", "input-attachment": (io.BytesIO(b"MZ executable"), "virus.exe")})
    assert resp.status_code == 400 and "Bare PDF" in resp.get_data(as_text=True)


@pytest.mark.parametrize("status, allowed", [("published", True), ("in_dialogue", True), ("announced", False),
                                             ("closed", False)])
def test_input_only_while_the_need_is_open_for_dialogue(w, client, login, status, allowed):
    need = make_need(w.buyer, status=status)
    db.session.commit()
    login(client, w.author, w.supplier)
    resp = client.post(f"/behov/{need.id}/innspill", data={"input-text": "Hei"})
    assert resp.status_code == (302 if allowed else 403)


def test_buyer_replies_and_the_author_is_notified(w, client, login, mailbox):
    login(client, w.rival_user, w.rival)
    assert client.post(f"/behov/{w.need.id}/innspill/{w.conf.id}/svar", data={"reply": "x"}).status_code == 404
    assert client.post(f"/behov/{w.need.id}/innspill/{w.pub.id}/svar", data={"reply": "x"}).status_code == 403
    login(client, w.buyer_user, w.buyer)
    assert client.post(f"/behov/{w.need.id}/innspill/{w.conf.id}/svar", data={"reply": ""}).status_code == 400
    resp = client.post(f"/behov/{w.need.id}/innspill/{w.conf.id}/svar", data={"reply": "Takk, vi ser på det."})
    assert resp.status_code == 302
    db.session.expire_all()
    assert w.conf.reply_text == "Takk, vi ser på det." and w.conf.reply_by_id == w.buyer_user.id
    assert len(mailbox.to(w.author.email)) == 1
    login(client, w.author, w.supplier)
    assert "Takk, vi ser på det." in client.get(f"/behov/{w.need.id}/innspill/{w.conf.id}").get_data(as_text=True)


def test_buyer_publishes_only_non_confidential_input(w, client, login):
    login(client, w.buyer_user, w.buyer)
    assert client.post(f"/behov/{w.need.id}/innspill/{w.conf.id}/publiser").status_code == 403
    assert client.post(f"/behov/{w.need.id}/innspill/{w.open.id}/publiser").status_code == 302
    db.session.expire_all()
    assert w.open.is_published and not w.conf.is_published
    client.get("/")  # anonymous view next
    with client.session_transaction() as sess:
        sess.clear()
    assert "APENT-MEN-UPUBLISERT" in client.get(f"/behov/{w.need.id}/innspill").get_data(as_text=True)
    login(client, w.buyer_user, w.buyer)
    client.post(f"/behov/{w.need.id}/innspill/{w.open.id}/publiser", data={"publish": "0"})
    db.session.expire_all()
    assert not w.open.is_published


def test_service_refuses_to_publish_confidential_input(w, app):
    with app.test_request_context(), pytest.raises(services.SupplierError):
        services.publish_input(w.buyer_user, w.conf)


def test_other_buyer_cannot_publish(w, client, login):
    login(client, w.other_buyer_user, w.other_buyer)
    assert client.post(f"/behov/{w.need.id}/innspill/{w.open.id}/publiser").status_code == 404
    assert client.post(f"/behov/{w.need.id}/innspill/{w.pub.id}/publiser").status_code == 403
