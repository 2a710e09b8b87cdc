"""A supplier searches, saves the search with a daily digest and finds it under «Lagrede søk».

axe-core (WCAG 2.1 AA) runs on every page visited, the form's error state included.
"""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, log_in


def test_search_save_and_see_it_in_the_list(page, people):
    buyer = people.buyer(org_name=f"Fjellvik kommune {uuid.uuid4().hex[:4]}")
    supplier = people.supplier(org_name=f"Vask og Vern SA {uuid.uuid4().hex[:4]}")
    word = f"vinduspuss{uuid.uuid4().hex[:5]}"
    people.published_need(buyer, f"Vinduspuss av rådhuset {word}")

    log_in(page, supplier["email"])
    page.goto("/sok")
    page.get_by_label("Søkeord").fill(word)
    page.locator("main").get_by_role("button", name="Søk", exact=True).click()
    expect(page.get_by_role("link", name=re.compile(f"Vinduspuss av rådhuset {word}"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Lagre søket og få varsel om nye treff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lagre søket")
    name = page.get_by_label("Navn på søket")
    expect(name).to_have_value(word)
    assert_accessible(page)

    name.fill("")  # the error is shown at the field
    page.locator("main").get_by_role("button", name="Lagre søket").click()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".ds-error-summary")).to_contain_text("Gi søket et navn.")
    assert_accessible(page)

    name.fill("Vinduspuss hos kommunene")
    page.get_by_label("Daglig oppsummering (én e-post om morgenen)").check()
    page.locator("main").get_by_role("button", name="Lagre søket").click()
    expect(page.get_by_text("Søket «Vinduspuss hos kommunene» er lagret.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine lagrede søk og varsler")
    item = page.locator(".alert-item").filter(has_text="Vinduspuss hos kommunene")
    expect(item).to_contain_text("Daglig oppsummering")
    expect(item.get_by_label(re.compile("Atom-feed for"))).to_have_value(re.compile(r"/feeds/lagrede-sok/.+\.atom$"))
    assert_accessible(page)

    page.get_by_role("link", name="Lagrede søk").first.click()  # the link in the header
    expect(page).to_have_url(re.compile(r"/lagrede-sok$"))
    item.get_by_role("link", name=re.compile("Åpne søket")).click()
    expect(page.get_by_label("Søkeord")).to_have_value(word)
