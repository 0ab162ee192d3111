"""The saved page's form: where to send the code and link when the contact step has not been
answered yet. The channel, phone and e-mail fields and their checks are the contact step's
(enrollment.forms.ChannelContactMixin); here only the chosen channel's address is needed."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField
from wtforms.validators import StopValidation

from lindungi.enrollment import resume
from lindungi.enrollment.forms import (
    ChannelContactMixin,
    add_error,
    channel_field,
    email_field,
    phone_field,
)
from lindungi.forms import BaseForm


class SendCodeForm(ChannelContactMixin, BaseForm):
    # The code shown on the page; the view accepts it only for this browser's own draft.
    code = HiddenField()
    channel = channel_field(_l("Send the code and the link by"),
                            _l("Select how we should send the code"))
    phone = phone_field()
    email = email_field()
    EMAIL_MISSING = _l("Enter an email address, so we can send the code by email")
    EMAIL_INVALID = _l("Enter an email address like name@example.com")

    def validate_code(self, field: Field) -> None:
        if resume.normalise(field.data or "") != field.data:
            raise StopValidation(_("This code is not right. Save the answers again."))

    @property
    def recipient(self) -> str:
        return self.email.data if self.by_email else self.phone.data

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.channel.errors:
            return False
        if self.by_email:
            target, message = self.email, self.email_problem()
        else:
            target, message = self.phone, self.phone_problem()
            if message is None:
                self.phone.data = self.phone_e164  # sent to as given: +62…
        if message:
            add_error(target, message)
            return False
        return valid
