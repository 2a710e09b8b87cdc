"""Account forms: field-level validation only (uniqueness and passwords are checked in services)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from portal.forms import BaseForm

MIN_PASSWORD = 10
LOCALES = [("nb", "Norsk (bokmål)"), ("en", "English")]


def _email_filter(value):
    return value.strip().lower() if isinstance(value, str) else value


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label=None):
    return EmailField(
        label or _l("E-postadresse"),
        filters=[_email_filter],
        validators=[
            DataRequired(_l("Skriv inn e-postadressen din.")),
            Length(max=254, message=_l("E-postadressen kan ha høyst 254 tegn.")),
            Email(_l("Skriv inn en gyldig e-postadresse, for eksempel navn@eksempel.no.")),
        ],
    )


def _new_password_fields(label):
    password = PasswordField(
        label,
        validators=[
            InputRequired(_l("Skriv inn et passord.")),
            Length(min=MIN_PASSWORD, message=_l("Passordet må ha minst %(n)s tegn.", n=MIN_PASSWORD)),
            Length(max=200, message=_l("Passordet kan ha høyst 200 tegn.")),
        ],
    )
    repeat = PasswordField(
        _l("Gjenta passordet"),
        validators=[
            InputRequired(_l("Skriv inn passordet en gang til.")),
            EqualTo("password", message=_l("Passordene er ikke like.")),
        ],
    )
    return password, repeat


def _name_field():
    return StringField(
        _l("Navn"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Skriv inn navnet ditt.")),
            Length(max=200, message=_l("Navnet kan ha høyst 200 tegn.")),
        ],
    )


def _current_password_field(label=None):
    return PasswordField(
        label or _l("Nåværende passord"),
        validators=[InputRequired(_l("Skriv inn passordet ditt."))],
    )


class _LocaleField(SelectField):
    def pre_validate(self, form):
        if self.data not in dict(LOCALES):
            raise ValidationError(_l("Velg et språk fra listen."))


class RegisterForm(BaseForm):
    name = _name_field()
    email = _email_field()
    password, password_repeat = _new_password_fields(_l("Passord"))


class LoginForm(BaseForm):
    email = _email_field()
    password = PasswordField(_l("Passord"), validators=[InputRequired(_l("Skriv inn passordet ditt."))])
    remember = BooleanField(_l("Husk meg"))


class ForgotPasswordForm(BaseForm):
    email = _email_field()


class ResetPasswordForm(BaseForm):
    password, password_repeat = _new_password_fields(_l("Nytt passord"))


class ProfileForm(BaseForm):
    name = _name_field()
    locale = _LocaleField(_l("Språk"), choices=LOCALES)


class ChangePasswordForm(BaseForm):
    current_password = _current_password_field()
    password, password_repeat = _new_password_fields(_l("Nytt passord"))


class ChangeEmailForm(BaseForm):
    email = _email_field(_l("Ny e-postadresse"))
    current_password = _current_password_field(_l("Passord"))


class DeleteAccountForm(BaseForm):
    current_password = _current_password_field(_l("Passord"))
    confirm = BooleanField(
        _l("Jeg forstår at kontoen og personopplysningene mine slettes for godt"),
        validators=[DataRequired(_l("Kryss av for å bekrefte at du vil slette kontoen."))],
    )


class PostForm(BaseForm):
    """A form with only the CSRF token (buttons that POST)."""
