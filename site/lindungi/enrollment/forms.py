"""The small enrollment forms (who is applying, contact, consent, send, status lookup) and the
pieces every enrollment form shares: required choices and the three-box date of birth."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import email_validator
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, StopValidation

from lindungi.core.reference import normalise_reference
from lindungi.enrollment.choices import APPLICANT_RELATIONSHIPS, options
from lindungi.enrollment.text import InputError, clean_name, parse_date_parts, parse_phone
from lindungi.forms import BaseForm
from lindungi.outbox.labels import CHANNEL_LABELS
from lindungi.outbox.models import Channel


def add_error(field: Field, message: Any) -> None:
    """Add a message to a field after validation (checks that need the draft or database)."""
    field.errors = [*field.errors, str(message)]


class ChosenFrom:
    """A required choice: one message whether nothing or something unknown was sent (a tampered
    form gets the same plain message as an empty one)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, _form: BaseForm, field: Field) -> None:
        allowed = {str(value) for value, *_rest in _flat(field.choices)}
        if field.data in (None, "") or str(field.data) not in allowed:
            raise StopValidation(str(self.message))


def _flat(choices: Any) -> list[Any]:
    return list(choices or [])


def name_errors(field: Field, empty: Any, max_length: int = 120) -> str | None:
    """Clean a name field in place; return the message for a wrong one (None when fine)."""
    try:
        field.data = clean_name(field.data or "", max_length)
    except InputError as error:
        return str({
            "empty": empty,
            "characters": _l("Use letters only, as on the KTP (spaces, dots, commas, "
                             "apostrophes and hyphens are fine)"),
            "length": _l("The name is too long: use at most %(max)s characters",
                         max=max_length),
        }[error.code])
    return None


DATE_MESSAGES = {
    "empty": _l("Enter the worker's date of birth"),
    "missing_day": _l("The date of birth must include a day"),
    "missing_month": _l("The date of birth must include a month"),
    "missing_year": _l("The date of birth must include a year"),
    "digits": _l("Enter the date of birth with the digits 0 to 9, for example 27 3 1980"),
    "year_length": _l("Enter the year with 4 digits, for example 1980"),
    "not_real": _l("The date of birth must be a real date"),
    "future": _l("The date of birth must be in the past"),
}
# Which boxes to mark for each problem (the summary links to the first of them).
_DATE_PARTS = {
    "missing_day": ("day",), "missing_month": ("month",), "missing_year": ("year",),
    "year_length": ("year",),
}


def date_boxes() -> tuple[StringField, StringField, StringField]:
    """Day, month and year boxes (GOV.UK date input). Declared in each form's own body, where
    they belong in the page order (the error summary follows declaration order)."""
    return StringField(_l("Day")), StringField(_l("Month")), StringField(_l("Year"))


class BirthDateMixin:
    """Reading the birth_day, birth_month and birth_year boxes; digits 0-9 only."""

    birth_day: StringField
    birth_month: StringField
    birth_year: StringField
    date_error_parts: tuple[str, ...] = ()

    def read_birth_date(self, today: date) -> date | None:
        """The date, or None after putting the message on the first wrong box."""
        try:
            born = parse_date_parts(self.birth_day.data or "", self.birth_month.data or "",
                                    self.birth_year.data or "")
        except InputError as error:
            self.date_error(error.code)
            return None
        if born > today:
            self.date_error("future")
            return None
        return born

    def date_error(self, code: str, message: Any = None) -> None:
        self.date_error_parts = _DATE_PARTS.get(code, ("day", "month", "year"))
        first = getattr(self, f"birth_{self.date_error_parts[0]}")
        add_error(first, message or DATE_MESSAGES[code])

    def fill_birth_date(self, born: date | None) -> None:
        if born is not None:
            self.birth_day.data = str(born.day)
            self.birth_month.data = str(born.month)
            self.birth_year.data = str(born.year)


class ApplicantForm(BaseForm):
    who = RadioField(
        _l("Who is this request for?"),
        choices=options([("self", _l("For me: I am the worker")),
                         ("other", _l("For someone else: family, a neighbour, or someone I "
                                      "help"))]),
        validators=[ChosenFrom(_l("Select who the request is for"))], validate_choice=False,
    )
    applicant_name = StringField(_l("Your full name"))
    relationship = RadioField(_l("What are you to the worker?"), validate_choice=False,
                              choices=options(APPLICANT_RELATIONSHIPS))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.who.data != "other":
            return valid
        message = name_errors(self.applicant_name, _l("Enter your full name"))
        if message:
            add_error(self.applicant_name, message)
        if self.relationship.data not in APPLICANT_RELATIONSHIPS:
            add_error(self.relationship, _l("Select what you are to the worker"))
        return valid and not (self.applicant_name.errors or self.relationship.errors)


