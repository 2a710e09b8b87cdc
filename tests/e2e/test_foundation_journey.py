"""The foundation journey in a real browser: account → buyer organisation → colleague → verification.

axe-core (WCAG 2.1 AA) runs on every page the journey visits, error states included.
"""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import (
    PASSWORD,
    assert_accessible,
    assert_no_sideways_scroll,
    confirm_email,
    link_in,
    log_in,
    log_out,
    new_orgnr,
    register,
    unique_email,
)


def test_buyer_registers_creates_org_invites_colleague_and_admin_verifies(page, new_context, mail, cli, base_url):
    admin_email = unique_email("plattform")
    cli(["users", "create-admin", admin_email, "--password", PASSWORD, "--name", "Plattform Admin"])

    # 1. Register and log in: a confirmation link arrives by mail.
    buyer_email = unique_email("kari")
    page.goto("/registrer")
    assert_accessible(page)
    register(page, "Kari Nordmann", buyer_email)
    assert_accessible(page)
    confirm_email(page, mail, buyer_email)
    assert_accessible(page)

    # 2. Log out and back in with the password chosen at registration.
    log_out(page)
    page.goto("/logg-inn")
    page.get_by_label("E-postadresse").fill(buyer_email)
    page.get_by_label("Passord", exact=True).fill("feil-passord-123")
    page.locator("main").get_by_role("button", name="Logg inn").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Feil e-postadresse eller passord")
    assert_accessible(page)
    log_in(page, buyer_email)

    # 3. Create a buyer organisation: first with an organisation number that fails the check digit.
    page.goto("/organisasjoner/ny")
    assert_accessible(page)
    page.get_by_label("Type organisasjon").select_option(label="Kommune")
    page.get_by_label("Navn på organisasjonen").fill("Testvik kommune")
    orgnr = page.get_by_label("Organisasjonsnummer")
    orgnr.fill("123456789")
    page.get_by_label("Kommune", exact=True).select_option(label="Bodø (Nordland)")
    page.get_by_label("E-post for henvendelser").fill("postmottak@testvik.example.no")
    page.get_by_role("button", name="Registrer organisasjon").click()

    expect(orgnr).to_have_attribute("aria-invalid", "true")
    error = page.locator("#orgnr-error")
    expect(error).to_contain_text("Organisasjonsnummeret er ikke gyldig")
    expect(orgnr).to_have_attribute("aria-describedby", re.compile(r"\borgnr-error\b"))
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("Organisasjonsnummer"))).to_be_visible()
    # What the user typed is kept.
    expect(page.get_by_label("Navn på organisasjonen")).to_have_value("Testvik kommune")
    assert_accessible(page)

    # ... then with a valid one, written with spaces as people do.
    number = new_orgnr()
    orgnr.fill(f"{number[:3]} {number[3:6]} {number[6:]}")
    page.get_by_role("button", name="Registrer organisasjon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testvik kommune")
    expect(page.get_by_text("sjekker at organisasjonen er en offentlig virksomhet").first).to_be_visible()
    expect(page.get_by_text(f"{number[:3]} {number[3:6]} {number[6:]}")).to_be_visible()
    org_url = page.url
    assert_accessible(page)

    # The platform admin is told that an organisation waits.
    mail.wait_for(admin_email, subject="venter på verifisering")

    # 4. Nobody acts for an organisation before it is verified: no colleagues can be invited yet.
    expect(page.get_by_role("button", name="Send invitasjon")).to_have_count(0)

    # 5. The platform admin logs in and verifies the organisation from the queue.
    admin = new_context().new_page()
    log_in(admin, admin_email)
    admin.get_by_role("link", name="Administrasjon").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Verifiseringskø")
    assert_accessible(admin)
    admin.get_by_role("link", name="Testvik kommune").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Testvik kommune")
    assert_accessible(admin)
    admin.get_by_role("button", name="Verifiser organisasjonen").click()
    expect(admin.get_by_text("Testvik kommune er verifisert")).to_be_visible()
    expect(admin.get_by_role("link", name="Testvik kommune")).to_have_count(0)
    assert_accessible(admin)
    admin.context.close()

    # The buyer is told by mail, and the organisation page no longer says it waits.
    verified = mail.wait_for(buyer_email, subject="verifisert")
    assert "Testvik kommune" in verified.get_body(("plain",)).get_content()
    page.goto(org_url)
    expect(page.get_by_text("sjekker at organisasjonen er en offentlig virksomhet")).to_have_count(0)
    assert_accessible(page)

    # 6. Now the admin invites a colleague; the invitation arrives by mail.
    colleague_email = unique_email("ola")
    page.get_by_label("E-postadresse").fill(colleague_email)
    page.get_by_role("button", name="Send invitasjon").click()
    expect(page.get_by_text(f"Invitasjonen er sendt til {colleague_email}")).to_be_visible()
    expect(page.get_by_role("table", name="Invitasjoner som ikke er besvart")).to_contain_text(colleague_email)
    assert_accessible(page)
    invitation = mail.wait_for(colleague_email)
    assert "Testvik kommune" in invitation["Subject"] or "Testvik kommune" in invitation.get_body(("plain",)).get_content()
    invite_link = link_in(invitation, base_url, "/invitasjon/")

    # 7. The colleague opens the link, registers from there and joins.
    colleague = new_context().new_page()
    colleague.goto(invite_link)
    expect(colleague.get_by_role("heading", level=1)).to_contain_text("Testvik kommune")
    assert_accessible(colleague)
    colleague.locator("main").get_by_role("link", name="Registrer deg").click()
    colleague.get_by_label("Navn", exact=True).fill("Ola Nordmann")
    # The invitation works only for the invited address: the form has it, locked.
    expect(colleague.get_by_label("E-postadresse")).to_have_value(colleague_email)
    expect(colleague.get_by_label("E-postadresse")).not_to_be_editable()
    colleague.get_by_label("Passord", exact=True).fill(PASSWORD)
    colleague.get_by_label("Gjenta passordet").fill(PASSWORD)
    colleague.locator("main").get_by_role("button", name="Opprett konto").click()
    # Registering logs no one in (the answer is the same for a taken address): confirm, then log in.
    expect(colleague).to_have_url(re.compile(r"/logg-inn"))
    expect(colleague.get_by_text(f"Vi har sendt en e-post til {colleague_email}")).to_be_visible()
    assert_accessible(colleague)
    confirmation = mail.wait_for(colleague_email, subject="Bekreft")
    colleague.goto(link_in(confirmation, base_url, "/bekreft/"))
    # The link confirms only for the account's holder: log in first, then it confirms and goes on.
    expect(colleague.get_by_text("Logg inn for å bekrefte e-postadressen")).to_be_visible()
    assert_accessible(colleague)
    colleague.get_by_label("E-postadresse").fill(colleague_email)
    colleague.get_by_label("Passord", exact=True).fill(PASSWORD)
    colleague.locator("main").get_by_role("button", name="Logg inn").click()
    expect(colleague).to_have_url(re.compile(r"/invitasjon/"))  # back to the invitation
    expect(colleague.get_by_text("er bekreftet")).to_be_visible()
    colleague.get_by_role("button", name="Bli med i Testvik kommune").click()
    expect(colleague.get_by_text("Velkommen! Du er nå medlem av Testvik kommune")).to_be_visible()
    expect(colleague.get_by_role("table", name=re.compile("Medlemmer"))).to_contain_text("Ola Nordmann")
    assert_accessible(colleague)
    colleague.context.close()


def test_a_visitor_cannot_open_the_admin_queue(page):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/logg-inn"))


def test_an_ordinary_user_gets_403_from_the_admin_queue(page, mail):
    email = unique_email("vanlig")
    register(page, "Vanlig Bruker", email)
    response = page.goto("/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ingen tilgang")
    assert_accessible(page)


def test_organisation_page_fits_a_phone_with_a_long_website_address(page, people, live_app):
    """The fact list puts a long value (website, e-mail) under its term and wraps it on a phone."""
    from portal.extensions import db
    from portal.organisations.models import Organisation

    buyer = people.buyer()
    with live_app.app_context():
        org = db.session.get(Organisation, buyer["org_id"])
        org.website = "https://www.nordfjell-kommune-innkjopsavdelingen.no/anskaffelser"
        db.session.commit()
        db.session.remove()
    log_in(page, buyer["email"])
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/organisasjoner/{buyer['org_id']}")
    expect(page.get_by_role("link", name=re.compile("innkjopsavdelingen"))).to_be_visible()
    assert_no_sideways_scroll(page, "the organisation page")
    assert_accessible(page)
