"""The profile editor: who may edit, CPV picker without JavaScript, certifications, logo, references."""

import io

import pytest
from PIL import Image

from portal.extensions import db
from portal.suppliers.completeness import completeness
from portal.suppliers.forms import parse_cpv_text
from portal.suppliers.logos import logo_path
from tests.factories import make_org, make_user
from tests.suppliers.factories import make_supplier


@pytest.fixture
def supplier(app):
    user = make_user()
    profile = make_supplier(name="Fjord Vask AS", admins=[user])
    db.session.commit()
    return user, profile


BASE = {"action": "save", "capability_md": "Vi vasker **godt**.", "products_services": "Vask",
        "size": "micro", "is_public": "y"}


def test_editor_requires_login_and_a_supplier_membership(client, login, app):
    assert client.get("/min-side/profil").status_code == 302
    buyer = make_user()
    make_org(admins=[buyer])
    db.session.commit()
    login(client, buyer)
    assert client.get("/min-side/profil").status_code == 403
    assert client.post("/min-side/profil", data=BASE).status_code == 403


def test_save_profile_with_codes_areas_and_certifications(client, login, supplier):
    user, profile = supplier
    login(client, user)
    data = BASE | {"cpv_text": "90910000-9 – Rengjøring\n45000000", "municipalities": ["0301", "4601"],
                   "counties": ["50"], "cert_miljofyrtarn": "y", "cert_miljofyrtarn_until": "2020-01-31",
                   "cert_iso9001": "y", "is_social_enterprise": "y", "social_mission": "Arbeid til alle",
                   "target_groups": ["arbeidsinkludering"], "languages": ["nb", "se"],
                   "website": "https://fjordvask.no", "contact_name": "Per", "contact_email": "per@fjordvask.no"}
    resp = client.post("/min-side/profil", data=data)
    assert resp.status_code == 302
    db.session.expire_all()
    assert sorted(profile.cpv_codes) == ["45000000", "90910000"]
    assert profile.municipality_numbers == ["0301", "4601"] and profile.county_numbers == ["50"]
    assert profile.is_social_enterprise and profile.target_groups == ["arbeidsinkludering"]
    page = client.get(f"/leverandorer/{profile.id}").get_data(as_text=True)
    assert "<strong>godt</strong>" in page and "Miljøfyrtårn – utløpt" in page and "Arbeid til alle" in page
    assert "Nordsamisk" in page


