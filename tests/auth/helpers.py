"""Small helpers for the account tests."""

import re
from urllib.parse import urlsplit

from tests.conftest import mail_text

LINK = re.compile(r"http://localhost(/\S+)")


def link_path(message, prefix: str) -> str:
    """The path of the first link in the mail's text part starting with `prefix`."""
    paths = [p for p in LINK.findall(mail_text(message)) if p.startswith(prefix)]
    assert paths, f"no {prefix} link in: {mail_text(message)}"
    return urlsplit(paths[0]).path


def form_login(client, email, password, remember=False, next_=None):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    url = "/logg-inn" + (f"?next={next_}" if next_ else "")
    return client.post(url, data=data)


def text(resp) -> str:
    return resp.get_data(as_text=True)


def masked(html: str, address: str) -> str:
    """The page with the address typed and the (time-stamped) CSRF tokens blanked, to compare two answers."""
    html = re.sub(r'name="csrf_token" type="hidden" value="[^"]*"|name="csrf_token" value="[^"]*"', "CSRF", html)
    return html.replace(address.strip().lower(), "ADDRESS")
