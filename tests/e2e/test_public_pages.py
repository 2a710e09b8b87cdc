"""Public pages in a real browser: accessible (axe, WCAG 2.1 AA), keyboard, phone width, English."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, assert_no_sideways_scroll

PUBLIC = ["/", "/om", "/personvern", "/tilgjengelighet", "/logg-inn", "/registrer", "/glemt-passord",
          "/behov", "/leverandorer", "/sok", "/sok?q=renhold"]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_is_accessible(page, path):
    response = page.goto(path)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)


def test_not_found_page_is_friendly_and_accessible(page):
    response = page.goto("/finnes-ikke")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("Siden finnes ikke")
    assert_accessible(page)


def test_empty_registration_shows_errors_at_the_fields(page):
    page.goto("/registrer")
    page.locator("main").get_by_role("button", name=re.compile("Registrer|Opprett", re.I)).click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # the error summary gets focus so screen readers announce it
    email = page.get_by_label(re.compile("e-post", re.I)).first
    expect(email).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    # Each summary link moves to its field.
    summary.get_by_role("link").first.click()
    expect(page.locator("[aria-invalid=true]").first).to_be_focused()


def test_empty_login_shows_an_error(page):
    page.goto("/logg-inn")
    page.locator("main").get_by_role("button", name=re.compile("Logg inn", re.I)).click()
    expect(page.locator(".ds-error-summary, .ds-alert[data-color=danger]").first).to_be_visible()
    assert_accessible(page)


def test_first_tab_focuses_the_skip_link_and_enter_moves_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # visible when focused, not only to screen readers
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null || "
                         "document.activeElement.closest('footer') !== null")


def test_keyboard_reaches_the_main_menu_and_language_switch(page):
    page.goto("/")
    reached = set()
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.textContent.trim()"))
    assert "English" in reached
    assert "Logg inn" in reached


@pytest.mark.parametrize("path", ["/", "/om", "/registrer"])
def test_phone_width_has_no_horizontal_scroll(page, path):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)
    assert_no_sideways_scroll(page, path)
    assert_accessible(page)


def test_search_results_with_a_long_word_fit_a_phone(page, people):
    """A hit whose title or snippet holds one long word (a compound, an address) wraps instead of widening
    the page: the results, the facets and the hit cards all stay inside 375 px."""
    word = "Kommunehusadministrasjonsbygningsvedlikeholdsavdelingsrutiner" + uuid.uuid4().hex[:6]
    people.published_need(people.buyer(), f"Vaktmestertjenester {word}")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/sok?q={word}")
    expect(page.get_by_role("link", name=re.compile(word))).to_be_visible()
    assert_no_sideways_scroll(page, "the search page")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/tilgjengelighet", "/innsikt", "/behov", "/leverandorer", "/sok?q=renhold"])
def test_zoom_to_320_css_px_still_fits(page, path):
    """WCAG 1.4.10 reflow: 1280px at 400% zoom is 320 CSS px wide. Long words (Tilgjengelighetserklæring)
    break, and tables scroll inside their own box."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert_no_sideways_scroll(page, path)


def test_switch_to_english_and_back(page):
    page.goto("/om")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/om$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Norsk (bokmål)")).to_be_visible()
    assert_accessible(page)
    # Remembered on the next page.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Norsk (bokmål)").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")


def test_the_axe_helper_fails_on_a_violation(page):
    """The harness itself: a page with an unlabelled input and an image without alt must not pass."""
    page.goto("/om")
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<input type="text"><img src="/static/none.png">');
    }""")
    with pytest.raises(AssertionError, match="label|image-alt"):
        assert_accessible(page)


def test_supplier_profile_with_a_long_certificate_fits_320_css_px(page, live_app):
    """A certificate tag («Miljøfyrtårn – gyldig til 30. juni 2027») wraps inside its list at 320 px."""
    from datetime import date

    from portal.extensions import db
    from tests.suppliers.factories import make_supplier

    with live_app.app_context():
        profile = make_supplier(name=f"Lang Sertifikat AS {uuid.uuid4().hex[:4]}",
                                certifications={"miljofyrtarn": date(2030, 6, 30), "iso14001": date(2031, 1, 31)})
        db.session.commit()
        profile_id = profile.id
        db.session.remove()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/leverandorer/{profile_id}")
    expect(page.get_by_text(re.compile("Miljøfyrtårn – gyldig til"))).to_be_visible()
    assert_no_sideways_scroll(page, "the supplier profile")


@pytest.mark.parametrize("width,height", [(1280, 1000), (390, 844)])
def test_footer_sits_at_the_bottom_of_a_short_page(page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/glemt-passord")
    box = page.locator("footer.site-footer").bounding_box()
    assert abs(box["y"] + box["height"] - height) <= 1, box
    main = page.locator("main").bounding_box()
    assert main["width"] <= width and page.locator("main").evaluate("m => m.scrollWidth <= m.clientWidth")
