"""Authorisation matrix: every route of the URL map × seven roles × its methods.

A fixture builds one world (an owning verified buyer with a DRAFT and a published need in
dialogue, a supplier with a hidden profile and a confidential input, another supplier, another
verified buyer, an unverified buyer, a platform admin, a dialogue event with a booked slot).
EXPECTED names a policy for every endpoint; a new route without an entry fails the test.
Then every GET route is requested by every role (the published objects, and the DRAFT need
where a route takes a need), the status must match the policy and never be 500, and no body
shown to a role that must not see them contains the draft's title, the hidden profile's name
or the confidential input's text. POST routes: anonymous never gets 2xx, roles outside the
policy get 403/404/redirect, nobody gets 500.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from werkzeug.routing import IntegerConverter, Rule

from portal.db import utcnow
from portal.extensions import db
from portal.needs.models import NeedStatus
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need

ROLES = ("anonymous", "supplier", "other_supplier", "owner", "other_buyer", "unverified", "admin")
LOGGED_IN = ROLES[1:]

DRAFT_TITLE = "Hemmelig utkast Zebrafinke"
HIDDEN_NAME = "Skjult Leverandør Marsvin AS"
CONFIDENTIAL_TEXT = "Konfidensielt innspill Kolibri"
SAVED_SEARCH_NAME = "Lagret søk Flamingo"

# Who may see each secret (every other role must never find it in any body).
SECRETS = {
    DRAFT_TITLE: {"owner"},
    HIDDEN_NAME: {"supplier", "owner", "other_buyer", "admin"},  # own members, verified buyers, admins
    CONFIDENTIAL_TEXT: {"supplier", "owner"},  # its author and the owning buyer
    SAVED_SEARCH_NAME: {"owner"},  # a saved search: its user only
}

def _login_redirect(resp) -> bool:
    return resp.status_code in (301, 302, 303) and "/logg-inn" in resp.headers.get("Location", "")


# ---------------------------------------------------------------------------------------------
# Policies. `get` maps each role to the statuses allowed for a GET of the published objects
# ("login" = a redirect to /logg-inn); `allowed` lists the roles that may POST (the others must
# get 401/403/404/405 or a redirect; anonymous never a 2xx unless allowed).
# ---------------------------------------------------------------------------------------------
def policy(get: dict | None, allowed, note: str = ""):
    return SimpleNamespace(get=get, allowed=set(allowed), note=note)


def _for(default, **per_role):
    return {r: set(per_role.get(r, default)) for r in ROLES}


LOGIN = {"login"}
OK = {200}
DENIED = {403, 404}

PUBLIC = policy(_for(OK), ROLES, "everyone sees it")
STATIC = policy(_for(OK), ROLES, "static files")
LOGGED = policy(_for(OK, anonymous=LOGIN), LOGGED_IN, "any logged-in user, own data")
ANON_FORM = policy(_for({302}, anonymous=OK), ROLES, "login/register; logged-in users are sent on")
PUBLIC_FORM = policy(_for(OK), ROLES, "public form")
BAD_TOKEN = policy(_for({400}), ROLES, "a signed token in the URL; a bad one is 400")
# A confirmation link counts only for the account's holder: it is opened logged in.
CONFIRM_TOKEN = policy(_for({400}, anonymous=LOGIN), LOGGED_IN, "log in first; then a bad token is 400")
UNKNOWN = policy(_for({404}), (), "an unknown id/token in the world: 404 for everyone")
UNKNOWN_LOGIN = policy(_for({404}, anonymous=LOGIN), (), "login first, then 404 for an unknown id")
API_BAD_REQUEST = policy(_for({400}), ROLES, "open API, 400 without ?q=")
API_TOKEN = policy(None, (), "write API: only an API key (Authorization header), never the session")
ADMIN = policy(_for(DENIED, anonymous=LOGIN, admin=OK), {"admin"}, "platform admins only")
OWNER = policy(_for(DENIED, anonymous=LOGIN, owner=OK), {"owner"}, "members of the owning, verified buyer org")
OWNER_OR_ADMIN = policy(_for(DENIED, anonymous=LOGIN, owner=OK, admin=OK), {"owner", "admin"},
                        "owner, and platform admins (moderation: cancel a public need)")
ORG_ADMIN_OR_ADMIN = policy(_for(DENIED, anonymous=LOGIN, owner=OK, admin=OK), {"owner", "admin"},
                            "admins of the organisation, and platform admins")
BUYER = policy(_for(DENIED, anonymous=LOGIN, owner=OK, other_buyer=OK), {"owner", "other_buyer"},
               "members of verified buyer orgs (a pending one writes no drafts either)")
SUPPLIER = policy(_for(DENIED, anonymous=LOGIN, supplier=OK, other_supplier=OK), {"supplier", "other_supplier"},
                  "members of supplier orgs")
PARTICIPANT = policy(_for(DENIED, anonymous=LOGIN, supplier=OK, other_supplier=OK), {"supplier", "other_supplier"},
                     "suppliers that may take part in the (public) event; the buyer is 403")
OWN_BOOKING = policy(_for({404}, anonymous=LOGIN, supplier=OK), {"supplier", "other_supplier"},
                     "the .ics of one's own booking / registration (none → 404)")
NO_REGISTRATION = policy(_for({404}, anonymous=LOGIN), {"supplier", "other_supplier"},
                         "the .ics of one's own registration: nobody is registered → 404")
HIDDEN_PROFILE = policy(_for({404}, supplier=OK, owner=OK, other_buyer=OK, admin=OK), {"supplier"},
                        "hidden profile: own members, verified buyers, platform admins")
OWN_SUPPLIER_ONLY = policy(_for({404}, supplier=OK), {"supplier"}, "matches of a hidden profile: its own members")
INPUT = policy(_for({404}, supplier=OK, owner=OK), {"owner"},
               "a confidential input: its author and the owning buyer; 404 for everyone else")
ALL_404 = policy(_for({404}), (), "hidden from the open API / nothing stored (no logo, no attachment)")

OWN_SEARCH = policy(_for({404}, anonymous=LOGIN, owner=OK), {"owner"},
                    "a saved search (search_id = the owner's): its user only, 404 for everyone else")
POST_OWN_SEARCH = policy(None, {"owner"}, "POST only: the saved search's own user (others 404)")
POST_OWNER = policy(None, {"owner"}, "POST only: the owning buyer (or the org admin)")
POST_ADMIN = policy(None, {"admin"}, "POST only: platform admins")
POST_OWNER_OR_ADMIN = policy(None, {"owner", "admin"}, "POST only: the organisation's admins and platform admins")
POST_SUPPLIER = policy(None, {"supplier", "other_supplier"}, "POST only: supplier members")
POST_LOGGED = policy(None, LOGGED_IN, "POST only: any logged-in user (own account)")
POST_ANYONE = policy(None, ROLES, "POST only: anyone")

EXPECTED: dict[str, SimpleNamespace] = {
    # pages, static
    "pages.index": PUBLIC, "pages.about": PUBLIC, "pages.privacy": PUBLIC, "pages.accessibility": PUBLIC,
    "pages.healthz": PUBLIC, "pages.set_language": POST_ANYONE, "static": STATIC,
    "pages.favicon": policy(_for({301}), ROLES, "a redirect to the icon"),
    # auth
    "auth.login": ANON_FORM, "auth.register": ANON_FORM, "auth.logout": POST_LOGGED,
    "auth.forgot_password": PUBLIC_FORM, "auth.reset_password": BAD_TOKEN, "auth.confirm": CONFIRM_TOKEN,
    "auth.confirm_email_change": CONFIRM_TOKEN, "auth.resend_confirmation": POST_ANYONE,
    "auth.account": LOGGED, "auth.export_data": LOGGED, "auth.delete_account": LOGGED,
    "auth.change_email": POST_LOGGED, "auth.change_password": POST_LOGGED, "auth.update_profile": POST_LOGGED,
    "dashboard.index": LOGGED,
    # admin, audit
    "admin.queue": ADMIN, "admin.users": ADMIN, "admin.organisations": ADMIN, "admin.review": ADMIN,
    "admin.verify": POST_ADMIN, "admin.reject": POST_ADMIN,
    "audit.full_log": ADMIN, "audit.organisation_log": ORG_ADMIN_OR_ADMIN,
    # organisations (org_id = the owning buyer org, whose admin is "owner")
    "organisations.detail": PUBLIC, "organisations.mine": LOGGED, "organisations.create": LOGGED,
    "organisations.accept_invitation": UNKNOWN, "organisations.switch": POST_OWNER,
    "organisations.leave": POST_OWNER, "organisations.invite": POST_OWNER,
    "organisations.revoke_invitation": POST_OWNER, "organisations.remove_member": POST_OWNER,
    "organisations.demote": POST_OWNER, "organisations.make_admin": POST_OWNER,
    "organisations.approve_claim": POST_OWNER_OR_ADMIN, "organisations.decline_claim": POST_OWNER_OR_ADMIN,
    # needs
    "needs.index": PUBLIC, "needs.detail": PUBLIC, "needs.cpv_lookup": PUBLIC, "needs.needs_atom": PUBLIC,
    "needs.buyer": PUBLIC, "needs.mine": LOGGED, "needs.new": BUYER,
    "needs.preview": OWNER, "needs.edit": OWNER, "needs.status": OWNER, "needs.co_buyers": OWNER,
    "needs.cancel": OWNER_OR_ADMIN, "needs.publish": POST_OWNER, "needs.delete": POST_OWNER,
    "needs.upload": POST_OWNER, "needs.remove_attachment": POST_OWNER, "needs.remove_co_buyer": POST_OWNER,
    "needs.download": UNKNOWN, "needs.answer_co_buyer": UNKNOWN_LOGIN,
    "needs_api.list_needs": PUBLIC, "needs_api.get_need": PUBLIC,
    # suppliers (profile_id = the hidden profile of "supplier")
    "suppliers.directory": PUBLIC, "suppliers.cpv_lookup": PUBLIC, "suppliers.profile": HIDDEN_PROFILE,
    "suppliers.logo": ALL_404, "suppliers.edit": SUPPLIER, "suppliers.references": SUPPLIER,
    "suppliers.delete_reference": POST_SUPPLIER,
    "suppliers.dialog.panel": PUBLIC, "suppliers.dialog.inputs": PUBLIC, "suppliers.dialog.input_detail": INPUT,
    "suppliers.dialog.attachment": ALL_404, "suppliers.dialog.inputs_csv": OWNER,
    "suppliers.dialog.interests": OWNER, "suppliers.dialog.interests_csv": OWNER,
    "suppliers.dialog.submit_input": POST_SUPPLIER, "suppliers.dialog.express_interest": POST_SUPPLIER,
    "suppliers.dialog.withdraw_interest": POST_SUPPLIER, "suppliers.dialog.publish": POST_OWNER,
    "suppliers.dialog.reply": POST_OWNER,
    "suppliers_api.suppliers": PUBLIC, "suppliers_api.supplier": HIDDEN_PROFILE, "suppliers_api.need_inputs": PUBLIC,
    # dialogue (event_id = a public event on the published need, with a slot booked by "supplier")
    "dialogue.event_detail": PUBLIC, "dialogue.need_events": PUBLIC, "dialogue.info_log": PUBLIC,
    "dialogue.questions": PUBLIC, "dialogue.answer": OWNER, "dialogue.new_event": OWNER,
    "dialogue.edit_event": OWNER, "dialogue.cancel_event": POST_OWNER, "dialogue.participants": OWNER,
    "dialogue.participants_csv": OWNER, "dialogue.invite": OWNER, "dialogue.availability": OWNER,
    "dialogue.delete_window": POST_OWNER, "dialogue.meeting": OWNER, "dialogue.buyer_cancel": POST_OWNER,
    "dialogue.publish_summary": POST_OWNER, "dialogue.upload_document": POST_OWNER,
    "dialogue.delete_document": POST_OWNER, "dialogue.document": UNKNOWN,
    "dialogue.slots_view": PARTICIPANT, "dialogue.register_view": PARTICIPANT, "dialogue.book": POST_SUPPLIER,
    "dialogue.cancel_my_booking": POST_SUPPLIER, "dialogue.unregister": POST_SUPPLIER,
    "dialogue.booking_ics": OWN_BOOKING, "dialogue.registration_ics": NO_REGISTRATION,
    "dialogue.calendar_page": LOGGED, "dialogue.calendar_feed": UNKNOWN, "dialogue.calendar_token": POST_LOGGED,
    "dialogue_api.event_detail": PUBLIC, "dialogue_api.need_events": PUBLIC,
    # search
    "search.search": PUBLIC, "search.need_matches": PUBLIC, "search.supplier_matches": OWN_SUPPLIER_ONLY,
    "search_api.search": PUBLIC, "search_api.cpv_suggest": API_BAD_REQUEST, "search_api.need_matches": PUBLIC,
    "search_api.supplier_matches": ALL_404,
    # open data
    "opendata.index": PUBLIC, "opendata.organisation": PUBLIC, "opendata.needs_csv": PUBLIC,
    "opendata.suppliers_csv": PUBLIC, "opendata.api_keys": OWNER, "opendata.revoke_api_key": POST_OWNER,
    "opendata_api.docs": PUBLIC, "opendata_api.openapi_json": PUBLIC, "opendata_api.ocds_releases": PUBLIC,
    "opendata_api.ocds_release": PUBLIC, "opendata_api.ocds_records_list": PUBLIC,
    "opendata_api.ocds_record": PUBLIC, "opendata_api.create_need": API_TOKEN,
    "opendata_api.update_need": API_TOKEN,
    # saved searches and alerts
    "alerts.index": LOGGED, "alerts.new": LOGGED, "alerts.detail": OWN_SEARCH,
    "alerts.delete": POST_OWN_SEARCH, "alerts.regenerate_token": POST_OWN_SEARCH, "alerts.mark_seen": POST_OWN_SEARCH,
    "alerts.feed": UNKNOWN, "alerts.follow_suppliers": POST_OWNER,
}

# Real findings (reported to the lead, app code untouched): (endpoint, which URL, role) → reason.
KNOWN_LEAKS: dict = {}
# Shown on purpose: the audit log is for organisation admins and platform admins, drafts included.
BY_DESIGN = {
    ("audit.full_log", "published", "admin"): "platform admins read the whole audit log",
    ("audit.organisation_log", "published", "admin"): "platform admins read every organisation's audit log",
}


# ---------------------------------------------------------------------------------------------
# World
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def world(app):
    from portal.dialogue import booking as booking_services
    from portal.dialogue import services as dialogue_services
    from portal.dialogue.qa import ask_question
    from portal.suppliers import services as supplier_services
    from portal.suppliers.models import NeedInput

    with app.test_request_context("/"):
        w = SimpleNamespace()
        w.owner = make_user(name="Eva Eier")
        w.owner_org = make_org(name="Eierby kommune", admins=[w.owner])
        w.other_buyer = make_user(name="Ola Annen")
        w.other_buyer_org = make_org(name="Annenby kommune", admins=[w.other_buyer])
        w.unverified = make_user(name="Ulla Uverifisert")
        w.unverified_org = make_org(name="Uverifisert kommune", verified=False, admins=[w.unverified])
        w.supplier = make_user(name="Siri Leverandør")
        w.supplier_org = make_org(name=HIDDEN_NAME, kind="bedrift", admins=[w.supplier], municipality="4601")
        w.profile = supplier_services.get_or_create_profile(w.supplier_org)
        supplier_services.update_profile(None, w.profile, {"is_public": False})
        w.other_supplier = make_user(name="Rolf Rival")
        w.other_supplier_org = make_org(name="Rival Renhold AS", kind="bedrift", admins=[w.other_supplier],
                                        municipality="4601")
        w.other_profile = supplier_services.get_or_create_profile(w.other_supplier_org)
        supplier_services.update_profile(None, w.other_profile, {"is_public": True})
        w.admin = make_user(name="Per Plattform", admin=True)

        w.draft = make_need(w.owner_org, title=DRAFT_TITLE, status=NeedStatus.DRAFT)
        w.need = make_need(w.owner_org, title="Bedre skoleskyss", status=NeedStatus.IN_DIALOGUE,
                           contact_email="innkjop@kommune.no")
        w.input = NeedInput(need=w.need, organisation=w.supplier_org, author_id=w.supplier.id,
                            text=CONFIDENTIAL_TEXT, is_confidential=True, is_published=False)
        db.session.add(w.input)
        now = utcnow().replace(second=0, microsecond=0)
        w.event = dialogue_services.create_event(w.owner, w.need, {
            "title": "Dialogkonferanse", "kind": "both", "format": "digital", "visibility": "public",
            "agenda_md": "Program", "address": "", "meeting_link": "https://meet.example.no/rom",
            "starts_dt": now + timedelta(days=10), "ends_dt": now + timedelta(days=10, hours=3),
            "registration_deadline_dt": now + timedelta(days=9), "capacity_people": None,
            "capacity_orgs": None, "max_per_org": None, "reminder_hours": 24})
        w.window = booking_services.add_window(w.owner, w.event, {
            "day": (now + timedelta(days=5)).date(), "start_time": now.replace(hour=9).time(),
            "end_time": now.replace(hour=11).time(), "slot_minutes": 45, "break_minutes": 15, "rooms": 1})
        w.slot = w.event.slots[0]
        w.booking = booking_services.book_slot(w.supplier, w.supplier_org, w.slot)
        w.question = ask_question(w.supplier, w.supplier_org, w.need, "Hvor mange elever gjelder det?")
        from portal.alerts.models import SavedSearch

        w.saved_search = SavedSearch(user_id=w.owner.id, name=SAVED_SEARCH_NAME, query="skoleskyss")
        db.session.add(w.saved_search)
        db.session.commit()

        from flask import g

        g.pop("mail_queued", None)
    return w


USERS = {"supplier": ("supplier", "supplier_org"), "other_supplier": ("other_supplier", "other_supplier_org"),
         "owner": ("owner", "owner_org"), "other_buyer": ("other_buyer", "other_buyer_org"),
         "unverified": ("unverified", "unverified_org"), "admin": ("admin", None)}


@pytest.fixture
def clients(app, world, login):
    out = {"anonymous": app.test_client()}
    for role, (user_attr, org_attr) in USERS.items():
        c = app.test_client()
        login(c, getattr(world, user_attr), getattr(world, org_attr) if org_attr else None)
        out[role] = c
    return out


def _args(rule: Rule, w, need, org=None) -> dict:
    """URL values for `rule` from the world; unknown ids get 999999 (expect 404)."""
    return rule_values(rule, {
        "need_id": need.id, "org_id": (org or w.owner_org).id, "profile_id": w.profile.id, "supplier_id": w.profile.id,
        "event_id": w.event.id, "slot_id": w.slot.id, "booking_id": w.booking.id, "input_id": w.input.id,
        "window_id": w.window.id, "question_id": w.question.id, "search_id": w.saved_search.id,
    })


def rule_values(rule: Rule, ids: dict) -> dict:
    """Values for every argument of `rule`: the given ids, else a harmless value of the argument's kind."""
    values = {}
    for arg in rule.arguments:
        if arg in ids:
            values[arg] = ids[arg]
        elif arg == "step":
            values[arg] = "om"
        elif arg == "filename":
            values[arg] = "css/portal.css"
        elif isinstance(rule._converters[arg], IntegerConverter):
            values[arg] = 999999
        else:
            values[arg] = "ugyldig-token"
    return values


