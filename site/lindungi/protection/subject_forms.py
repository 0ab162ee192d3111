"""Forms of the admins' data-subject tools: find by NIK, correct, erase."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, StringField
from wtforms.validators import StopValidation

from lindungi.core.nik import IdNumberError, parse_kk, parse_nik
from lindungi.enrollment.forms import (
    PHONE_MESSAGES,
    BirthDateMixin,
    date_boxes,
    name_errors,
)
from lindungi.enrollment.text import InputError, parse_phone
from lindungi.enrollment.worker_forms import KK_EMPTY, NIK_EMPTY
from lindungi.forms import BaseForm

ADDRESS_MAX = 300


def _id_message(error: IdNumberError, empty: Any) -> str:
    return str(empty) if error.code == "empty" else _(error.message, **error.params)


def _checked_nik(field: Field) -> None:
    try:
        field.data = parse_nik(field.data or "").value
    except IdNumberError as error:
        raise StopValidation(_id_message(error, NIK_EMPTY)) from None


class NikForm(BaseForm):
    nik = StringField(_l("NIK of the person asking"))

    def validate_nik(self, field: Field) -> None:
        _checked_nik(field)


class CorrectionForm(BaseForm, BirthDateMixin):
    full_name = StringField(_l("Full name"))
    nik = StringField(_l("NIK"))
    kk = StringField(_l("Family card (KK) number"))
    birth_day, birth_month, birth_year = date_boxes()
    mother_maiden_name = StringField(_l("Mother's maiden name (optional)"))
    address = StringField(_l("Address"))
    phone = StringField(_l("Contact phone of the request"))

    born: date | None = None
    phone_e164 = ""

    def validate_full_name(self, field: Field) -> None:
        message = name_errors(field, _l("Enter the worker's full name, as on the KTP"))
        if message:
            raise StopValidation(message)

    def validate_mother_maiden_name(self, field: Field) -> None:
        message = name_errors(field, "") if field.data else None
        if message:
            raise StopValidation(message)

    def validate_nik(self, field: Field) -> None:
        _checked_nik(field)

    def validate_kk(self, field: Field) -> None:
        try:
            field.data = parse_kk(field.data or "")
        except IdNumberError as error:
            raise StopValidation(_id_message(error, KK_EMPTY)) from None

    def validate_address(self, field: Field) -> None:
        if not field.data:
            raise StopValidation(_("Enter the address"))
        if len(field.data) > ADDRESS_MAX:
            raise StopValidation(_("The address is too long: use at most %(max)s characters",
                                   max=ADDRESS_MAX))

    def validate_phone(self, field: Field) -> None:
        try:
            self.phone_e164 = parse_phone(field.data or "", mobile_only=True)
        except InputError as error:
            raise StopValidation(str(PHONE_MESSAGES[error.code])) from None

    def validate_for(self, today: date) -> bool:
        valid = self.validate()
        self.born = self.read_birth_date(today)
        return valid and self.born is not None

    def changes(self) -> dict[str, Any]:
        return {"full_name": self.full_name.data, "nik": self.nik.data, "kk": self.kk.data,
                "birth_date": self.born, "mother_maiden_name": self.mother_maiden_name.data or "",
                "address": self.address.data, "phone_e164": self.phone_e164}


class EraseForm(BaseForm):
    confirm = BooleanField(_l(
        "I have checked the person's identity, and they asked for this request to be erased."))

    def validate_confirm(self, field: Field) -> None:
        if not field.data:
            raise StopValidation(_("Tick the box to confirm, or leave the request as it is."))
