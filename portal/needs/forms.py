"""Forms for the guided need editor (one form per step), status changes, attachments and co-buyers."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import BaseForm
from portal.needs.labels import KIND_LABELS, PROCEDURE_LABELS, STATUS_LABELS, THRESHOLD_LABELS
from portal.reference import counties, cpv_label, cpv_search, municipalities, normalise_cpv

CODE_RE = re.compile(r"^\s*(\d{8})(?:-\d)?\b")
SPLIT_RE = re.compile(r"[,;\n]+")
MAX_NOK = 10**13


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def parse_cpv_token(token: str) -> str:
    """'45000000', '45000000-7', '45000000 Bygge…' or a word with exactly one match → the code."""
    token = token.strip()
    m = CODE_RE.match(token)
    if m:
        code = normalise_cpv(m.group(1))
        if code is None:
            raise ValidationError(_l("Fant ingen CPV-kode %(code)s. Søk etter riktig kode over.", code=m.group(1)))
        return code
    hits = cpv_search(token, limit=6)
    if len(hits) == 1:
        return hits[0][0]
    if not hits:
        raise ValidationError(_l("Fant ingen CPV-kode for «%(text)s». Prøv et annet ord eller skriv koden.",
                                 text=token))
    suggestions = "; ".join(f"{c} {label}" for c, label in hits[:5])
    raise ValidationError(_l("«%(text)s» passer med flere koder. Skriv en av dem, for eksempel: %(list)s",
                             text=token, list=suggestions))


class CpvField(StringField):
    """One CPV code typed as a code or as words."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.code = None

    def pre_validate(self, form):
        self.code = parse_cpv_token(self.data) if (self.data or "").strip() else None


class CpvListField(TextAreaField):
    """Several CPV codes separated by commas or new lines."""

    def _value(self):
        if isinstance(self.data, list):
            return "\n".join(f"{c} {cpv_label(c)}" for c in self.data)
        return self.data or ""

    def pre_validate(self, form):
        text = self.data if isinstance(self.data, str) else "\n".join(self.data or [])
        codes = []
        for token in SPLIT_RE.split(text):
            if token.strip():
                code = parse_cpv_token(token)
                if code not in codes:
                    codes.append(code)
        self.codes = codes


def _choices(labels: dict, blank: str | None = None):
    out = [("", blank)] if blank is not None else []
    return out + [(k.value, v) for k, v in labels.items()]


class AboutForm(BaseForm):
    """Step 1: what the need is about."""

    kind = RadioField(_l("Hva vil dere melde?"), choices=_choices(KIND_LABELS), default="need",
                      validators=[InputRequired(_l("Velg behov eller planlagt anskaffelse."))])
    title = StringField(_l("Tittel"), validators=[DataRequired(_l("Skriv en tittel.")), Length(max=200)])
    summary = TextAreaField(_l("Kort oppsummering"), validators=[Optional(), Length(max=600)])
    problem_md = TextAreaField(_l("Problembeskrivelse"), validators=[Optional(), Length(max=20000)])
    effects = TextAreaField(_l("Ønskede effekter"), validators=[Optional(), Length(max=5000)])
    affected = TextAreaField(_l("Hvem berøres"), validators=[Optional(), Length(max=5000)])
    success_criteria = TextAreaField(_l("Suksesskriterier"), validators=[Optional(), Length(max=5000)])


def _place_choices():
    names = counties()
    groups: dict[str, list] = {}
    for number, (name, county) in sorted(municipalities().items(), key=lambda kv: kv[1][0]):
        groups.setdefault(names[county], []).append((number, name))
    return dict(sorted(groups.items()))


class CategoryForm(BaseForm):
    """Step 2: CPV codes and places of delivery."""

    # Codes suggested from the need's own text (portal.search.cpv_suggest); the view sets the choices.
    suggested = MultiCheckboxField(_l("Foreslåtte CPV-koder"), validators=[Optional()], validate_choice=False)
    cpv_main = CpvField(_l("Hovedkode (CPV)"), validators=[Optional(), Length(max=300)])
    cpv_additional = CpvListField(_l("Flere CPV-koder"), validators=[Optional(), Length(max=3000)])
    counties = MultiCheckboxField(_l("Hele fylker"), validators=[Optional()])
    municipalities = SelectMultipleField(_l("Kommuner"), validators=[Optional()])

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested.choices = [(c, f"{c} {label}") for c, label in suggestions]
        self.counties.choices = sorted(counties().items(), key=lambda kv: kv[1])
        self.municipalities.choices = _place_choices()

    def validate_suggested(self, field):
        if any(normalise_cpv(code) is None for code in field.data or []):
            raise ValidationError(_l("Velg blant de foreslåtte kodene."))

    def service_data(self) -> dict:
        """Ticked suggestions join the codes typed: the first becomes the main code when none is given."""
        main, additional = self.cpv_main.code, list(self.cpv_additional.codes)
        for code in (normalise_cpv(c) for c in self.suggested.data or []):
            if main is None:
                main = code
            elif code != main and code not in additional:
                additional.append(code)
        return {"cpv_main": main, "cpv_additional": additional,
                "places": list(self.counties.data or []) + list(self.municipalities.data or [])}


