"""Forms for the supplier profile, references, interest and input."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import BaseForm
from portal.reference import counties, cpv_label, cpv_search, municipality_choices, normalise_cpv
from portal.suppliers.choices import CERTIFICATIONS, LANGUAGES, SIZE_LABELS, TARGET_GROUPS

TOKEN_SPLIT = re.compile(r"[,;\n]+")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


CODE_RE = re.compile(r"\b(\d{8})(?:-\d)?\b")


def parse_cpv_text(text: str) -> tuple[list[str], list[str]]:
    """(codes, messages): codes found in free text; a message for every word query that is not a code.

    A line holding codes contributes those codes (labels after them are ignored); a line of words is
    split on commas and each part looked up with cpv_search to suggest codes.
    """
    codes, problems = [], []
    for line in (text or "").splitlines():
        found = CODE_RE.findall(line)
        if found:
            for code in found:
                norm = normalise_cpv(code)
                if norm:
                    codes.append(norm)
                else:
                    problems.append(_l("Fant ingen CPV-kode %(t)s.", t=code))
            continue
        for token in (t.strip() for t in TOKEN_SPLIT.split(line)):
            if not token:
                continue
            hits = cpv_search(token, limit=3)
            if hits:
                suggestions = ", ".join(f"{c} {label}" for c, label in hits)
                problems.append(_l("«%(t)s» er ikke en CPV-kode. Forslag: %(s)s", t=token, s=suggestions))
            else:
                problems.append(_l("Fant ingen CPV-kode for «%(t)s».", t=token))
    return list(dict.fromkeys(codes)), problems


def format_cpv_text(codes) -> str:
    return "\n".join(f"{c} – {cpv_label(c)}" for c in codes)


def _web(form, field):
    if field.data and not re.match(r"^https?://[^\s/]+\.[^\s]+$", field.data.strip()):
        raise ValidationError(_l("Skriv en fullstendig adresse som begynner med https://"))


class ProfileForm(BaseForm):
    capability_md = TextAreaField(_l("Hva dere kan (kompetanse og kapasitet)"), validators=[Length(max=10000)])
    products_services = TextAreaField(_l("Produkter og tjenester"), validators=[Length(max=5000)])
    cpv_text = TextAreaField(_l("CPV-koder"), validators=[Length(max=4000)])
    cpv_query = StringField(_l("Søk etter CPV-kode med ord"), validators=[Optional(), Length(max=100)])
    cpv_pick = MultiCheckboxField(_l("Treff i CPV-søket"), choices=[], validate_choice=False)
    nationwide = BooleanField(_l("Vi leverer i hele landet"))
    counties = SelectMultipleField(_l("Hele fylker dere leverer i"))
    municipalities = SelectMultipleField(_l("Enkeltkommuner dere leverer i"))
    size = SelectField(_l("Størrelse"), validators=[Optional()])
    is_social_enterprise = BooleanField(_l("Vi er en sosial entreprenør"))
    social_mission = TextAreaField(_l("Samfunnsoppdrag"), validators=[Length(max=3000)])
    target_groups = MultiCheckboxField(_l("Målgrupper"))
    is_reserved_eligible = BooleanField(
        _l("Vi kan delta i konkurranser om reserverte kontrakter (arbeidsintegrering)"))
    languages = MultiCheckboxField(_l("Språk dere kan levere på"))
    website = StringField(_l("Nettside"), validators=[Optional(), Length(max=300), _web])
    contact_name = StringField(_l("Kontaktperson"), validators=[Optional(), Length(max=200)])
    contact_email = EmailField(_l("E-post til kontaktperson"), validators=[
        Optional(), Length(max=254), Email(message=_l("Skriv en gyldig e-postadresse."))])
    contact_phone = StringField(_l("Telefon til kontaktperson"), validators=[Optional(), Length(max=40)])
    is_public = BooleanField(_l("Vis profilen i den offentlige leverandøroversikten"), default=True)
    logo = FileField(_l("Logo (PNG eller JPEG, høyst 2 MB)"))
    remove_logo = BooleanField(_l("Fjern logoen"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.counties.choices = sorted(counties().items(), key=lambda c: c[1])
        self.municipalities.choices = municipality_choices()
        self.size.choices = [("", _l("Velg størrelse"))] + [(k, v) for k, v in SIZE_LABELS.items()]
        self.target_groups.choices = list(TARGET_GROUPS.items())
        self.languages.choices = list(LANGUAGES.items())
        self.cpv_codes: list[str] = []

    def validate_cpv_text(self, field):
        self.cpv_codes, problems = parse_cpv_text(field.data)
        if problems:
            raise ValidationError(" ".join(str(p) for p in problems))

    def certification_data(self) -> dict:
        return {key: self[f"cert_{key}_until"].data for key in CERTIFICATIONS if self[f"cert_{key}"].data}

    def cert_fields(self):
        return [(key, label, self[f"cert_{key}"], self[f"cert_{key}_until"]) for key, label in CERTIFICATIONS.items()]


for _key, _label in CERTIFICATIONS.items():
    setattr(ProfileForm, f"cert_{_key}", BooleanField(_label))
    setattr(ProfileForm, f"cert_{_key}_until", DateField(
        _l("%(name)s gyldig til", name=_label), validators=[Optional()],
        render_kw={"autocomplete": "off"}))


class ReferenceForm(BaseForm):
    title = StringField(_l("Hva leverte dere?"), validators=[DataRequired(_l("Skriv hva dere leverte.")),
                                                              Length(max=200)])
    customer = StringField(_l("Kunde"), validators=[Optional(), Length(max=200)])
    is_public_buyer = BooleanField(_l("Kunden var en offentlig virksomhet"))
    year = IntegerField(_l("År"), validators=[Optional(), NumberRange(min=1950, max=2100,
                                                                     message=_l("Skriv et årstall, f.eks. 2023."))])
    description = TextAreaField(_l("Kort beskrivelse"), validators=[Optional(), Length(max=2000)])


class InterestForm(BaseForm):
    note = TextAreaField(_l("Kort melding til innkjøperen"), validators=[Optional(), Length(max=500)])


class InputForm(BaseForm):
    text = TextAreaField(_l("Innspill"), validators=[DataRequired(_l("Skriv innspillet ditt.")),
                                                     Length(max=20000)])
    attachment = FileField(_l("Vedlegg (PDF, DOCX, XLSX eller ODT, høyst 20 MB)"))
    is_confidential = BooleanField(_l("Innspillet inneholder forretningshemmeligheter (konfidensielt)"))


class ReplyForm(BaseForm):
    reply = TextAreaField(_l("Svar til leverandøren"), validators=[DataRequired(_l("Skriv et svar.")),
                                                                     Length(max=10000)])


class EmptyForm(BaseForm):
    """Just the CSRF token, for one-button forms."""