def _url(rule: Rule, w, need, org=None) -> str:
    return rule.build(_args(rule, w, need, org), append_unknown=False)[1]


def _status(resp):
    return "login" if _login_redirect(resp) else resp.status_code


def _scan(body: bytes, role: str, where: str, leaks: list):
    text = body.decode("utf-8", "replace")
    for secret, allowed in SECRETS.items():
        if role not in allowed and secret in text:
            leaks.append(f"{where} as {role}: {secret!r}")


def _get_urls(rule: Rule, w):
    """(kind, url) pairs: the published objects; the DRAFT need; the hidden supplier's org."""
    out = [("published", _url(rule, w, w.need))]
    if "need_id" in rule.arguments:
        out.append(("draft", _url(rule, w, w.draft)))
    if "org_id" in rule.arguments:
        out.append(("supplier_org", _url(rule, w, w.need, w.supplier_org)))
    return out


def test_every_route_has_an_expected_policy(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    missing = sorted(endpoints - EXPECTED.keys())
    assert not missing, f"routes without an entry in EXPECTED (add a policy): {missing}"
    stale = sorted(EXPECTED.keys() - endpoints)
    assert not stale, f"EXPECTED names endpoints that no longer exist: {stale}"


def test_get_matrix(app, world, clients):
    """Every GET route × 7 roles: the policy's status, never 500, no secret in a body it must not show."""
    problems, leaks, checked = [], [], 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods:
            continue
        pol = EXPECTED[rule.endpoint]
        for kind, url in _get_urls(rule, world):
            for role in ROLES:
                resp = clients[role].get(url)
                body = resp.get_data()
                resp.close()
                checked += 1
                got = _status(resp)
                if got == 500:
                    problems.append(f"GET {url} as {role}: 500")
                elif kind == "published" and got not in pol.get[role]:
                    problems.append(f"GET {url} as {role}: {got}, expected {sorted(map(str, pol.get[role]))}"
                                    f" ({pol.note})")
                elif kind == "draft" and role != "owner" and got not in {403, 404, "login"}:
                    problems.append(f"GET {url} (DRAFT need) as {role}: {got}, expected 403/404/login")
                if (rule.endpoint, kind, role) not in KNOWN_LEAKS and (rule.endpoint, kind, role) not in BY_DESIGN:
                    _scan(body, role, f"GET {url}", leaks)
    print(f"checked {checked} GET requests")
    assert not problems, "\n".join(problems)
    assert not leaks, "secrets leaked:\n" + "\n".join(leaks)


# A form body plausible enough that validation passes where it can, so a denied role meets the
# permission check rather than a re-rendered form.
POST_DATA = {
    "question": "Hvor mange elever gjelder det?", "text": "Et innspill fra oss", "answer": "Et svar",
    "reply": "Et svar", "email": "ny@example.no", "name": "Navn Navnesen", "title": "En tittel",
    "summary": "Kort", "role": "member", "reason": "Fordi", "status": "closed", "note": "Notat",
    "participants_text": "Kari", "topic": "Tema", "language": "en", "locale": "en",
}


def test_post_matrix(app, world, clients):
    """POST (PATCH) routes: roles outside the policy (anonymous included, unless the route is public)
    never get a 2xx, only 401/403/404/405 or a redirect; nobody gets a 500. Allowed roles are not exercised (they
    would change the world)."""
    problems, checked = [], 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        methods = sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"})
        if not methods:
            continue
        pol = EXPECTED[rule.endpoint]
        for method in methods:
            for kind, url in _get_urls(rule, world):
                for role in ROLES:
                    if role in pol.allowed and not (kind == "draft" and role != "owner"):
                        continue
                    if kind == "supplier_org" and role == "supplier":
                        continue  # the hidden supplier's own admin: allowed on its own organisation
                    resp = clients[role].open(url, method=method, data=POST_DATA)
                    resp.close()
                    checked += 1
                    code = resp.status_code
                    if code >= 500:
                        problems.append(f"{method} {url} as {role}: {code}")
                    elif code < 300:
                        problems.append(f"{method} {url} as {role}: {code} {resp.headers.get('Location', '')}"
                                        f" ({pol.note})")
                    elif code >= 400 and code not in {401, 403, 404, 405}:
                        problems.append(f"{method} {url} as {role}: {code} ({pol.note})")
    print(f"checked {checked} POST requests")
    assert not problems, "\n".join(problems)
