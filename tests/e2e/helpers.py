"""Helpers for browser tests: axe-core checks, reading the mail that arrived, filling forms."""

import email
import re
import time
import uuid
from email.policy import default as default_policy
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# WCAG 2.1 AA (the EN 301 549 web requirements). Passing options replaces axe's defaults: give both keys.
WCAG21AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_AXE = Axe()
LINK_RE = re.compile(r"https?://[^\s<>\"')\]]+")


def assert_accessible(page, context=None) -> None:
    """Run axe-core (WCAG 2.1 AA) on the page as it is now; fail with the report on any violation."""
    page.wait_for_load_state("load")
    results = _AXE.run(page, context=context, options=WCAG21AA)
    assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"


class Mail:
    """The mail that arrived at the session's SMTP server, parsed."""

    def __init__(self, smtp_server):
        self.server = smtp_server

    def all(self):
        return [email.message_from_bytes(raw, policy=default_policy) for raw in list(self.server.messages)]

    def to(self, address: str):
        return [m for m in self.all() if address.lower() in (m["To"] or "").lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10.0, subject: str | None = None):
        """Wait until at least `count` mails (optionally with `subject` in the subject) reached `address`."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.to(address) if subject is None or subject.lower() in m["Subject"].lower()]
            if len(found) >= count:
                return found[-1]
            if time.monotonic() > deadline:
                subjects = [m["Subject"] for m in self.to(address)]
                raise AssertionError(f"no mail to {address} (subject ~ {subject!r}) within {timeout}s; got {subjects}")
            time.sleep(0.1)


def assert_no_sideways_scroll(page, what: str) -> None:
    """The page fits its viewport's width (WCAG 1.4.10 reflow; phones)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    width = page.viewport_size["width"]
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px at {width}px"


def mail_text(message) -> str:
    """The plain-text body of a parsed mail."""
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message, base_url: str | None = None) -> list[str]:
    """Every http(s) link in the plain-text body, optionally only those on `base_url`."""
    found = [link.rstrip(".,;:") for link in LINK_RE.findall(mail_text(message))]
    return [link for link in found if base_url is None or link.startswith(base_url)]


def link_in(message, base_url: str, contains: str = "") -> str:
    """The first link in the mail to this site (containing `contains`)."""
    links = [link for link in links_in(message, base_url) if contains in link]
    assert links, f"no link to {base_url} containing {contains!r} in mail:\n{mail_text(message)}"
    return links[0]


# ---------------------------------------------------------------- people and organisations

PASSWORD = "riktig-hest-batteri-stift"
_orgnr_counter = iter(range(91_000_000, 99_999_999))


def unique_email(who: str) -> str:
    """An address no other test in this session uses."""
    return f"{who}-{uuid.uuid4().hex[:8]}@e2e.example.no"


def new_orgnr() -> str:
    """A fresh organisation number with a valid mod-11 check digit."""
    from stdnum.no import orgnr

    for base in _orgnr_counter:
        for check in "0123456789":
            candidate = f"{base}{check}"
            if orgnr.is_valid(candidate):
                return candidate
    raise RuntimeError("out of organisation numbers")


def register(page, name: str, email: str, password: str = PASSWORD) -> None:
    """Fill in and send the registration form, then log in (registering itself logs no one in)."""
    page.goto("/registrer")
    page.get_by_label("Navn", exact=True).fill(name)
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord", exact=True).fill(password)
    page.get_by_label("Gjenta passordet").fill(password)
    page.locator("main").get_by_role("button", name="Opprett konto").click()
    expect(page.get_by_text("Vi har sendt en e-post til")).to_be_visible()
    log_in(page, email, password)


def confirm_email(page, mail: "Mail", email: str) -> None:
    """Open the confirmation link from the mail that arrived."""
    message = mail.wait_for(email, subject="Bekreft")
    page.goto(link_in(message, page_origin(page), "/bekreft/"))
    expect(page.get_by_text("er bekreftet")).to_be_visible()


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/logg-inn")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_text("Du er logget ut")).to_be_visible()


def page_origin(page) -> str:
    parts = urlsplit(page.url)
    return f"{parts.scheme}://{parts.netloc}"
