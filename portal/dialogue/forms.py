"""Forms for market dialogue: field-level validation with clear Norwegian messages."""

from datetime import UTC, date, datetime, time

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
    ValidationError,
    widgets,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional

from portal.dialogue.slots import OSLO, wall_time_problem
from portal.forms import BaseForm


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def oslo_to_utc(value: datetime | None) -> datetime | None:
    """A naive datetime-local value read as Europe/Oslo wall time → aware UTC."""
    return value.replace(tzinfo=OSLO).astimezone(UTC) if value else None


def utc_to_local(value: datetime | None) -> datetime | None:
    return value.astimezone(OSLO).replace(tzinfo=None) if value else None


WALL_TIME_ERRORS = {
    "missing": _l("Klokkeslettet finnes ikke denne dagen: klokka stilles fram fra 02:00 til 03:00 (sommertid). "
                  "Velg et annet klokkeslett."),
    "ambiguous": _l("Klokkeslettet finnes to ganger denne natten: klokka stilles tilbake fra 03:00 til 02:00 "
                    "(vintertid). Velg et klokkeslett før 02:00 eller fra 03:00."),
}


def wall_time_error(day: date, at: time) -> str | None:
    """The field message when `at` on `day` is skipped or repeated in Europe/Oslo (calendars would disagree)."""
    problem = wall_time_problem(day, at)
    return str(WALL_TIME_ERRORS[problem]) if problem else None


def _exists(form, field) -> None:
    if field.data and (error := wall_time_error(field.data.date(), field.data.time())):
        raise ValidationError(error)


def parse_emails(text: str) -> tuple[list[str], list[str]]:
    """(valid, invalid) addresses from free text separated by commas, semicolons or lines."""
    valid, invalid = [], []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        raw = raw.strip()
        if not raw:
            continue
        try:
            valid.append(validate_email(raw, check_deliverability=False).normalized)
        except EmailNotValidError:
            invalid.append(raw)
    return valid, invalid


