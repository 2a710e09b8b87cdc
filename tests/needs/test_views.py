"""Pages: list and filters, need page, drafts hidden, guided form, publish, history, attachments."""

import io
import re
import zipfile

import pytest

from portal.extensions import db
from portal.needs.models import Need, NeedStatus
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def buyer(app):
    user = make_user(email="innkjop@bergen.no")
    org = make_org(name="Bergen kommune", members=[user])
    db.session.commit()
    return user, org


def test_list_shows_public_needs_and_hides_drafts(client, buyer):
    _user, org = buyer
    make_need(org, title="Synlig behov")
    make_need(org, title="Hemmelig utkast", status=NeedStatus.DRAFT)
    make_need(org, title="Avlyst behov", status=NeedStatus.CANCELLED, status_reason="Kuttet")
    db.session.commit()
    page = client.get("/behov").get_data(as_text=True)
    assert "Synlig behov" in page and "Avlyst behov" in page
    assert "Hemmelig utkast" not in page


def test_list_filters_are_shareable_get_urls(client, buyer):
    _user, org = buyer
    make_need(org, title="Skoleskyss i Bergen", cpv=("60100000",), places=("4601",), value_min_nok=2_000_000)
    make_need(org, title="Bygg i Oslo", cpv=("45000000",), places=("0301",), is_innovation=True)
    make_need(org, title="Fylkesvei i Vestland", cpv=("45233000",), places=("46",))
    db.session.commit()

    def titles(query):
        resp = client.get(f"/behov?{query}")
        assert resp.status_code == 200
        text = resp.get_data(as_text=True)
        return {t for t in ("Skoleskyss i Bergen", "Bygg i Oslo", "Fylkesvei i Vestland") if t in text}

    assert titles("cpv=45") == {"Bygg i Oslo", "Fylkesvei i Vestland"}
    assert titles("county=46") == {"Skoleskyss i Bergen", "Fylkesvei i Vestland"}
    assert titles("municipality=4601") == {"Skoleskyss i Bergen", "Fylkesvei i Vestland"}
    assert titles("innovation=1") == {"Bygg i Oslo"}
    assert titles("value_min=1000000") == {"Skoleskyss i Bergen"}
    assert titles("kind=planned_procurement") == set()
    # Nonsense input is explained, never a 500.
    resp = client.get("/behov?county=99&value_min=mange&page=abc&sort=x")
    assert resp.status_code == 200 and "Ukjent verdi" in resp.get_data(as_text=True)


def test_pagination(client, buyer):
    _user, org = buyer
    for i in range(25):
        make_need(org, title=f"Behov nummer {i:02d}")
    db.session.commit()
    first = client.get("/behov").get_data(as_text=True)
    second = client.get("/behov?page=2").get_data(as_text=True)
    assert "Side 1 av 2" in first and "Side 2 av 2" in second
    assert first.count("Behov nummer") == 20 and second.count("Behov nummer") == 5


def test_draft_page_is_404_for_others_and_visible_to_owner(client, login, buyer):
    user, org = buyer
    draft = make_need(org, title="Utkast", status=NeedStatus.DRAFT)
    outsider = make_user()
    make_org(members=[outsider])
    db.session.commit()
    assert client.get(f"/behov/{draft.id}").status_code == 404
    login(client, outsider)
    assert client.get(f"/behov/{draft.id}").status_code == 404
    login(client, user, org)
    assert client.get(f"/behov/{draft.id}").status_code == 200


def test_login_required_for_buyer_pages(client, buyer):
    _user, org = buyer
    need = make_need(org)
    db.session.commit()
    for path in ("/behov/mine", "/behov/ny", f"/behov/{need.id}/rediger/om", f"/behov/{need.id}/status"):
        resp = client.get(path)
        assert resp.status_code == 302 and "/logg-inn" in resp.headers["Location"]


def test_supplier_cannot_open_new_need_form(client, login):
    user = make_user()
    org = make_org(kind="bedrift", members=[user])
    db.session.commit()
    login(client, user, org)
    assert client.get("/behov/ny").status_code == 403


