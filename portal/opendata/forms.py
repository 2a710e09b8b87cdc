"""Forms: the Innsikt filters (GET, no CSRF) and naming a new API key."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.forms import BaseForm
from portal.reference import counties


class DayField(DateField):
    """A date (YYYY-MM-DD) with a Norwegian message when it cannot be read."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            self.data = None
            raise ValueError(_l("Skriv datoen som åååå-mm-dd (for eksempel 2025-03-01), eller velg den i kalenderen.")) from exc


class InsightFilterForm(BaseForm):
    class Meta:
        csrf = False

    fra = DayField(_l("Fra dato"), validators=[Optional()], render_kw={"type": "date"})
    til = DayField(_l("Til dato"), validators=[Optional()], render_kw={"type": "date"})
    fylke = SelectField(_l("Fylke"), validators=[Optional()], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fylke.choices = [("", _l("Hele landet"))] + sorted(counties().items(), key=lambda kv: kv[1])

    def validate_fylke(self, field):
        if field.data and field.data not in counties():
            raise ValidationError(_l("Velg et fylke fra listen."))

    def validate_til(self, field):
        if field.data and self.fra.data and field.data < self.fra.data:
            raise ValidationError(_l("Til-datoen må være etter fra-datoen."))


class ApiKeyForm(BaseForm):
    name = StringField(_l("Navn på nøkkelen"), validators=[
        DataRequired(message=_l("Gi nøkkelen et navn, for eksempel navnet på saksbehandlingssystemet.")),
        Length(max=100, message=_l("Navnet kan ha høyst 100 tegn.")),
    ])
