"""The base of every form: control characters cleaned from what users type, before validation."""

from collections.abc import Callable

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField

from portal.text import multi_line, single_line


def _keep_other_types(clean: Callable[[str], str]) -> Callable[[object], object]:
    def text_filter(value: object) -> object:
        return clean(value) if isinstance(value, str) else value

    return text_filter


SINGLE_LINE = _keep_other_types(single_line)
MULTI_LINE = _keep_other_types(multi_line)


class BaseForm(FlaskForm):
    """Single-line fields lose line breaks, tabs and NUL; text areas keep line breaks and tabs only.

    Mail subjects, CSV cells and PostgreSQL text (which refuses NUL) then never see a control
    character. Passwords are hashed, never shown, and stay exactly as typed.
    """

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs) -> None:
        """A text field missing from a submitted form counts as empty, as a browser would send it
        (None would reach NOT NULL columns)."""
        super().process(formdata, obj, data, extra_filters, **kwargs)
        # Flask-WTF hands over no form data for a POST with an empty body: that is a submission too.
        submitted = self.meta.wrap_formdata(self, formdata)
        if submitted is None:
            if not self.is_submitted():
                return
            submitted = {}
        for field in self:
            if isinstance(field, StringField) and field.data is None and field.name not in submitted:
                field.data = ""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, StringField) and not issubclass(field_class, PasswordField):
                text_filter = MULTI_LINE if issubclass(field_class, TextAreaField) else SINGLE_LINE
                filters = unbound_field.kwargs.get("filters") or ()
                options = {**options, "filters": [text_filter, *filters]}  # first: strip filters see clean text
            return super().bind_field(form, unbound_field, options)
