"""One worker's details: identity, address in Makassar, work, and heir."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectField, StringField
from wtforms.validators import StopValidation

from lindungi.core import occupations, places
from lindungi.core.ages import age_on, within_program_ages
from lindungi.core.nik import IdNumberError, Nik, parse_kk, parse_kpj, parse_nik
from lindungi.enrollment.answers import Worker, WorkerDefaults
from lindungi.enrollment.choices import (
    DECILES,
    HEIR_RELATIONSHIPS,
    INCOME_BANDS,
    SEXES,
    YES_NO,
    options,
)
from lindungi.enrollment.context import WorkerContext
from lindungi.enrollment.forms import (
    PHONE_MESSAGES,
    BirthDateMixin,
    ChosenFrom,
    add_error,
    date_boxes,
    name_errors,
)
from lindungi.enrollment.text import (
    InputError,
    clean_rt_rw,
    collapse,
    display_phone,
    parse_phone,
)
from lindungi.forms import BaseForm

NIK_EMPTY = _l("Enter the worker's NIK: the 16 digits on the KTP or family card (KK)")
KK_EMPTY = _l("Enter the family card (KK) number: 16 digits")


def _id_error(error: IdNumberError, empty: Any) -> str:
    if error.code == "empty":
        return str(empty)
    return _(error.message, **error.params)


class WorkerForm(BirthDateMixin, BaseForm):
    full_name = StringField(_l("Full name, as on the KTP"))
    nik = StringField(_l("NIK (national identity number)"))
    kk = StringField(_l("Family card (KK) number"))
    birth_day, birth_month, birth_year = date_boxes()
    sex = RadioField(_l("Sex, as on the KTP"), choices=options(SEXES),
                     validators=[ChosenFrom(_l("Select the worker's sex, as on the KTP"))],
                     validate_choice=False)
    place_of_birth = StringField(_l("Place of birth (optional)"))
    mother_maiden_name = StringField(_l("Mother's maiden name (optional)"))
    address = StringField(_l("Street address"))
    rt_rw = StringField(_l("RT/RW (optional)"))
    kecamatan = SelectField(_l("Kecamatan"), validate_choice=False,
                            validators=[ChosenFrom(_l("Select the kecamatan"))])
    kelurahan = SelectField(_l("Kelurahan"), validate_choice=False,
                            validators=[ChosenFrom(_l("Select the kelurahan"))])
    occupation = SelectField(_l("Main work"), validate_choice=False,
                             validators=[ChosenFrom(_l("Select the worker's main work"))])
    income_band = RadioField(
        _l("About how much does the worker earn in a month?"),
        choices=options(INCOME_BANDS), validate_choice=False,
        validators=[ChosenFrom(_l("Select about how much the worker earns in a month"))],
    )
    decile = SelectField(_l("Welfare decile (desil), if you know it"), validate_choice=False)
    already_member = RadioField(
        _l("Is the worker already a BPJS Ketenagakerjaan member?"),
        choices=options(YES_NO), validate_choice=False,
        validators=[ChosenFrom(_l("Select whether the worker is already a member"))],
    )
    kpj_number = StringField(_l("Membership card (KPJ) number (optional)"))
    heir_name = StringField(_l("Heir's full name"))
    heir_relationship = RadioField(
        _l("What is the heir to the worker?"), choices=options(HEIR_RELATIONSHIPS),
        validators=[ChosenFrom(_l("Select what the heir is to the worker"))],
        validate_choice=False,
    )
    heir_phone = StringField(_l("Heir's phone number (optional)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kecamatan.choices = options(
            [("", _("Choose a kecamatan"))] + [(k.code, k.name) for k in places.kecamatan_list()]
        )
        # Rendered by hand (enrollment/_kelurahan.html); the choices serve validation.
        self.kelurahan.choices = options(
            (kel.code, kel.name) for k in places.kecamatan_list()
            for kel in places.kelurahan_for(k.code)
        )
        self.occupation.choices = options([("", _("Choose the work"))]) + [
            choice for _group, label, items in occupations.occupation_groups()
            for choice in options([(o.code, _(o.label)) for o in items], optgroup=_(label))
        ]
        self.decile.choices = options(
            [("", _("I don't know"))] + [(str(d), str(d)) for d in DECILES]
        )
        self.nik_value: Nik | None = None
        self.born: date | None = None
        self.heir_phone_e164 = ""

    # Field checks that need no other field.

    def validate_full_name(self, field: Field) -> None:
        self._name(field, _l("Enter the worker's full name, as on the KTP"))

    def validate_heir_name(self, field: Field) -> None:
        self._name(field, _l("Enter the heir's full name"))

    def validate_mother_maiden_name(self, field: Field) -> None:
        if field.data:
            self._name(field, "")

    def _name(self, field: Field, empty: Any) -> None:
        message = name_errors(field, empty)
        if message:
            raise StopValidation(message)

    def validate_nik(self, field: Field) -> None:
        try:
            self.nik_value = parse_nik(field.data or "")
        except IdNumberError as error:
            raise StopValidation(_id_error(error, NIK_EMPTY)) from None
        field.data = self.nik_value.value

    def validate_kk(self, field: Field) -> None:
        try:
            field.data = parse_kk(field.data or "")
        except IdNumberError as error:
            raise StopValidation(_id_error(error, KK_EMPTY)) from None

    def validate_place_of_birth(self, field: Field) -> None:
        field.data = collapse(field.data or "")
        if len(field.data) > 80:
            raise StopValidation(_("The place of birth is too long: use at most 80 characters"))

    def validate_address(self, field: Field) -> None:
        field.data = collapse(field.data or "")
        if not field.data:
            raise StopValidation(
                _("Enter the street address, for example Jalan Cendrawasih No. 12")
            )
        if len(field.data) > 300:
            raise StopValidation(_("The address is too long: use at most 300 characters"))

    def validate_rt_rw(self, field: Field) -> None:
        try:
            field.data = clean_rt_rw(field.data or "")
        except InputError:
            raise StopValidation(
                _("Enter the RT and RW like 003/005, or leave this empty")
            ) from None

    def validate_decile(self, field: Field) -> None:
        if field.data and field.data not in {str(d) for d in DECILES}:
            raise StopValidation(_("Select a decile from the list, or \"I don't know\""))

    def validate_heir_phone(self, field: Field) -> None:
        if not field.data:
            return
        try:
            self.heir_phone_e164 = parse_phone(field.data, mobile_only=False)
        except InputError as error:
            raise StopValidation(str(PHONE_MESSAGES[error.code])) from None

    # Checks across fields, and against the rest of the request and the database.

    def validate_for(self, ctx: WorkerContext) -> bool:
        self.validate()
        self.born = self.read_birth_date(ctx.today)
        self._check_age(ctx)
        self._check_nik(ctx)
        self._check_place()
        self._check_kpj(ctx)
        return not self.errors

    def _check_age(self, ctx: WorkerContext) -> None:
        born = self.born
        if born is None or within_program_ages(born, ctx.today, ctx.params):
            return
        self.born = None
        self.date_error("age", _(
            "The program is for workers aged %(min_age)s to %(max_age)s. "
            "Today the worker is %(age)s.",
            min_age=ctx.params.min_age, max_age=ctx.params.max_age, age=age_on(born, ctx.today),
        ))

    def _check_nik(self, ctx: WorkerContext) -> None:
        nik = self.nik_value
        if nik is None:
            return
        if self.born is not None and self.sex.data in SEXES and not nik.matches(
            self.born, self.sex.data
        ):
            add_error(self.nik, _(
                "This NIK does not match the date of birth and sex given. Digits 7 to 12 of a "
                "NIK hold the date of birth (for women, 40 is added to the day). Check the NIK, "
                "the date of birth and the sex against the KTP."
            ))
        elif nik.value in ctx.other_niks:
            add_error(self.nik, _(
                "This NIK is already in this request, as worker %(number)s. Each worker only "
                "needs to be added once.", number=ctx.other_niks[nik.value],
            ))

    def _check_place(self) -> None:
        kecamatan = places.kecamatan_by_code(self.kecamatan.data or "")
        if kecamatan is None or self.kelurahan.errors:
            return
        if not places.is_valid_pair(kecamatan.code, self.kelurahan.data or ""):
            add_error(self.kelurahan, _("Select a kelurahan in Kecamatan %(kecamatan)s",
                                        kecamatan=kecamatan.name))

    def _check_kpj(self, ctx: WorkerContext) -> None:
        if self.already_member.data != "yes" or not self.kpj_number.data:
            self.kpj_number.data = ""
            return
        try:
            self.kpj_number.data = parse_kpj(self.kpj_number.data, ctx.kpj_length)
        except IdNumberError as error:
            add_error(self.kpj_number, _id_error(error, ""))

    # Between the form and the draft.

    def to_worker(self) -> Worker:
        """The checked answers (call after validate_for returned True)."""
        assert self.born is not None and self.nik_value is not None  # noqa: S101
        return Worker(
            full_name=self.full_name.data, nik=self.nik_value.value, kk=self.kk.data,
            birth_date=self.born, sex=self.sex.data, address=self.address.data,
            kecamatan_code=self.kecamatan.data, kelurahan_code=self.kelurahan.data,
            occupation=self.occupation.data, income_band=self.income_band.data,
            already_member=self.already_member.data == "yes",
            heir_name=self.heir_name.data, heir_relationship=self.heir_relationship.data,
            rt_rw=self.rt_rw.data, place_of_birth=self.place_of_birth.data,
            mother_maiden_name=self.mother_maiden_name.data or "",
            kpj_number=self.kpj_number.data or "",
            decile=int(self.decile.data) if self.decile.data else None,
            heir_phone_e164=self.heir_phone_e164,
        )

    @classmethod
    def data_from(cls, worker: Worker | None, defaults: WorkerDefaults | None) -> dict[str, Any]:
        """Initial values for a GET: the saved worker, or the checker's defaults."""
        if worker is None:
            if defaults is None:
                return {}
            member = {True: "yes", False: "no", None: None}[defaults.already_member]
            return {"kecamatan": defaults.kecamatan_code, "occupation": defaults.occupation,
                    "decile": str(defaults.decile) if defaults.decile else "",
                    "already_member": member}
        data = {name: getattr(worker, name) for name in (
            "full_name", "nik", "kk", "sex", "place_of_birth", "mother_maiden_name", "address",
            "rt_rw", "occupation", "income_band", "kpj_number", "heir_name",
            "heir_relationship")}
        data.update(
            kecamatan=worker.kecamatan_code, kelurahan=worker.kelurahan_code,
            decile=str(worker.decile) if worker.decile else "",
            already_member="yes" if worker.already_member else "no",
            heir_phone=display_phone(worker.heir_phone_e164),
            birth_day=str(worker.birth_date.day), birth_month=str(worker.birth_date.month),
            birth_year=str(worker.birth_date.year),
        )
        return data
