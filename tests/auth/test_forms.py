"""Field-level validation of the account forms, with Norwegian messages."""

import pytest

from portal.auth import forms

GOOD = {"name": "Kari Nordmann", "email": " Kari@Example.NO ", "password": "lang-nok-passord",
        "password_repeat": "lang-nok-passord"}


class _Checked:
    def __init__(self, form):
        self.data = {f.name: f.data for f in form}
        self.errors = {k: [str(m) for m in v] for k, v in form.errors.items()}


def _form(app, cls, data, **kw):
    with app.test_request_context(method="POST", data=data):
        form = cls(**kw)
        form.validate()
        return _Checked(form)


def test_register_form_accepts_good_data_and_normalises_email(app):
    form = _form(app, forms.RegisterForm, GOOD)
    assert not form.errors
    assert form.data["email"] == "kari@example.no"


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"password": "kort", "password_repeat": "kort"}, "password", "minst 10 tegn"),
        ({"password_repeat": "noe-annet-helt"}, "password_repeat", "Passordene er ikke like"),
        ({"email": "ikke-en-adresse"}, "email", "gyldig e-postadresse"),
        ({"email": ""}, "email", "Skriv inn e-postadressen din"),
        ({"name": "   "}, "name", "Skriv inn navnet ditt"),
    ],
)
def test_register_form_errors_are_norwegian_and_at_the_field(app, change, field, message):
    form = _form(app, forms.RegisterForm, {**GOOD, **change})
    assert message in form.errors[field][0]


def test_login_form_requires_both_fields(app):
    form = _form(app, forms.LoginForm, {"email": "", "password": ""})
    assert "Skriv inn e-postadressen din." in form.errors["email"]
    assert "Skriv inn passordet ditt." in form.errors["password"]


def test_profile_form_refuses_unknown_language(app):
    form = _form(app, forms.ProfileForm, {"name": "Kari", "locale": "xx"})
    assert form.errors["locale"] == ["Velg et språk fra listen."]


def test_delete_form_needs_the_checkbox(app):
    form = _form(app, forms.DeleteAccountForm, {"current_password": "x"})
    assert "Kryss av" in form.errors["confirm"][0]