def parse_participants(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Lines of «Navn, e-post» (e-post optional) → ([(name, email)], bad lines)."""
    people, bad = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        name, _sep, email = line.rpartition(",") if "@" in line else (line, "", "")
        name, email = name.strip(), email.strip()
        if email:
            try:
                email = validate_email(email, check_deliverability=False).normalized
            except EmailNotValidError:
                bad.append(line)
                continue
        if not name or len(name) > 200:
            bad.append(line)
            continue
        people.append((name, email))
    return people, bad


KIND_CHOICES = [("conference", _l("Dialogkonferanse")), ("one_to_one", _l("En-til-en-møter")),
                ("both", _l("Begge deler"))]
FORMAT_CHOICES = [("physical", _l("Fysisk")), ("digital", _l("Digitalt")), ("hybrid", _l("Hybrid"))]
VISIBILITY_CHOICES = [("public", _l("Åpent for alle leverandører")), ("invited", _l("Bare for inviterte"))]


class EventForm(BaseForm):
    title = StringField(_l("Tittel"), validators=[DataRequired(_l("Skriv en tittel.")), Length(max=200)])
    kind = RadioField(_l("Type arrangement"), choices=KIND_CHOICES, default="conference",
                      validators=[InputRequired(_l("Velg type arrangement."))])
    format = RadioField(_l("Form"), choices=FORMAT_CHOICES, default="physical",
                        validators=[InputRequired(_l("Velg fysisk, digitalt eller hybrid."))])
    visibility = RadioField(_l("Hvem kan se og melde seg på"), choices=VISIBILITY_CHOICES, default="public",
                            validators=[InputRequired(_l("Velg synlighet."))])
    agenda_md = TextAreaField(_l("Program og agenda"), validators=[Optional(), Length(max=20000)])
    address = StringField(_l("Adresse"), validators=[Optional(), Length(max=300)])
    meeting_link = URLField(_l("Møtelenke"), validators=[Optional(), URL(message=_l("Skriv en gyldig lenke, f.eks. https://...")), Length(max=500)])
    starts = DateTimeLocalField(_l("Konferansen starter"), validators=[Optional(), _exists])
    ends = DateTimeLocalField(_l("Konferansen slutter"), validators=[Optional(), _exists])
    registration_deadline = DateTimeLocalField(_l("Påmeldingsfrist"), validators=[
        DataRequired(_l("Skriv dato og klokkeslett for påmeldingsfristen.")), _exists])
    capacity_people = IntegerField(_l("Maks antall personer"), validators=[Optional(), NumberRange(1, 100000, _l("Skriv et tall fra 1 og oppover."))])
    capacity_orgs = IntegerField(_l("Maks antall organisasjoner"), validators=[Optional(), NumberRange(1, 100000, _l("Skriv et tall fra 1 og oppover."))])
    max_per_org = IntegerField(_l("Maks deltakere per organisasjon"), validators=[Optional(), NumberRange(1, 1000, _l("Skriv et tall fra 1 og oppover."))])
    reminder_hours = IntegerField(_l("Påminnelse (timer før)"), default=24, validators=[
        InputRequired(_l("Skriv antall timer (0 = ingen påminnelse).")), NumberRange(0, 168, _l("Skriv et tall fra 0 til 168."))])

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        if self.kind.data in ("conference", "both"):
            if not self.starts.data:
                self.starts.errors.append(_l("Skriv når konferansen starter."))
            if not self.ends.data:
                self.ends.errors.append(_l("Skriv når konferansen slutter."))
            if self.starts.data and self.ends.data and self.ends.data <= self.starts.data:
                self.ends.errors.append(_l("Slutt må være etter start."))
            if self.starts.data and self.registration_deadline.data and self.registration_deadline.data > self.starts.data:
                self.registration_deadline.errors.append(_l("Fristen kan ikke være etter at konferansen starter."))
        if self.format.data in ("physical", "hybrid") and not (self.address.data or "").strip():
            self.address.errors.append(_l("Skriv adressen for det fysiske møtet."))
        link = (self.meeting_link.data or "").strip()
        if self.format.data in ("digital", "hybrid") and not link:
            self.meeting_link.errors.append(_l("Skriv møtelenken (den vises bare for påmeldte)."))
        elif link and not link.lower().startswith(("https://", "http://")):
            self.meeting_link.errors.append(_l("Møtelenken må begynne med https:// eller http://."))
        return not any(f.errors for f in self)

    def to_data(self) -> dict:
        conference = self.kind.data in ("conference", "both")
        return {
            "title": self.title.data.strip(), "kind": self.kind.data, "format": self.format.data,
            "visibility": self.visibility.data, "agenda_md": self.agenda_md.data or "",
            "address": (self.address.data or "").strip() if self.format.data != "digital" else "",
            "meeting_link": (self.meeting_link.data or "").strip() if self.format.data != "physical" else "",
            "starts_dt": oslo_to_utc(self.starts.data) if conference else None,
            "ends_dt": oslo_to_utc(self.ends.data) if conference else None,
            "registration_deadline_dt": oslo_to_utc(self.registration_deadline.data),
            "capacity_people": self.capacity_people.data, "capacity_orgs": self.capacity_orgs.data,
            "max_per_org": self.max_per_org.data, "reminder_hours": self.reminder_hours.data,
        }

    def fill(self, event) -> None:
        for key in ("title", "agenda_md", "address", "meeting_link", "capacity_people", "capacity_orgs",
                    "max_per_org", "reminder_hours"):
            getattr(self, key).data = getattr(event, key)
        self.kind.data, self.format.data, self.visibility.data = str(event.kind), str(event.format), str(event.visibility)
        self.starts.data, self.ends.data = utc_to_local(event.starts_dt), utc_to_local(event.ends_dt)
        self.registration_deadline.data = utc_to_local(event.registration_deadline_dt)


class WindowForm(BaseForm):
    day = DateField(_l("Dato"), validators=[DataRequired(_l("Velg en dato."))])
    start_time = TimeField(_l("Fra klokken"), validators=[DataRequired(_l("Skriv når du er tilgjengelig fra."))])
    end_time = TimeField(_l("Til klokken"), validators=[DataRequired(_l("Skriv når du er tilgjengelig til."))])
    slot_minutes = IntegerField(_l("Møtelengde (minutter)"), default=45, validators=[
        InputRequired(_l("Skriv møtelengden.")), NumberRange(5, 480, _l("Skriv et tall fra 5 til 480."))])
    break_minutes = IntegerField(_l("Pause mellom møter (minutter)"), default=15, validators=[
        InputRequired(_l("Skriv pausen (0 for ingen).")), NumberRange(0, 240, _l("Skriv et tall fra 0 til 240."))])
    rooms = IntegerField(_l("Antall parallelle rom eller team"), default=1, validators=[
        InputRequired(_l("Skriv antall rom.")), NumberRange(1, 20, _l("Skriv et tall fra 1 til 20."))])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        for f in (self.start_time, self.end_time):
            if error := wall_time_error(self.day.data, f.data):
                f.errors.append(error)
        if self.end_time.data <= self.start_time.data:
            self.end_time.errors.append(_l("Slutt må være etter start."))
        return not any(f.errors for f in self)


class RegistrationForm(BaseForm):
    participants = TextAreaField(
        _l("Deltakere"), validators=[DataRequired(_l("Skriv minst én deltaker.")), Length(max=10000)])

    def validate_participants(self, field):
        people, bad = parse_participants(field.data)
        if bad:
            raise ValidationError(_l("Kontroller linjen «%(line)s»: skriv navn, komma og e-post.", line=bad[0]))
        if not people:
            raise ValidationError(_l("Skriv minst én deltaker."))
        self.people = people


class BookingForm(BaseForm):
    participants_text = TextAreaField(_l("Hvem kommer fra dere"), validators=[Optional(), Length(max=2000)])
    topic = TextAreaField(_l("Hva vil dere ta opp"), validators=[Optional(), Length(max=4000)])


class BuyerCancelForm(BaseForm):
    reason = TextAreaField(_l("Begrunnelse til leverandøren"), validators=[
        DataRequired(_l("Skriv en begrunnelse.")), Length(max=2000)])


class RolesForm(BaseForm):
    answerers = MultiCheckboxField(_l("Svarer"), coerce=int)
    observers = MultiCheckboxField(_l("Observatør"), coerce=int)
    minute_takers = MultiCheckboxField(_l("Referent"), coerce=int)


class MinutesForm(BaseForm):
    minutes_md = TextAreaField(_l("Internt referat"), validators=[Optional(), Length(max=50000)])


class InviteForm(BaseForm):
    organisations = MultiCheckboxField(_l("Leverandører"), coerce=int)
    emails = TextAreaField(_l("Inviter på e-post"), validators=[Optional(), Length(max=10000)])

    def validate_emails(self, field):
        _valid, invalid = parse_emails(field.data or "")
        if invalid:
            raise ValidationError(_l("Ugyldig e-postadresse: %(a)s", a=invalid[0]))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not self.organisations.data and not (self.emails.data or "").strip():
            self.emails.errors.append(_l("Velg minst én leverandør eller skriv en e-postadresse."))
            return False
        return ok


class DocumentForm(BaseForm):
    kind = SelectField(_l("Type dokument"), choices=[
        ("invitation", _l("Invitasjon")), ("slides", _l("Presentasjon")), ("material", _l("Materiell etter arrangementet"))])
    file = FileField(_l("Fil (PDF, DOCX, XLSX eller ODT, høyst 20 MB)"), validators=[FileRequired(_l("Velg en fil."))])


class SummaryForm(BaseForm):
    summary_md = TextAreaField(_l("Referat og oppsummering"), validators=[
        DataRequired(_l("Skriv referatet.")), Length(max=50000)])


class QuestionForm(BaseForm):
    question = TextAreaField(_l("Ditt spørsmål"), validators=[DataRequired(_l("Skriv spørsmålet.")), Length(max=4000)])


class AnswerForm(BaseForm):
    question = TextAreaField(_l("Spørsmål slik det publiseres"), validators=[
        DataRequired(_l("Spørsmålet kan ikke være tomt.")), Length(max=4000)])
    answer = TextAreaField(_l("Svar"), validators=[DataRequired(_l("Skriv svaret.")), Length(max=20000)])


class EmptyForm(BaseForm):
    """CSRF only."""

