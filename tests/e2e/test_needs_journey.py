"""A buyer drafts a need in steps, picks CPV codes, previews and publishes; a supplier finds it.

axe-core (WCAG 2.1 AA) runs on every page visited, error states included.
"""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, log_in


def test_buyer_publishes_a_need_and_a_supplier_finds_it(page, new_context, people, base_url):
    buyer = people.buyer(org_name=f"Nordfjell kommune {uuid.uuid4().hex[:4]}")
    supplier = people.supplier()
    title = f"Færre fallulykker blant hjemmeboende eldre {uuid.uuid4().hex[:6]}"

    log_in(page, buyer["email"])
    page.goto("/behov")
    assert_accessible(page)
    page.get_by_role("link", name="Meld et nytt behov").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meld et nytt behov")
    assert_accessible(page)

    # Step 1 without a title: the error is shown at the field.
    page.get_by_role("button", name="Lagre og gå videre").click()
    tittel = page.get_by_label("Tittel")
    expect(tittel).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".ds-error-summary")).to_contain_text("Skriv en tittel")
    assert_accessible(page)

    page.get_by_label("Behov", exact=True).check()
    tittel.fill(title)
    page.get_by_label("Kort oppsummering").fill("Vi vil forebygge fall hjemme hos eldre som bor alene.")
    page.get_by_label("Problembeskrivelse").fill("Hvert år faller **mange** eldre hjemme.\n\n- lange liggetider\n- brudd")
    page.get_by_role("button", name="Lagre og gå videre").click()
    expect(page.get_by_text("Utkastet er lagret")).to_be_visible()

    # Step 2: find a CPV code by word, then use it.
    expect(page.get_by_role("heading", name=re.compile("Steg 2 av 5"))).to_be_visible()
    page.get_by_label("Søk med ord eller kode").fill("renhold")
    page.get_by_role("button", name="Søk", exact=True).click()
    hits = page.get_by_role("list", name=re.compile("Treff for renhold"))
    expect(hits).to_contain_text("90911000")
    assert_accessible(page)
    # Codes suggested from the need's text: tick the first one (it joins the codes typed below).
    suggested = page.get_by_role("group", name="Foreslåtte CPV-koder").get_by_role("checkbox")
    expect(suggested.first).to_be_visible()
    suggested_code = suggested.first.get_attribute("value")
    suggested.first.check()
    page.get_by_label("Hovedkode (CPV)").fill("85000000")
    page.get_by_label("Flere CPV-koder").fill("85310000\n90911000")
    page.get_by_label("Nordland", exact=True).check()
    page.get_by_role("button", name="Lagre og forhåndsvis").click()

    # Preview, then publish.
    preview = page.get_by_role("status").filter(has_text="Forhåndsvisning")
    expect(preview).to_contain_text("bare din organisasjon ser")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".need-facts")).to_contain_text("85000000")
    expect(page.locator(".need-facts")).to_contain_text(suggested_code)
    expect(page.locator(".need-facts")).to_contain_text("Nordland")
    expect(page.locator(".markdown strong")).to_have_text("mange")  # Markdown rendered
    assert_accessible(page)
    page.get_by_role("button", name="Publiser behovet").click()
    expect(page.get_by_text("Behovet er publisert")).to_be_visible()
    need_url = page.url
    assert re.search(r"/behov/\d+$", need_url)
    assert_accessible(page)

    # A supplier finds it in the list, filtered by county and CPV division.
    other = new_context().new_page()
    log_in(other, supplier["email"])
    other.goto("/behov")
    other.get_by_label("Fylke").select_option(label="Nordland")
    other.get_by_label("Kategori (CPV-hovedgruppe)").select_option(value="85")
    other.get_by_role("button", name="Vis treff").click()
    expect(other).to_have_url(re.compile(r"county=18"))
    link = other.get_by_role("link", name=title)
    expect(link).to_be_visible()
    assert_accessible(other)
    # ... and not under an unrelated division.
    other.get_by_label("Kategori (CPV-hovedgruppe)").select_option(value="45")
    other.get_by_role("button", name="Vis treff").click()
    expect(other.get_by_role("link", name=title)).to_have_count(0)
    other.get_by_role("link", name="Nullstill filtre").click()
    other.get_by_role("link", name=title).click()
    expect(other.get_by_role("heading", level=1)).to_have_text(title)
    expect(other.get_by_role("link", name=buyer["org"])).to_be_visible()
    assert_accessible(other)

    # ... and in the Atom feed.
    feed = other.request.get(f"{base_url}/feeds/needs.atom")
    assert feed.status == 200
    assert "application/atom+xml" in feed.headers["content-type"]
    assert title in feed.text()
    assert need_url.replace(base_url, "") in feed.text()
    other.context.close()


def test_a_draft_is_not_visible_to_others(page, new_context, people):
    buyer = people.buyer(org_name=f"Utkastvik kommune {uuid.uuid4().hex[:4]}")
    title = f"Hemmelig utkast {uuid.uuid4().hex[:6]}"
    log_in(page, buyer["email"])
    page.goto("/behov/ny")
    page.get_by_label("Tittel").fill(title)
    page.get_by_role("button", name="Lagre og gå videre").click()
    expect(page.get_by_text("Utkastet er lagret")).to_be_visible()
    draft_id = re.search(r"/behov/(\d+)/", page.url).group(1)
    page.goto(f"/behov/{draft_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    visitor = new_context().new_page()
    assert visitor.goto(f"/behov/{draft_id}").status == 404
    visitor.goto("/behov")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)
    visitor.context.close()


def test_an_unverified_buyer_is_told_to_wait_for_verification(page, people):
    buyer = people.buyer(org_name=f"Ventevik kommune {uuid.uuid4().hex[:4]}", verified=False)
    log_in(page, buyer["email"])
    page.goto("/min-side")
    expect(page.get_by_role("heading", name="Venter på verifisering")).to_be_visible()
    assert_accessible(page)
    page.goto("/behov/ny")
    expect(page.get_by_text("venter på verifisering hos Møteplassen")).to_be_visible()
    expect(page.get_by_label("Tittel")).to_have_count(0)
    assert_accessible(page)
