"""Control characters (CR, LF, TAB, NUL, C1) never reach the database from a form or the API.

Every form of the portal derives from portal.forms.BaseForm; every single-line field comes out
as one line without NUL, every text area keeps its line breaks only. Through the real pages a
need title, an event title, an organisation name and a user name with CR/LF/NUL are stored
clean (PostgreSQL refuses NUL in text: before, that was a 500).
"""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import PasswordField, StringField, TextAreaField

import portal
from portal.auth.models import User
from portal.dialogue.models import DialogueEvent
from portal.extensions import db
from portal.forms import BaseForm
from portal.needs.models import Need
from portal.opendata.services import create_api_key
from portal.organisations.models import Organisation
from tests.security.test_authz_matrix import clients, world  # noqa: F401  (fixtures)

DIRTY = "\x00Første\r\nlinje\tmed\x0bfane\x85og\u2028NUL\x00 \x1b[31m\x7f\x9b"
# Constructor arguments some forms require (the view passes them).
FORM_ARGS = {"StatusForm": ([],)}
ONE_LINE = "Første linje med fane og NUL [31m"
MULTI_LINES = "Første\nlinje\tmed\nfane\nog\nNUL [31m"


def _all_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = [], [FlaskForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("portal."):
            found.append(cls)
    return found


def test_every_form_of_the_portal_cleans_its_text_fields(app):
    forms = _all_form_classes()
    assert len(forms) > 40
    assert [f.__qualname__ for f in forms if not issubclass(f, BaseForm)] == []
    checked = 0
    for form_class in forms:
        with app.test_request_context("/", method="POST"):
            args = FORM_ARGS.get(form_class.__name__, ())
            fields = form_class(*args, formdata=MultiDict(), meta={"csrf": False})
            names = [f.name for f in fields if isinstance(f, StringField) and not isinstance(f, PasswordField)]
            form = form_class(*args, formdata=MultiDict({name: DIRTY for name in names}), meta={"csrf": False})
            for name in names:
                field = form[name]
                expected = MULTI_LINES if isinstance(field, TextAreaField) else ONE_LINE
                # Some fields have their own filters after the cleaning (lower-cased e-mail, https:// added).
                assert expected.casefold() in str(field.data).casefold(), f"{form_class.__qualname__}.{name}: {field.data!r}"
                checked += 1
    assert checked > 50


def test_passwords_stay_as_typed(app):
    from portal.auth.forms import LoginForm

    with app.test_request_context("/", method="POST"):
        form = LoginForm(formdata=MultiDict({"email": "a@b.no", "password": "tab\there"}), meta={"csrf": False})
        assert form.password.data == "tab\there"


def test_need_title_and_summary_through_the_editor(world, clients):  # noqa: F811
    resp = clients["owner"].post(f"/behov/{world.need.id}/rediger/om", data={
        "kind": "need", "title": DIRTY, "summary": DIRTY, "problem_md": "Tekst"})
    assert resp.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, world.need.id)
    assert need.title == ONE_LINE.strip() and need.summary == MULTI_LINES


def test_event_title_through_the_event_form(world, clients):  # noqa: F811
    resp = clients["owner"].post(f"/behov/{world.need.id}/arrangementer/ny", data={
        "title": DIRTY, "kind": "conference", "format": "physical", "visibility": "public",
        "agenda_md": "Velkommen", "address": "Storgata 1", "meeting_link": "",
        "starts": "2027-03-02T09:00", "ends": "2027-03-02T12:00", "registration_deadline": "2027-03-01T12:00",
        "capacity_people": "40", "capacity_orgs": "", "max_per_org": "2", "reminder_hours": "24"})
    assert resp.status_code == 302
    titles = db.session.scalars(select(DialogueEvent.title)).all()
    assert ONE_LINE.strip() in titles and not any("\x00" in t or "\n" in t for t in titles)


def test_organisation_and_user_names_through_their_forms(world, clients):  # noqa: F811
    owner = clients["owner"]
    resp = owner.post("/organisasjoner/ny", data={
        "kind": "kommune", "name": "Ny\r\nBcc: eve@example.no\x00 kommune", "orgnr": "974 760 673",
        "municipality": "0301", "website": "", "contact_email": "post@ny.kommune.no"})
    assert resp.status_code == 302
    assert db.session.scalar(select(Organisation.name).where(Organisation.orgnr == "974760673")) == \
        "Ny Bcc: eve@example.no kommune"
    resp = owner.post("/konto/profil", data={"profile-name": "Eva\r\nEier\x00", "profile-locale": "nb"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, world.owner.id).name == "Eva Eier"


def test_api_need_title_and_texts(world, client):  # noqa: F811
    _key, plain = create_api_key(world.owner, world.owner_org, {"name": "Websak"})
    db.session.commit()
    auth = {"Authorization": f"Bearer {plain}"}
    resp = client.post("/api/v1/needs", headers=auth, json={"title": DIRTY, "problem_md": DIRTY,
                                                            "contact_name": "Kari\r\nNordmann"})
    assert resp.status_code == 201, resp.get_json()
    need = db.session.get(Need, resp.get_json()["id"])
    assert need.title == ONE_LINE.strip() and need.problem_md == MULTI_LINES
    assert need.contact_name == "Kari Nordmann"
    resp = client.patch(f"/api/v1/needs/{need.id}", headers=auth, json={"title": "\x00\r\n"})
    assert resp.status_code == 422 and "title" in resp.get_json()["errors"]


@pytest.mark.parametrize("text", ["\x00", "\r\n\t"])
def test_a_title_of_only_control_characters_is_refused_with_the_forms_message(world, clients, text):  # noqa: F811
    resp = clients["owner"].post(f"/behov/{world.need.id}/rediger/om", data={
        "kind": "need", "title": text, "summary": "", "problem_md": ""})
    assert resp.status_code in (200, 400) and "Skriv en tittel." in resp.get_data(as_text=True)