PHONE_MESSAGES = {
    "empty": _l("Enter a mobile number, like 0812 3456 7890"),
    "format": _l("Enter the number like 0812 3456 7890 or +62 812 3456 7890"),
    "foreign": _l("Enter an Indonesian number, starting with 08 or +62"),
    "not_mobile": _l("This is a landline number. Enter a mobile number, so staff can send "
                     "a text or WhatsApp message"),
}


def channel_field(label: Any, missing: Any) -> RadioField:
    """The channel a message goes by (lindungi.outbox); WhatsApp first, as most families use it."""
    return RadioField(
        label,
        choices=options((channel.value, text) for channel, text in CHANNEL_LABELS.items()),
        validators=[ChosenFrom(missing)],
        validate_choice=False,
    )


def phone_field() -> StringField:
    return StringField(_l("Mobile phone number"))


def email_field() -> StringField:
    return StringField(_l("Email address"))


class ChannelContactMixin:
    """What the contact step and the saved page's send-the-code form share: a channel, a mobile
    phone and an e-mail address (the fields come from the builders above, declared in each form
    in its own order), and their checks. Each form words what it sends in its own messages."""

    channel: RadioField
    phone: StringField
    email: StringField
    phone_e164 = ""
    EMAIL_MISSING: Any
    EMAIL_INVALID: Any

    @property
    def by_email(self) -> bool:
        return self.channel.data == Channel.EMAIL

    def phone_problem(self) -> str | None:
        """Read the phone as a mobile number (E.164 into `phone_e164`), else the message."""
        try:
            self.phone_e164 = parse_phone(self.phone.data or "", mobile_only=True)
        except InputError as error:
            return str(PHONE_MESSAGES[error.code])
        return None

    def email_problem(self) -> str | None:
        """Normalise the address (email-validator, no DNS look-up), else the message."""
        if not (self.email.data or "").strip():
            return str(self.EMAIL_MISSING)
        try:
            checked = email_validator.validate_email(self.email.data.strip(),
                                                     check_deliverability=False)
        except email_validator.EmailNotValidError:
            return str(self.EMAIL_INVALID)
        self.email.data = checked.normalized
        return None


class ContactForm(ChannelContactMixin, BaseForm):
    """The phone is always needed (staff call it); the address only for news by e-mail."""

    channel = channel_field(_l("How should we tell you when the request moves on?"),
                            _l("Select how we should send you news about the request"))
    phone = phone_field()
    email = email_field()
    preferred_lang = RadioField(
        _l("Which language should staff use?"),
        choices=options([("id", "Bahasa Indonesia"), ("en", "English")]),
        validators=[ChosenFrom(_l("Select a language"))], validate_choice=False,
    )
    EMAIL_MISSING = _l("Enter an email address, so we can send the news by email")
    EMAIL_INVALID = _l("Enter an email address like name@example.com, or leave it empty")

    def validate_phone(self, _field: Field) -> None:
        message = self.phone_problem()
        if message:
            raise StopValidation(message)

    def validate_email(self, field: Field) -> None:
        message = self.email_problem() if field.data else None
        if message:
            raise StopValidation(message)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.by_email and not self.email.errors and not self.email.data:
            add_error(self.email, self.EMAIL_MISSING)
            return False
        return valid


class ConsentForm(BaseForm):
    consent = BooleanField(_l(
        "I have read the privacy notice. I agree that Pemerintah Kota Makassar uses these "
        "details to handle this request."
    ))

    def __init__(self, *args: Any, on_behalf: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if on_behalf:
            # Recorded with the request (consent_on_behalf): the applicant agrees for others.
            self.consent.label.text = _(
                "I have read the privacy notice. I am sending this request for the workers named "
                "in it: they know about it and agree that Pemerintah Kota Makassar uses their "
                "details to handle it."
            )

    def validate_consent(self, field: Field) -> None:
        if not field.data:
            raise StopValidation(_(
                "Tick the box to agree. Without it the city cannot handle the request."
            ))


_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class SubmitForm(BaseForm):
    token = HiddenField()

    def validate_token(self, field: Field) -> None:
        if not _TOKEN.match(field.data or ""):
            # Never shown (the view sends the visitor back to the check page), but translated
            # like every other message.
            raise StopValidation(_("Send the request from the page that checks your answers."))


class StatusForm(BirthDateMixin, BaseForm):
    reference = StringField(
        _l("Reference number"),
        validators=[InputRequired(_l("Enter the reference number, for example LM-7K3Q-9F2X"))],
    )
    birth_day, birth_month, birth_year = date_boxes()
    birth_date: date | None = None

    def validate_reference(self, field: Field) -> None:
        # The check character catches a mistyped character before any database lookup; saying
        # so reveals nothing about which references exist.
        normalised = normalise_reference(field.data or "")
        if normalised is None:
            raise StopValidation(_(
                "This reference number is not right. Check each character: it looks like "
                "LM-7K3Q-9F2X."
            ))
        field.data = normalised

    def validate_for(self, today: date) -> bool:
        valid = self.validate()
        self.birth_date = self.read_birth_date(today)
        return valid and self.birth_date is not None