def test_guided_form_preview_and_publish(client, login, buyer):
    user, org = buyer
    login(client, user, org)
    assert client.get("/behov/ny").status_code == 200
    resp = client.post("/behov/ny", data={"kind": "need", "title": "", "summary": ""})
    assert resp.status_code == 400 and "Skriv en tittel" in resp.get_data(as_text=True)
    resp = client.post("/behov/ny", data={"kind": "need", "title": "Renere skolegårder",
                                          "summary": "Mindre søppel.", "problem_md": "Det er *mye* søppel."})
    need = db.session.scalar(db.select(Need).where(Need.title == "Renere skolegårder"))
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/behov/{need.id}/rediger/kategori")
    # CPV by words that match several codes → suggestions; by code with check digit → stored without.
    resp = client.post(f"/behov/{need.id}/rediger/kategori", data={"cpv_main": "renhold"})
    assert resp.status_code == 400 and "passer med flere koder" in resp.get_data(as_text=True)
    assert "renhold" in client.get(f"/behov/{need.id}/rediger/kategori?cpv_q=renhold").get_data(as_text=True)
    resp = client.post(f"/behov/{need.id}/rediger/kategori",
                       data={"cpv_main": "90910000-9", "cpv_additional": "90911000 Rengjøring\n90919000",
                             "counties": ["46"], "municipalities": ["0301"]})
    assert resp.status_code == 302
    resp = client.post(f"/behov/{need.id}/rediger/verdi",
                       data={"value_min_nok": "200000", "value_max_nok": "100", "threshold": "national"})
    assert resp.status_code == 400
    resp = client.post(f"/behov/{need.id}/rediger/verdi",
                       data={"value_min_nok": "100000", "value_max_nok": "300000", "threshold": "below",
                             "procedure": "open", "is_innovation": "y", "planned_notice_date": "2025-03-01"})
    assert resp.status_code == 302
    assert client.get(f"/behov/{need.id}/forhandsvis").status_code == 200
    assert "Renere skolegårder" not in client.get("/api/v1/needs").get_data(as_text=True)
    resp = client.post(f"/behov/{need.id}/publiser")
    assert resp.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.status == NeedStatus.PUBLISHED
    assert need.main_cpv == "90910000" and need.additional_cpvs == ["90911000", "90919000"]
    assert sorted(p.municipality or p.county for p in need.places) == ["0301", "46"]
    client.get("/")  # logged-out view of the public page
    page = client.get(f"/behov/{need.id}").get_data(as_text=True)
    assert "<em>mye</em>" in page and "Ingen endringer siden publisering" in page


def test_pending_buyer_writes_no_drafts_and_is_told_why(client, login):
    user = make_user()
    org = make_org(verified=False, members=[user])
    draft = make_need(org, status=NeedStatus.DRAFT)
    db.session.commit()
    login(client, user, org)
    resp = client.get("/behov/ny")
    assert resp.status_code == 403 and "venter på verifisering" in resp.get_data(as_text=True)
    assert client.post("/behov/ny", data={"kind": "need", "title": "Et behov", "summary": "Kort",
                                          "problem_md": "Lang"}).status_code == 403
    assert client.get(f"/behov/{draft.id}/forhandsvis").status_code in (403, 404)
    assert client.post(f"/behov/{draft.id}/publiser").status_code in (403, 404)
    db.session.expire_all()
    assert db.session.get(Need, draft.id).status == NeedStatus.DRAFT


def test_edit_after_publication_shows_in_public_history(client, login, buyer):
    user, org = buyer
    need = make_need(org, title="Gammel tittel")
    db.session.commit()
    login(client, user, org)
    resp = client.post(f"/behov/{need.id}/rediger/om",
                       data={"kind": "need", "title": "Ny tittel", "summary": need.summary,
                             "problem_md": need.problem_md})
    assert resp.status_code == 302
    client.post("/logg-ut")
    page = client.get(f"/behov/{need.id}").get_data(as_text=True)
    assert "Endringshistorikk" in page and "Gammel tittel" in page and "Ny tittel" in page


def test_status_change_to_announced_needs_doffin_reference(client, login, buyer):
    user, org = buyer
    need = make_need(org)
    db.session.commit()
    login(client, user, org)
    resp = client.post(f"/behov/{need.id}/status", data={"status": "announced"})
    assert resp.status_code == 400 and "Doffin-referansen" in resp.get_data(as_text=True)
    resp = client.post(f"/behov/{need.id}/status", data={"status": "announced", "doffin_reference": "2025-1234"})
    assert resp.status_code == 302
    page = client.get(f"/behov/{need.id}").get_data(as_text=True)
    assert "2025-1234" in page and "Kunngjort" in page