class ValueForm(BaseForm):
    """Step 3: value, timeline and procedure."""

    value_min_nok = IntegerField(_l("Estimert verdi fra (NOK)"), validators=[
        Optional(), NumberRange(min=0, max=MAX_NOK, message=_l("Skriv et beløp i hele kroner, 0 eller mer."))])
    value_max_nok = IntegerField(_l("Estimert verdi til (NOK)"), validators=[
        Optional(), NumberRange(min=0, max=MAX_NOK, message=_l("Skriv et beløp i hele kroner, 0 eller mer."))])
    threshold = SelectField(_l("Terskelverdi"), choices=_choices(THRESHOLD_LABELS, _l("Vet ikke ennå")),
                            validators=[Optional()])
    dialogue_start = DateField(_l("Dialogperiode fra"), validators=[Optional()])
    dialogue_end = DateField(_l("Dialogperiode til"), validators=[Optional()])
    planned_notice_date = DateField(_l("Planlagt kunngjøring"), validators=[Optional()])
    planned_contract_start = DateField(_l("Planlagt kontraktsstart"), validators=[Optional()])
    procedure = SelectField(_l("Planlagt prosedyre"), choices=_choices(PROCEDURE_LABELS, _l("Ikke bestemt")),
                            validators=[Optional()])
    is_innovation = BooleanField(_l("Vi ønsker innovative løsninger"))
    lots_planned = IntegerField(_l("Antall planlagte delkontrakter"), validators=[
        Optional(), NumberRange(min=0, max=1000, message=_l("Skriv et tall mellom 0 og 1000."))])
    lots_notes = TextAreaField(_l("Om delkontraktene"), validators=[Optional(), Length(max=5000)])

    def validate_value_max_nok(self, field):
        low = self.value_min_nok.data
        if field.data is not None and low is not None and low > field.data:
            raise ValidationError(_l("«Til»-beløpet må være minst like stort som «fra»-beløpet."))

    def validate_dialogue_end(self, field):
        if field.data and self.dialogue_start.data and field.data < self.dialogue_start.data:
            raise ValidationError(_l("Dialogperioden må slutte etter at den starter."))


class RequirementsForm(BaseForm):
    """Step 4: sustainability and social requirements."""

    env_weight_pct = IntegerField(_l("Vekt på miljø (%)"), validators=[
        Optional(), NumberRange(min=0, max=100, message=_l("Skriv et tall mellom 0 og 100."))])
    eco_labels = StringField(_l("Ønskede miljømerker"), validators=[Optional(), Length(max=500)])
    circular_notes = TextAreaField(_l("Sirkulær økonomi"), validators=[Optional(), Length(max=5000)])
    wants_apprentices = BooleanField(_l("Vi vil stille krav om lærlinger"))
    is_reserved_social = BooleanField(
        _l("Kontrakten kan reserveres for sosiale entreprenører / arbeidsinkluderingsbedrifter"))
    social_notes = TextAreaField(_l("Andre sosiale krav"), validators=[Optional(), Length(max=5000)])


class ContactForm(BaseForm):
    """Step 5: contact person."""

    contact_name = StringField(_l("Kontaktperson"), validators=[Optional(), Length(max=200)])
    contact_email = EmailField(_l("E-post"), validators=[
        Optional(), Email(_l("Skriv en gyldig e-postadresse, for eksempel navn@kommune.no.")), Length(max=254)])
    contact_phone = StringField(_l("Telefon"), validators=[Optional(), Length(max=40)])


# (slug, title, form class) in the order the guided form walks through them.
STEPS = [
    ("om", _l("Om behovet"), AboutForm),
    ("kategori", _l("Kategori og sted"), CategoryForm),
    ("verdi", _l("Verdi og tidsplan"), ValueForm),
    ("krav", _l("Bærekraft og sosiale krav"), RequirementsForm),
    ("kontakt", _l("Kontakt og vedlegg"), ContactForm),
]


def step_data(form) -> dict:
    """The service data of a validated step form."""
    if isinstance(form, CategoryForm):
        return form.service_data()
    return {name: f.data for name, f in form._fields.items() if name != "csrf_token"}


class AttachmentForm(BaseForm):
    file = FileField(_l("Vedlegg (PDF, DOCX, XLSX eller ODT, høyst 20 MB)"),
                     validators=[FileRequired(_l("Velg en fil."))])


class StatusForm(BaseForm):
    status = RadioField(_l("Ny status"), validators=[InputRequired(_l("Velg en ny status."))])
    doffin_reference = StringField(_l("Doffin-referanse"), validators=[Optional(), Length(max=100)])
    reason = TextAreaField(_l("Begrunnelse"), validators=[Optional(), Length(max=2000)])

    def __init__(self, allowed, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(s.value, STATUS_LABELS[s]) for s in allowed]


class CancelForm(BaseForm):
    reason = TextAreaField(_l("Begrunnelse"), validators=[DataRequired(_l("Skriv hvorfor behovet avlyses.")),
                                                          Length(max=2000)])


def _int_or_none(value):
    return int(value) if str(value).isdigit() else None


class CoBuyerForm(BaseForm):
    organisation_id = SelectField(_l("Organisasjon"), coerce=_int_or_none,
                                  validators=[DataRequired(_l("Velg en organisasjon."))])


class ConfirmForm(BaseForm):
    """A button with a CSRF token (publish, delete, confirm, decline)."""
