"""Forms for organisations, invitations and the verification queue (field-level checks only)."""

from flask_babel import lazy_gettext as _l
from stdnum.no import orgnr as stdnum_orgnr
from wtforms import EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Email, Length, Optional, ValidationError

from portal.forms import BaseForm
from portal.organisations.models import OrgKind
from portal.reference import municipality_choices

BUYER_KINDS = {
    OrgKind.KOMMUNE: _l("Kommune"),
    OrgKind.FYLKESKOMMUNE: _l("Fylkeskommune"),
    OrgKind.STATLIG: _l("Statlig virksomhet"),
    OrgKind.HELSEFORETAK: _l("Helseforetak"),
    OrgKind.ANNEN_OFFENTLIG: _l("Annen offentlig virksomhet"),
}
SUPPLIER_KINDS = {
    OrgKind.BEDRIFT: _l("Bedrift"),
    OrgKind.SOSIAL_ENTREPRENOR: _l("Sosial entreprenør"),
    OrgKind.IDEELL: _l("Ideell eller frivillig organisasjon"),
}
KIND_LABELS = {**BUYER_KINDS, **SUPPLIER_KINDS}

ORGNR_INVALID = _l(
    "Organisasjonsnummeret er ikke gyldig. Det skal være 9 siffer, slik det står i Enhetsregisteret."
)
ORGNR_TAKEN = _l("En organisasjon med dette organisasjonsnummeret er allerede registrert.")


def compact_orgnr(value: str | None) -> str:
    """'974 760 673' → '974760673' (spaces, dots and dashes removed)."""
    return stdnum_orgnr.compact(value or "").replace(".", "")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _with_scheme(value):
    """Accept 'www.example.no' by adding https:// (users rarely type the scheme)."""
    value = _strip(value)
    if value and "://" not in value:
        return "https://" + value
    return value or None


def web_scheme(form, field):
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Nettadressen må begynne med http:// eller https://."))


def valid_orgnr(form, field):
    if not stdnum_orgnr.is_valid(compact_orgnr(field.data)):
        raise ValidationError(ORGNR_INVALID)


class OrganisationForm(BaseForm):
    kind = SelectField(
        _l("Type organisasjon"),
        choices=[],
        validators=[DataRequired(_l("Velg hva slags organisasjon dette er."))],
    )
    name = StringField(
        _l("Navn på organisasjonen"),
        filters=[_strip],
        validators=[DataRequired(_l("Skriv navnet på organisasjonen.")),
                    Length(max=200, message=_l("Navnet kan ha høyst 200 tegn."))],
    )
    orgnr = StringField(
        _l("Organisasjonsnummer"),
        filters=[_strip],
        validators=[DataRequired(_l("Skriv organisasjonsnummeret (9 siffer).")), valid_orgnr],
    )
    municipality = SelectField(
        _l("Kommune"),
        choices=[],
        validators=[DataRequired(_l("Velg kommunen organisasjonen holder til i."))],
    )
    website = URLField(
        _l("Nettside"),
        filters=[_with_scheme],
        validators=[Optional(), web_scheme, URL(message=_l("Skriv en gyldig nettadresse, for eksempel https://www.eksempel.no.")),
                    Length(max=300, message=_l("Nettadressen kan ha høyst 300 tegn."))],
    )
    contact_email = EmailField(
        _l("E-post for henvendelser"),
        filters=[_lower],
        validators=[DataRequired(_l("Skriv en e-postadresse organisasjonen kan kontaktes på.")),
                    Email(_l("Skriv en gyldig e-postadresse, for eksempel post@eksempel.no.")),
                    Length(max=254, message=_l("E-postadressen er for lang."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("Velg type"))] + [(k.value, v) for k, v in KIND_LABELS.items()]
        self.municipality.choices = [("", _l("Velg kommune"))] + municipality_choices()

    def to_data(self) -> dict:
        return {
            "kind": OrgKind(self.kind.data),
            "name": self.name.data,
            "orgnr": compact_orgnr(self.orgnr.data),
            "municipality": self.municipality.data,
            "website": self.website.data or None,
            "contact_email": self.contact_email.data,
        }


class InviteForm(BaseForm):
    email = EmailField(
        _l("E-postadresse"),
        filters=[_lower],
        validators=[DataRequired(_l("Skriv e-postadressen til den du vil invitere.")),
                    Email(_l("Skriv en gyldig e-postadresse, for eksempel kari@eksempel.no.")),
                    Length(max=254, message=_l("E-postadressen er for lang."))],
    )


class RejectForm(BaseForm):
    reason = TextAreaField(
        _l("Begrunnelse"),
        filters=[_strip],
        validators=[DataRequired(_l("Skriv hvorfor organisasjonen avvises. Begrunnelsen sendes til organisasjonen.")),
                    Length(max=1000, message=_l("Begrunnelsen kan ha høyst 1000 tegn."))],
    )
