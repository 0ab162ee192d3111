"""The checker's questions. Field names are the query words of a shareable address, so they are
short and never change; every answer is a code or a number, never free text (nothing personal
in the URL)."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from lindungi.core import occupations, places
from lindungi.core.rules import WorkerAnswers
from lindungi.forms import GetForm

YES, NO, UNKNOWN = "yes", "no", "unknown"
MIN_AGE_ANSWER, MAX_AGE_ANSWER = 1, 120
DECILES = [str(n) for n in range(1, 11)]
_ASCII_NUMBER = re.compile(r"[0-9]{1,3}")


def _yes_no(unknown: bool = False) -> list[SelectChoice]:
    choices = [SelectChoice(YES, _l("Yes")), SelectChoice(NO, _l("No"))]
    return [*choices, SelectChoice(UNKNOWN, _l("Don't know"))] if unknown else choices


class EligibilityForm(GetForm):
    makassar = RadioField(
        _l("Does the worker live in Kota Makassar?"),
        choices=_yes_no(),
        invalid_choice_message=_l("Select yes if the worker lives in Kota Makassar"),
    )
    kecamatan = SelectField(
        _l("Which kecamatan does the worker live in?"),
        default="",  # not sent at all is the same as "choose a kecamatan"
        invalid_choice_message=_l("Select a kecamatan from the list"),
    )
    age = StringField(_l("How old is the worker, in years?"))
    occupation = SelectField(
        _l("What work does the worker do?"),
        default="",
        invalid_choice_message=_l("Select the kind of work the worker does"),
    )
    civil_servant = RadioField(
        _l("Is the worker a civil servant (ASN), a soldier (TNI) or a police officer (Polri)?"),
        choices=_yes_no(),
        invalid_choice_message=_l(
            "Select yes if the worker is a civil servant, a soldier or a police officer"
        ),
    )
    employee = RadioField(
        _l("Is the worker a salaried employee whom an employer registered with "
           "BPJS Ketenagakerjaan?"),
        choices=_yes_no(),
        invalid_choice_message=_l(
            "Select yes if an employer pays the worker a salary and registered them"
        ),
    )
    member = RadioField(
        _l("Is the worker already a BPJS Ketenagakerjaan member?"),
        choices=_yes_no(unknown=True),
        invalid_choice_message=_l("Select yes, no or don't know"),
    )
    decile = RadioField(
        _l("What is the household's welfare decile (desil)?"),
        choices=[*(SelectChoice(n) for n in DECILES), SelectChoice(UNKNOWN, _l("Don't know"))],
        invalid_choice_message=_l("Select the household's decile, or don't know"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Labels are translated now, in the request's language.
        self.kecamatan.choices = [SelectChoice("", _("Choose a kecamatan"))] + [
            SelectChoice(k.code, k.name) for k in places.kecamatan_list()
        ]
        self.occupation.choices = [SelectChoice("", _("Choose the kind of work"))] + [
            SelectChoice(o.code, _(o.label), optgroup=_(label))
            for _group, label, items in occupations.occupation_groups()
            for o in items
        ]

    def validate_kecamatan(self, field: Field) -> None:
        if self.makassar.data == YES and not field.data:
            raise ValidationError(_("Select the kecamatan where the worker lives"))

    def validate_age(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("Enter the worker's age in years"))
        # ASCII digits only: int() would also take Arabic-Indic or other digits.
        if not _ASCII_NUMBER.fullmatch(field.data):
            raise ValidationError(_("Enter the age as a whole number of years, like 42"))
        if not MIN_AGE_ANSWER <= int(field.data) <= MAX_AGE_ANSWER:
            raise ValidationError(
                _("Enter an age from %(low)s to %(high)s", low=MIN_AGE_ANSWER, high=MAX_AGE_ANSWER)
            )

    def validate_occupation(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("Select the kind of work the worker does"))

    def hide_errors(self) -> None:
        """Forget the messages: for answers still being given, not yet sent on purpose."""
        for field in self:
            field.errors = []

    def kecamatan_code(self) -> str | None:
        return (self.kecamatan.data or None) if self.makassar.data == YES else None

    def decile_number(self) -> int | None:
        return None if self.decile.data == UNKNOWN else int(self.decile.data)

    def to_answers(self) -> WorkerAnswers:
        """The validated answers for the rules; call after ``validate()`` returned True."""
        return WorkerAnswers(
            lives_in_makassar=self.makassar.data == YES,
            kecamatan_code=self.kecamatan_code(),
            birth_date=None,
            age=int(self.age.data),
            occupation=self.occupation.data,
            is_civil_servant_or_military=self.civil_servant.data == YES,
            is_salaried_registered_by_employer=self.employee.data == YES,
            is_already_member=None if self.member.data == UNKNOWN else self.member.data == YES,
            decile=self.decile_number(),
        )
