"""Every form route of the URL map, POSTed with an empty body by a user allowed to use it, answers
with the form's errors (or a redirect with a message), never a 500.

Reuses the authorisation matrix's world and its policy table: `EXPECTED[endpoint].allowed` names
the roles that may POST. Routes that end something (delete, cancel, leave) run last so that the
others still find their objects.
"""

from tests.security.test_authz_matrix import EXPECTED, POST_DATA, ROLES, _url, clients, world  # noqa: F401  (fixtures)

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Empty, and plausible values with the rest missing (the need editor's first step without problem_md).
BODIES = ({}, POST_DATA | {"kind": "need"})
ENDING = ("status", "slett", "avlys", "avbryt", "forlat", "fjern", "trekk", "kanseller", "logg-ut", "avmeld", "avbestill")


def _order(rule) -> tuple[bool, str]:
    return any(word in rule.rule for word in ENDING), rule.rule


def test_every_form_route_survives_an_empty_body(app, world, clients):  # noqa: F811
    problems, checked = [], 0
    rules = sorted((r for r in app.url_map.iter_rules() if r.methods & STATE_CHANGING), key=_order)
    for rule in rules:
        allowed = [role for role in ROLES if role in EXPECTED[rule.endpoint].allowed and role != "anonymous"]
        for role in allowed[:1] or ["owner"]:
            url = _url(rule, world, world.need)
            for method in sorted(rule.methods & STATE_CHANGING):
                for body in BODIES:
                    checked += 1
                    try:  # the test app propagates exceptions instead of answering 500
                        resp = clients[role].open(url, method=method, data=body)
                    except Exception as exc:  # noqa: BLE001
                        problems.append(f"{method} {url} as {role} with {sorted(body)}: {exc!r}"[:300])
                        continue
                    resp.close()
                    if resp.status_code >= 500:
                        problems.append(f"{method} {url} as {role} with {sorted(body)}: {resp.status_code}")
    print(f"checked {checked} empty POSTs")
    assert checked > 120
    assert not problems, "\n".join(problems)
