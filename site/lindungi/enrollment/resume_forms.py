"""The saved page's form: where to send the code and link when the contact step has not been
answered yet (phone numbers checked with phonenumbers, e-mail addresses with email-validator)."""

from __future__ import annotations

from typing import Any

import email_validator
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, RadioField, StringField
from wtforms.validators import StopValidation

from lindungi.enrollment import resume
from lindungi.enrollment.choices import options
from lindungi.enrollment.forms import PHONE_MESSAGES, ChosenFrom, add_error
from lindungi.enrollment.text import InputError, parse_phone
from lindungi.forms import BaseForm
from lindungi.outbox.labels import CHANNEL_LABELS
from lindungi.outbox.models import Channel


class SendCodeForm(BaseForm):
    # The code shown on the page; the view accepts it only for this browser's own draft.
    code = HiddenField()
    channel = RadioField(
        _l("Send the code and the link by"),
        choices=options((channel.value, text) for channel, text in CHANNEL_LABELS.items()),
        validators=[ChosenFrom(_l("Select how we should send the code"))],
        validate_choice=False,
    )
    phone = StringField(_l("Mobile phone number"))
    email = StringField(_l("Email address"))

    def validate_code(self, field: Field) -> None:
        if resume.normalise(field.data or "") != field.data:
            raise StopValidation(_("This code is not right. Save the answers again."))

    @property
    def recipient(self) -> str:
        return self.email.data if self.channel.data == Channel.EMAIL else self.phone.data

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.channel.errors:
            return False
        if self.channel.data == Channel.EMAIL:
            message = _email_error(self.email)
            target = self.email
        else:
            message = _phone_error(self.phone)
            target = self.phone
        if message:
            add_error(target, message)
            return False
        return valid


def _phone_error(field: Field) -> str | None:
    try:
        field.data = parse_phone(field.data or "", mobile_only=True)
    except InputError as error:
        return str(PHONE_MESSAGES[error.code])
    return None


def _email_error(field: Field) -> str | None:
    if not (field.data or "").strip():
        return _("Enter an email address, so we can send the code by email")
    try:
        checked = email_validator.validate_email(field.data.strip(), check_deliverability=False)
    except email_validator.EmailNotValidError:
        return _("Enter an email address like name@example.com")
    field.data = checked.normalized
    return None
