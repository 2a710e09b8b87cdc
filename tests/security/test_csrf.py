"""Every state-changing route, enumerated from the URL map, rejects a POST without a CSRF token."""

import pytest
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

from tests.factories import make_user

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that authenticate by API key instead of a session cookie (no cookie → no CSRF risk).
TOKEN_AUTHENTICATED: set[str] = {"opendata_api.create_need", "opendata_api.update_need"}
# POST only because the text is too long for a URL: it changes nothing and reads no session.
READ_ONLY_POST: set[str] = {"search_api.cpv_suggest"}


def _url_for_rule(rule: Rule) -> str:
    values = {}
    for arg in rule.arguments:
        conv = rule._converters[arg]
        values[arg] = 1 if isinstance(conv, NumberConverter) else "x"
    return rule.build(values, append_unknown=False)[1]


def state_changing_rules(app):
    return [
        r for r in app.url_map.iter_rules()
        if r.methods & STATE_CHANGING and r.endpoint not in TOKEN_AUTHENTICATED | READ_ONLY_POST
    ]


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_every_post_route_rejects_missing_token(app, client, login):
    rules = state_changing_rules(app)
    assert rules, "the app has POST routes"
    user = make_user()
    app.extensions["sqlalchemy"].session.commit()
    login(client, user)
    accepted = []
    for rule in rules:
        for method in sorted(rule.methods & STATE_CHANGING):
            resp = client.open(_url_for_rule(rule), method=method, data={"x": "1"})
            if resp.status_code != 400:
                accepted.append(f"{method} {rule.rule} → {resp.status_code}")
    print(f"CSRF: {len(rules)} state-changing routes checked")
    assert not accepted, "accepted without CSRF token: " + ", ".join(accepted)


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_post_with_wrong_token_is_rejected_with_a_message(client):
    resp = client.post("/sprak", data={"lang": "en", "csrf_token": "forged"})
    assert resp.status_code == 400
    assert "Skjemaet var utløpt eller ugyldig" in resp.get_data(as_text=True)
