"""A social entrepreneur registers, fills the profile, finds a need, shows interest and sends
confidential input; the buyer sees both. axe-core (WCAG 2.1 AA) runs on every page visited."""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.helpers import (
    assert_accessible,
    confirm_email,
    link_in,
    log_in,
    mail_text,
    new_orgnr,
    register,
    unique_email,
)


def _open_dialogue(page, need_id):
    """The interest/input panel: on the need page when it is embedded there, else on its own page."""
    if page.get_by_role("heading", name="Interesse og innspill").count() == 0:
        page.goto(f"/behov/{need_id}/dialog")
    expect(page.get_by_role("heading", name="Interesse og innspill")).to_be_visible()


def test_social_entrepreneur_shows_interest_and_gives_confidential_input(page, new_context, people, mail, base_url):
    buyer = people.buyer(org_name=f"Havbygd kommune {uuid.uuid4().hex[:4]}")
    title = f"Renhold av sykehjem {uuid.uuid4().hex[:6]}"
    need_id = people.published_need(buyer, title, cpv=("90911000",), places=("18",))
    org_name = f"Rein Inkludering SA {uuid.uuid4().hex[:4]}"
    email = unique_email("sara")

    # 1. Register, confirm, and register the social enterprise (suppliers need no verification).
    register(page, "Sara Sosial", email)
    confirm_email(page, mail, email)
    page.goto("/organisasjoner/ny")
    page.get_by_label("Type organisasjon").select_option(label="Sosial entreprenør")
    page.get_by_label("Navn på organisasjonen").fill(org_name)
    page.get_by_label("Organisasjonsnummer").fill(new_orgnr())
    page.get_by_label("Kommune", exact=True).select_option(label="Bodø (Nordland)")
    page.get_by_label("E-post for henvendelser").fill("post@rein.example.no")
    page.get_by_role("button", name="Registrer organisasjon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(org_name)
    assert_accessible(page)

    # 2. Fill the supplier profile, finding a CPV code by word.
    page.goto("/min-side/profil")
    expect(page.get_by_role("heading", level=1)).to_contain_text(org_name)
    assert_accessible(page)
    page.get_by_label("Hva dere kan (kompetanse og kapasitet)").fill(
        "Vi gjør **renhold** i offentlige bygg med ansatte som står utenfor arbeidslivet.")
    page.get_by_label("Søk etter CPV-kode med ord").fill("renhold")
    page.get_by_role("button", name="Søk etter koder").click()
    page.get_by_label("Renholdstjenester for lokaler, bygninger og vinduer").check()
    assert_accessible(page)
    page.get_by_label("Vi er en sosial entreprenør").check()
    page.get_by_label("Samfunnsoppdrag").fill("Arbeidsinkludering for unge voksne.")
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.get_by_text("Profilen er lagret")).to_be_visible()
    expect(page.get_by_label("CPV-koder")).to_have_value(re.compile("90911000"))
    assert_accessible(page)

    # 3. Find the need in the list (cleaning services, CPV division 90) and open it.
    page.goto("/behov")
    page.get_by_label("Kategori (CPV-hovedgruppe)").select_option(value="90")
    page.get_by_role("button", name="Vis treff").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)

    # 4. Show interest with a short note.
    _open_dialogue(page, need_id)
    assert_accessible(page)
    page.get_by_label("Kort melding til innkjøperen").fill("Vi har ledig kapasitet fra januar.")
    page.get_by_role("button", name="Meld interesse").click()
    expect(page.get_by_text("Dere har meldt interesse")).to_be_visible()
    _open_dialogue(page, need_id)

    # 5. An empty input is refused at the field; then a confidential input is sent.
    page.get_by_role("button", name="Send innspill").click()
    innspill = page.get_by_label("Innspill", exact=True)
    expect(innspill).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Skriv innspillet ditt").first).to_be_visible()
    assert_accessible(page)
    secret = f"Vår pris er 310 kr per time ({uuid.uuid4().hex[:6]})."
    innspill.fill(secret)
    page.get_by_label(re.compile("konfidensielt")).check()
    page.get_by_role("button", name="Send innspill").click()
    expect(page.get_by_text("Innspillet er sendt til innkjøperen")).to_be_visible()
    expect(page.get_by_text(secret)).to_be_visible()
    assert_accessible(page)

    # 6. The buyer sees the interest and the confidential input; the supplier's name is on both.
    other = new_context().new_page()
    log_in(other, buyer["email"])
    other.goto(f"/behov/{need_id}/interesserte")
    expect(other.get_by_text(org_name).first).to_be_visible()
    expect(other.get_by_text("Vi har ledig kapasitet fra januar.")).to_be_visible()
    assert_accessible(other)
    other.goto(f"/behov/{need_id}/innspill")
    expect(other.get_by_text(org_name).first).to_be_visible()
    expect(other.get_by_text("Konfidensielt").first).to_be_visible()
    other.get_by_role("link", name=f"Innspill fra {org_name}").click()
    expect(other.get_by_text(secret)).to_be_visible()
    assert_accessible(other)
    # The buyer was told by mail (without the confidential text), with a link to the input.
    notice = mail.wait_for(buyer["email"], subject="Nytt innspill")
    body = mail_text(notice)
    assert org_name in body and title in body and secret not in body
    other.goto(link_in(notice, base_url, f"/behov/{need_id}/innspill/"))
    expect(other.get_by_text(secret)).to_be_visible()
    other.context.close()

    # 7. Another supplier never sees the confidential input.
    rival = people.supplier(org_name=f"Konkurrent AS {uuid.uuid4().hex[:4]}", kind="bedrift")
    third = new_context().new_page()
    log_in(third, rival["email"])
    third.goto(f"/behov/{need_id}/innspill")
    expect(third.get_by_text(secret)).to_have_count(0)
    third.goto(f"/behov/{need_id}/dialog")
    expect(third.get_by_text(secret)).to_have_count(0)
    third.context.close()