def test_attachment_upload_and_download(client, login, buyer):
    user, org = buyer
    need = make_need(org, status=NeedStatus.DRAFT)
    db.session.commit()
    login(client, user, org)
    resp = client.post(f"/behov/{need.id}/vedlegg",
                       data={"file": (io.BytesIO(b"MZ not a document"), "kravspek.pdf")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    assert "Bare PDF, DOCX" in client.get(resp.headers["Location"]).get_data(as_text=True)
    resp = client.post(f"/behov/{need.id}/vedlegg", data={"file": (io.BytesIO(_docx()), "krav.docx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    db.session.expire_all()
    attachment = db.session.get(Need, need.id).attachments[0]
    assert attachment.storage_name != "krav.docx"
    resp = client.get(f"/behov/{need.id}/vedlegg/{attachment.id}")
    assert resp.status_code == 200 and resp.headers["Content-Disposition"].startswith("attachment")
    assert resp.data.startswith(b"PK")
    resp.close()
    client.post("/logg-ut")
    assert client.get(f"/behov/{need.id}/vedlegg/{attachment.id}").status_code == 404  # still a draft


def test_mine_lists_drafts_and_buyer_page_only_public(client, login, buyer):
    user, org = buyer
    make_need(org, title="Mitt utkast", status=NeedStatus.DRAFT)
    make_need(org, title="Mitt publiserte")
    db.session.commit()
    login(client, user, org)
    mine = client.get("/behov/mine").get_data(as_text=True)
    assert "Mitt utkast" in mine and "Mitt publiserte" in mine
    public = client.get(f"/kjopere/{org.id}").get_data(as_text=True)
    assert "Mitt publiserte" in public and "Mitt utkast" not in public
    assert client.get("/kjopere/999999").status_code == 404


def test_co_buyer_confirmation_page(client, login, buyer):
    user, org = buyer
    partner_admin = make_user()
    partner = make_org(name="Askøy kommune", admins=[partner_admin])
    need = make_need(org, status=NeedStatus.DRAFT, title="Felles utkast")
    db.session.commit()
    login(client, user, org)
    resp = client.post(f"/behov/{need.id}/medkjopere", data={"organisation_id": partner.id})
    assert resp.status_code == 302
    db.session.expire_all()
    co_buyer = db.session.get(Need, need.id).co_buyers[0]
    login(client, partner_admin, partner)
    assert client.get(f"/behov/{need.id}").status_code == 404  # not confirmed yet
    assert client.post(f"/behov/medkjoper/{co_buyer.id}", data={"answer": "yes"}).status_code == 302
    assert client.get(f"/behov/{need.id}").status_code == 200
    assert client.get(f"/behov/{need.id}/rediger/om").status_code == 403
    login(client, user, org)
    assert client.post(f"/behov/medkjoper/{co_buyer.id}", data={"answer": "no"}).status_code == 403


def test_list_page_query_count_does_not_grow_with_rows(client, buyer):
    from sqlalchemy import event

    _user, org = buyer
    statements = []

    def count(*args):
        statements.append(args[2])

    def queries_for_list():
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/behov").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    make_need(org, title="Ett behov")
    db.session.commit()
    queries_for_list()  # warm-up: first-request work is not what we measure
    few = queries_for_list()
    for i in range(15):
        make_need(org, title=f"Behov {i}", cpv=("45000000", "45200000"), places=("0301", "46"))
    db.session.commit()
    assert queries_for_list() == few


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_form_step_renders_for_the_owner(client, login, buyer, lang):
    user, org = buyer
    need = make_need(org, status=NeedStatus.DRAFT)
    db.session.commit()
    login(client, user, org)
    client.post("/sprak", data={"lang": lang})
    for step in ("om", "kategori", "verdi", "krav", "kontakt"):
        resp = client.get(f"/behov/{need.id}/rediger/{step}")
        assert resp.status_code == 200, step
        assert "{}" not in resp.get_data(as_text=True)


def test_category_step_suggests_cpv_codes_from_the_text_and_ticking_them_saves_them(client, login, buyer):
    user, org = buyer
    login(client, user, org)
    client.post("/behov/ny", data={"kind": "need", "title": "Brøyting og strøing av kommunale veier",
                                   "summary": "Snørydding vinterstid.",
                                   "problem_md": "Vi trenger brøyting av veier og parkeringsplasser."})
    need = db.session.scalar(db.select(Need).where(Need.title.startswith("Brøyting")))
    page = client.get(f"/behov/{need.id}/rediger/kategori").get_data(as_text=True)
    assert "Foreslåtte CPV-koder" in page
    assert "90620000 Snørydding og brøyting" in page
    client.post("/sprak", data={"lang": "en"})  # in English, the codes have their English labels
    page = client.get(f"/behov/{need.id}/rediger/kategori").get_data(as_text=True)
    assert "Suggested CPV codes" in page and "90620000 Snow-clearing services" in page
    client.post("/sprak", data={"lang": "nb"})
    # Ticked suggestions: the first becomes the main code, the rest additional codes.
    resp = client.post(f"/behov/{need.id}/rediger/kategori", data={"suggested": ["90620000", "90630000"]})
    assert resp.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.main_cpv == "90620000" and need.additional_cpvs == ["90630000"]
    page = client.get(f"/behov/{need.id}/rediger/kategori").get_data(as_text=True)
    assert not re.search(r'name="suggested"[^>]*value="90620000"', page)  # chosen: no longer suggested
    # With a main code typed, a ticked suggestion is added to the others; a forged value is refused.
    resp = client.post(f"/behov/{need.id}/rediger/kategori", data={"suggested": ["12345678"]})
    assert resp.status_code == 400 and "Velg blant de foreslåtte kodene" in resp.get_data(as_text=True)
    resp = client.post(f"/behov/{need.id}/rediger/kategori",
                       data={"cpv_main": "90620000", "cpv_additional": "90630000", "suggested": ["90610000"]})
    assert resp.status_code == 302
    db.session.expire_all()
    assert sorted(db.session.get(Need, need.id).additional_cpvs) == ["90610000", "90630000"]