def test_cpv_words_give_suggestions_and_nothing_is_saved(client, login, supplier):
    user, profile = supplier
    login(client, user)
    resp = client.post("/min-side/profil", data=BASE | {"cpv_text": "renhold"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "er ikke en CPV-kode" in page and 'aria-invalid="true"' in page
    assert 'href="#cpv_text"' in page  # error summary links to the field


def test_cpv_search_button_works_without_javascript(client, login, supplier):
    user, profile = supplier
    login(client, user)
    page = client.post("/min-side/profil", data=BASE | {"action": "cpv_search", "cpv_query": "rengjøring"}
                       ).get_data(as_text=True)
    assert 'name="cpv_pick" type="checkbox" value="90910000"' in page or 'value="90910000"' in page
    client.post("/min-side/profil", data=BASE | {"cpv_pick": ["90910000"]})
    db.session.expire_all()
    assert profile.cpv_codes == ["90910000"]


def test_parse_cpv_text():
    assert parse_cpv_text("72000000, 45000000-7\n\n")[0] == ["72000000", "45000000"]
    codes, problems = parse_cpv_text("99999999\nflyvende tepper xyz")
    assert codes == [] and len(problems) == 2


def test_invalid_website_and_email_are_explained(client, login, supplier):
    user, _ = supplier
    login(client, user)
    page = client.post("/min-side/profil", data=BASE | {"website": "fjordvask", "contact_email": "nei"}
                       ).get_data(as_text=True)
    assert "https://" in page and "Skriv en gyldig e-postadresse." in page


def _image(fmt="PNG", size=(40, 30), exif=True):
    img = Image.new("RGB", size, (200, 10, 10))
    buf = io.BytesIO()
    kwargs = {}
    if exif:
        ex = Image.Exif()
        ex[0x010F] = "Kamerafabrikken"  # Make
        kwargs["exif"] = ex
    img.save(buf, format=fmt, **kwargs)
    buf.seek(0)
    return buf


def test_logo_is_reencoded_without_metadata(client, login, supplier):
    user, profile = supplier
    login(client, user)
    resp = client.post("/min-side/profil", data=BASE | {"logo": (_image("JPEG"), "logo.jpg")},
                       content_type="multipart/form-data")
    assert resp.status_code == 302
    db.session.expire_all()
    stored = logo_path(profile.logo_name).read_bytes()
    assert stored.startswith(b"\x89PNG") and b"Kamerafabrikken" not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert not img.getexif() and img.size == (40, 30)
    served = client.get(f"/leverandorer/{profile.id}/logo")
    assert served.status_code == 200 and served.mimetype == "image/png"
    served.close()


@pytest.mark.parametrize("payload, message", [
    (lambda: (io.BytesIO(b"%PDF-1.4 not an image"), "logo.png"), "gyldig PNG- eller JPEG"),
    (lambda: (_image("GIF", exif=False), "logo.gif"), "PNG- eller JPEG"),
])
def test_bad_logos_are_refused_next_to_the_field(client, login, supplier, payload, message):
    user, profile = supplier
    login(client, user)
    resp = client.post("/min-side/profil", data=BASE | {"logo": payload()}, content_type="multipart/form-data")
    assert resp.status_code == 200 and message in resp.get_data(as_text=True)
    db.session.expire_all()
    assert profile.logo_name is None


def test_logo_over_2_mb_is_refused(app, supplier):
    from werkzeug.datastructures import FileStorage

    from portal.suppliers import services

    _, profile = supplier
    big = FileStorage(io.BytesIO(b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10)), filename="big.png")
    with app.test_request_context(), pytest.raises(services.SupplierError, match="2 MB"):
        services.set_logo(None, profile, big)
    assert profile.logo_name is None


def test_references_add_and_delete(client, login, supplier):
    user, profile = supplier
    login(client, user)
    bad = client.post("/min-side/profil/referanser", data={"title": ""})
    assert "Skriv hva dere leverte." in bad.get_data(as_text=True)
    client.post("/min-side/profil/referanser", data={"title": "Vask av skoler", "customer": "Bergen kommune",
                                                     "is_public_buyer": "y", "year": "2023"})
    db.session.expire_all()
    assert [r.title for r in profile.references] == ["Vask av skoler"]
    ref_id = profile.references[0].id
    other = make_user()
    make_supplier(admins=[other])
    db.session.commit()
    login(client, other)
    assert client.post(f"/min-side/profil/referanser/{ref_id}/slett").status_code == 404
    login(client, user)
    assert client.post(f"/min-side/profil/referanser/{ref_id}/slett").status_code == 302
    db.session.expire_all()
    assert profile.references == []


def test_completeness_hints(app, supplier):
    _, profile = supplier
    app.test_request_context().push()
    before = completeness(profile)
    assert before.percent < 50 and any("CPV" in str(h) for h in before.missing)
    profile.capability_md = "x" * 120
    from portal.suppliers import services

    services.set_cpvs(profile, ["72000000"])
    after = completeness(profile)
    assert after.percent > before.percent and not any("CPV" in str(h) for h in after.missing)


def test_markdown_in_capability_is_sanitised(client, supplier):
    _, profile = supplier
    profile.capability_md = "<script>alert(1)</script> [lenke](javascript:alert(1))"
    db.session.commit()
    page = client.get(f"/leverandorer/{profile.id}").get_data(as_text=True)
    assert "<script>alert" not in page and 'href="javascript' not in page and "&lt;script&gt;" in page


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_profile_post_needs_csrf(client, login, supplier):
    user, _ = supplier
    login(client, user)
    assert client.post("/min-side/profil", data=BASE).status_code == 400


def test_editor_page_renders_for_a_member(client, login, supplier):
    user, profile = supplier
    login(client, user)
    page = client.get("/min-side/profil").get_data(as_text=True)
    assert "Lagre profilen" in page and "EUs definisjon" in page and "Godkjent lærebedrift" in page


def test_demo_supplier_gets_a_full_profile(app):
    from portal.organisations import demo as org_demo
    from portal.suppliers import demo
    from portal.suppliers.queries import profile_for_org

    org_demo.load()
    demo.load()
    db.session.commit()
    profile = profile_for_org(db, org_demo.supplier_org().id)
    with app.test_request_context():
        assert completeness(profile).percent >= 80
    assert any(c.is_expired() for c in profile.certifications)
