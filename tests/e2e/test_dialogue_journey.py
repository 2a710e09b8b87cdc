"""Market dialogue in the browser: a buyer opens one-to-one meetings, a supplier books one and gets an
.ics by mail, the buyer cancels with a reason and the supplier is told.

axe-core (WCAG 2.1 AA) runs on every page visited, error states included.
"""

import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, log_in, mail_text

OSLO = ZoneInfo("Europe/Oslo")


def _ics_of(message) -> Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert parts, f"no text/calendar attachment in «{message['Subject']}»"
    assert parts[0].get_filename().endswith(".ics")
    return Calendar.from_ical(parts[0].get_content())


def _the_event(cal: Calendar):
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_buyer_offers_meetings_supplier_books_and_is_told_of_cancellation(page, new_context, people, mail):
    buyer = people.buyer(org_name=f"Møtevik kommune {uuid.uuid4().hex[:4]}")
    supplier = people.supplier(org_name=f"Dialog Omsorg SA {uuid.uuid4().hex[:4]}")
    need_id = people.published_need(buyer, f"Bedre måltider i eldreomsorgen {uuid.uuid4().hex[:6]}")
    title = f"Leverandørmøter om måltider {uuid.uuid4().hex[:6]}"
    day = date.today() + timedelta(days=5)
    deadline = datetime.combine(date.today() + timedelta(days=3), datetime.min.time()).replace(hour=12)

    # The buyer starts from the need page.
    log_in(page, buyer["email"])
    page.goto(f"/behov/{need_id}")
    assert_accessible(page)
    page.get_by_role("link", name="Nytt arrangement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt arrangement")
    assert_accessible(page)

    # Empty form: errors at the fields and in the summary.
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_label("Tittel")).to_have_attribute("aria-invalid", "true")
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Skriv en tittel")
    expect(summary).to_contain_text("påmeldingsfristen")
    assert_accessible(page)

    page.get_by_label("Tittel").fill(title)
    page.get_by_label("En-til-en-møter").check()
    page.get_by_label("Digitalt").check()
    page.get_by_label("Åpent for alle leverandører").check()
    page.get_by_label("Program og agenda").fill("Vi vil høre om **erfaringer** med måltidsleveranser.")
    page.get_by_label("Møtelenke").fill("https://teams.example.no/mote/abc123")
    page.get_by_label("Påmeldingsfrist").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Arrangementet er opprettet")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    event_url = page.url
    assert re.search(r"/arrangementer/\d+$", event_url)
    assert_accessible(page)

    # Availability: one window, 09:00–11:00, 45 min meetings + 15 min break, one room → 09:00 and 10:00.
    page.get_by_role("link", name="Tilgjengelighet og møtetider").click()
    expect(page).to_have_url(re.compile(r"/tilgjengelighet$"))
    assert_accessible(page)
    page.get_by_label("Dato").fill(day.isoformat())
    page.get_by_label("Fra klokken").fill("09:00")
    page.get_by_label("Til klokken").fill("11:00")
    page.get_by_label("Møtelengde (minutter)").fill("45")
    page.get_by_label("Pause mellom møter (minutter)").fill("15")
    page.get_by_label("Antall parallelle rom eller team").fill("1")
    page.get_by_role("button", name="Lag møtetider").click()
    expect(page.get_by_text("Tidsvinduet er lagret")).to_be_visible()
    slots = page.get_by_role("table", name="Alle møtetider")
    rows = slots.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("09:00–09:45")
    expect(rows.nth(1)).to_contain_text("10:00–10:45")
    expect(rows.nth(0)).to_contain_text("Ledig")
    expect(page.get_by_role("table", name="Tidsvinduer")).to_contain_text("45 min + 15 min pause")
    assert_accessible(page)

    # The supplier books 10:00.
    other = new_context().new_page()
    log_in(other, supplier["email"])
    other.goto(event_url)
    expect(other.get_by_role("heading", level=1)).to_have_text(title)
    expect(other.get_by_text("Vises for påmeldte.")).to_be_visible()  # no link before booking
    assert_accessible(other)
    other.get_by_role("link", name="Book et en-til-en-møte").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Book et en-til-en-møte")
    assert_accessible(other)
    other.get_by_label("Hvem kommer fra dere").fill("Lars Leverandør, Kari Kokk")
    other.get_by_label("Hva vil dere ta opp").fill("Leveranser til hjemmeboende")
    other.get_by_role("button", name=re.compile(r"10:00–10:45")).click()
    expect(other.get_by_text("Møtet er booket")).to_be_visible()
    expect(other.get_by_text(re.compile(r"Dere har møte .*10:00"))).to_be_visible()
    expect(other.get_by_role("link", name="https://teams.example.no/mote/abc123")).to_be_visible()
    assert_accessible(other)

    booked = mail.wait_for(supplier["email"], subject="Møte booket")
    assert title in booked["Subject"]
    assert "10:00" in mail_text(booked)
    vevent = _the_event(_ics_of(booked))
    start = vevent.decoded("dtstart")
    assert start.tzinfo is not None
    assert str(vevent["dtstart"].params.get("TZID")) == "Europe/Oslo"
    assert start == datetime.combine(day, datetime.min.time(), OSLO).replace(hour=10)
    assert vevent.decoded("dtend") - start == timedelta(minutes=45)
    uid = str(vevent["uid"])
    assert uid
    assert str(vevent["status"]) == "CONFIRMED"

    # The buyer sees the booking and opens the meeting.
    page.reload()
    expect(rows.nth(1)).to_contain_text(supplier["org"])
    assert_accessible(page)
    rows.nth(1).get_by_role("link", name=supplier["org"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Møte med {supplier['org']}")
    expect(page.locator(".dialogue-facts")).to_contain_text("Leveranser til hjemmeboende")
    assert_accessible(page)

    # Cancelling without a reason is refused at the field.
    page.get_by_role("button", name="Avlys møtet").click()
    reason = page.get_by_label("Begrunnelse til leverandøren")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".ds-error-summary")).to_contain_text("Skriv en begrunnelse")
    assert_accessible(page)
    reason.fill("Fagpersonen vår er syk. Vi kommer tilbake med ny tid.")
    page.get_by_role("button", name="Avlys møtet").click()
    expect(page.get_by_text("Møtet er avlyst, og leverandøren har fått beskjed")).to_be_visible()
    expect(page.get_by_text("Ingen møter booket ennå.")).to_be_visible()
    assert_accessible(page)

    # The supplier is told, with the reason and a cancelling calendar entry for the same UID.
    cancelled = mail.wait_for(supplier["email"], subject="Møtet er avlyst")
    assert title in cancelled["Subject"]
    text = mail_text(cancelled)
    assert buyer["org"] in text
    assert "Fagpersonen vår er syk" in text
    cal = _ics_of(cancelled)
    assert str(cal["method"]) == "CANCEL"
    gone = _the_event(cal)
    assert str(gone["uid"]) == uid
    assert str(gone["status"]) == "CANCELLED"
    assert gone.decoded("dtstart") == start
    assert int(gone["sequence"]) > int(vevent["sequence"])

    # ... and the event page no longer shows a meeting; the slot is free again.
    other.goto(event_url)
    expect(other.get_by_text(re.compile(r"Dere har møte"))).to_have_count(0)
    expect(other.get_by_role("link", name="Book et en-til-en-møte")).to_be_visible()
    assert_accessible(other)
    other.context.close()
