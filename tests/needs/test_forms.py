"""Form validation: the CPV fields accept codes (with or without check digit) or words."""

import pytest
from werkzeug.datastructures import MultiDict

from portal.needs.forms import AboutForm, CategoryForm, ValueForm

pytestmark = pytest.mark.usefixtures("app")


def _form(cls, app, **data):
    with app.test_request_context(method="POST"):
        form = cls(formdata=MultiDict(data))
        return form, form.validate()


def test_cpv_codes_with_check_digits_and_labels(app):
    form, ok = _form(CategoryForm, app, cpv_main="45000000-7",
                     cpv_additional="45233000 Vei\n90620000-9, 71311000", municipalities="4601")
    assert ok, form.errors
    assert form.service_data() == {"cpv_main": "45000000", "cpv_additional": ["45233000", "90620000", "71311000"],
                                   "places": ["4601"]}


def test_cpv_word_with_many_hits_lists_suggestions(app):
    form, ok = _form(CategoryForm, app, cpv_main="renhold")
    assert not ok and "passer med flere koder" in form.cpv_main.errors[0]
    form, ok = _form(CategoryForm, app, cpv_main="99999999")
    assert not ok and "Fant ingen CPV-kode" in form.cpv_main.errors[0]


def test_unknown_municipality_is_refused(app):
    form, ok = _form(CategoryForm, app, municipalities="9999")
    assert not ok and form.municipalities.errors


def test_title_required_and_value_order(app):
    form, ok = _form(AboutForm, app, kind="need", title="  ")
    assert not ok and form.title.errors == ["Skriv en tittel."]
    form, ok = _form(ValueForm, app, value_min_nok="10", value_max_nok="5")
    assert not ok and form.value_max_nok.errors
    form, ok = _form(ValueForm, app, value_min_nok="-3", env_weight_pct="x")
    assert not ok and form.value_min_nok.errors
