"""Forms for saved searches: a name and how often to be told."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.alerts.models import Frequency
from portal.forms import BaseForm

FREQUENCY_CHOICES = [
    (Frequency.IMMEDIATE.value, _l("Med en gang (e-post når noe nytt dukker opp)")),
    (Frequency.DAILY.value, _l("Daglig oppsummering (én e-post om morgenen)")),
    (Frequency.PORTAL.value, _l("Bare i portalen (ingen e-post)")),
]
FREQUENCY_LABELS = {
    Frequency.IMMEDIATE: _l("Med en gang"),
    Frequency.DAILY: _l("Daglig oppsummering"),
    Frequency.PORTAL: _l("Bare i portalen"),
}


class FollowForm(BaseForm):
    """Follow new suppliers for a need: only how often."""

    frequency = RadioField(_l("Varsle meg"), choices=FREQUENCY_CHOICES, default=Frequency.IMMEDIATE.value,
                           validators=[InputRequired(_l("Velg hvor ofte du vil bli varslet."))])


class SavedSearchForm(FollowForm):
    name = StringField(_l("Navn på søket"), validators=[
        DataRequired(_l("Gi søket et navn.")), Length(max=100, message=_l("Navnet kan ha høyst 100 tegn."))])
