"""One worker's details, one topic per page (GOV.UK): identity, date of birth and sex, address in
Makassar, work and income, heir. Each page's form checks its own fields, and checks that span
pages (NIK against date of birth and sex) against what the other pages already saved."""

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
from lindungi.enrollment.answers import WorkerDefaults
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


PARTS = ("identity", "birth", "address", "work", "heir")
# The address of each page under /daftar/pekerja/<n>/ (the identity page is the worker's own).
PART_SLUGS = {"identity": "identitas", "birth": "lahir", "address": "alamat",
              "work": "pekerjaan", "heir": "ahli-waris"}
# The Worker fields each page fills in (stored as JSON values in the draft).
PART_FIELDS = {
    "identity": ("full_name", "nik", "kk", "mother_maiden_name"),
    "birth": ("birth_date", "sex", "place_of_birth"),
    "address": ("address", "rt_rw", "kecamatan_code", "kelurahan_code"),
    "work": ("occupation", "income_band", "decile", "already_member", "kpj_number"),
    "heir": ("heir_name", "heir_relationship", "heir_phone_e164"),
}


def missing_part(values: dict[str, Any]) -> str | None:
    """The first page whose answers are not in ``values`` yet (None: the worker is complete)."""
    for part in PARTS:
        if any(name not in values for name in PART_FIELDS[part]):
            return part
    return None


class PartForm(BaseForm):
    """One page of a worker's details."""

    part = ""

    def validate_for(self, ctx: WorkerContext, known: dict[str, Any]) -> bool:
        """Check the page; ``known`` holds what the worker's other pages saved."""
        return self.validate()

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Initial values for a GET from saved JSON values."""
        return {name: values[name] for name in PART_FIELDS[cls.part] if name in values}

    def _name(self, field: Field, empty: Any) -> None:
        message = name_errors(field, empty)
        if message:
            raise StopValidation(message)


def _known_birth(known: dict[str, Any]) -> date | None:
    text = known.get("birth_date")
    return date.fromisoformat(text) if isinstance(text, str) else None


def _nik_mismatch_message() -> str:
    return _("This NIK does not match the date of birth and sex given. Digits 7 to 12 of a NIK "
             "hold the date of birth (for women, 40 is added to the day). Check the NIK, the "
             "date of birth and the sex against the KTP.")


class IdentityForm(PartForm):
    part = "identity"
    full_name = StringField(_l("Full name, as on the KTP"))
    nik = StringField(_l("NIK (national identity number)"))
    kk = StringField(_l("Family card (KK) number"))
    mother_maiden_name = StringField(_l("Mother's maiden name (optional)"))
    nik_value: Nik | None = None

    def validate_full_name(self, field: Field) -> None:
        self._name(field, _l("Enter the worker's full name, as on the KTP"))

    def validate_mother_maiden_name(self, field: Field) -> None:
        if field.data:
            self._name(field, "")

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

    def validate_for(self, ctx: WorkerContext, known: dict[str, Any]) -> bool:
        self.validate()
        nik = self.nik_value
        if nik is None:
            return not self.errors
        born, sex = _known_birth(known), known.get("sex")
        if born is not None and sex in SEXES and not nik.matches(born, sex):
            add_error(self.nik, _nik_mismatch_message())
        elif nik.value in ctx.other_niks:
            add_error(self.nik, _(
                "This NIK is already in this request, as worker %(number)s. Each worker only "
                "needs to be added once.", number=ctx.other_niks[nik.value],
            ))
        return not self.errors

    def values(self) -> dict[str, Any]:
        return {"full_name": self.full_name.data, "nik": self.nik.data, "kk": self.kk.data,
                "mother_maiden_name": self.mother_maiden_name.data or ""}


class BirthForm(BirthDateMixin, PartForm):
    part = "birth"
    birth_day, birth_month, birth_year = date_boxes()
    sex = RadioField(_l("Sex, as on the KTP"), choices=options(SEXES),
                     validators=[ChosenFrom(_l("Select the worker's sex, as on the KTP"))],
                     validate_choice=False)
    place_of_birth = StringField(_l("Place of birth (optional)"))
    born: date | None = None

    def validate_place_of_birth(self, field: Field) -> None:
        field.data = collapse(field.data or "")
        if len(field.data) > 80:
            raise StopValidation(_("The place of birth is too long: use at most 80 characters"))

    def validate_for(self, ctx: WorkerContext, known: dict[str, Any]) -> bool:
        self.validate()
        born = self.born = self.read_birth_date(ctx.today)
        if born is not None and not within_program_ages(born, ctx.today, ctx.params):
            self.born = None
            self.date_error("age", _(
                "The program is for workers aged %(min_age)s to %(max_age)s. "
                "Today the worker is %(age)s.",
                min_age=ctx.params.min_age, max_age=ctx.params.max_age,
                age=age_on(born, ctx.today),
            ))
        nik_text = known.get("nik")
        if (self.born is not None and self.sex.data in SEXES and isinstance(nik_text, str)
                and not parse_nik(nik_text).matches(self.born, self.sex.data)):
            self.date_error("nik", _(
                "This date of birth and sex do not match the NIK on the previous page. "
                "Digits 7 to 12 of a NIK hold the date of birth (for women, 40 is added "
                "to the day). Check them against the KTP."
            ))
        return not self.errors

    def values(self) -> dict[str, Any]:
        assert self.born is not None  # noqa: S101  (after validate_for returned True)
        return {"birth_date": self.born.isoformat(), "sex": self.sex.data,
                "place_of_birth": self.place_of_birth.data}

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        data = {name: values[name] for name in ("sex", "place_of_birth") if name in values}
        born = _known_birth(values)
        if born is not None:
            data.update(birth_day=str(born.day), birth_month=str(born.month),
                        birth_year=str(born.year))
        return data


class AddressForm(PartForm):
    part = "address"
    address = StringField(_l("Street address"))
    rt_rw = StringField(_l("RT/RW (optional)"))
    kecamatan = SelectField(_l("Kecamatan"), validate_choice=False,
                            validators=[ChosenFrom(_l("Select the kecamatan"))])
    kelurahan = SelectField(_l("Kelurahan"), validate_choice=False,
                            validators=[ChosenFrom(_l("Select the kelurahan"))])

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

    def validate_for(self, ctx: WorkerContext, known: dict[str, Any]) -> bool:
        self.validate()
        kecamatan = places.kecamatan_by_code(self.kecamatan.data or "")
        if kecamatan is not None and not self.kelurahan.errors and not places.is_valid_pair(
            kecamatan.code, self.kelurahan.data or ""
        ):
            add_error(self.kelurahan, _("Select a kelurahan in Kecamatan %(kecamatan)s",
                                        kecamatan=kecamatan.name))
        return not self.errors

    def values(self) -> dict[str, Any]:
        return {"address": self.address.data, "rt_rw": self.rt_rw.data,
                "kecamatan_code": self.kecamatan.data, "kelurahan_code": self.kelurahan.data}

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        data = {name: values[name] for name in ("address", "rt_rw") if name in values}
        data.update(kecamatan=values.get("kecamatan_code"),
                    kelurahan=values.get("kelurahan_code"))
        return data


class WorkForm(PartForm):
    part = "work"
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.occupation.choices = options([("", _("Choose the work"))]) + [
            choice for _group, label, items in occupations.occupation_groups()
            for choice in options([(o.code, _(o.label)) for o in items], optgroup=_(label))
        ]
        self.decile.choices = options(
            [("", _("I don't know"))] + [(str(d), str(d)) for d in DECILES]
        )

    def validate_decile(self, field: Field) -> None:
        if field.data and field.data not in {str(d) for d in DECILES}:
            raise StopValidation(_("Select a decile from the list, or \"I don't know\""))

    def validate_for(self, ctx: WorkerContext, known: dict[str, Any]) -> bool:
        self.validate()
        if self.already_member.data != "yes" or not self.kpj_number.data:
            self.kpj_number.data = ""
        else:
            try:
                self.kpj_number.data = parse_kpj(self.kpj_number.data, ctx.kpj_length)
            except IdNumberError as error:
                add_error(self.kpj_number, _id_error(error, ""))
        return not self.errors

    def values(self) -> dict[str, Any]:
        return {"occupation": self.occupation.data, "income_band": self.income_band.data,
                "decile": int(self.decile.data) if self.decile.data else None,
                "already_member": self.already_member.data == "yes",
                "kpj_number": self.kpj_number.data or ""}

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        data = {name: values[name] for name in ("occupation", "income_band", "kpj_number")
                if name in values}
        if "decile" in values:
            data["decile"] = str(values["decile"]) if values["decile"] else ""
        if "already_member" in values:
            data["already_member"] = "yes" if values["already_member"] else "no"
        return data

    @staticmethod
    def data_from_defaults(defaults: WorkerDefaults) -> dict[str, Any]:
        member = {True: "yes", False: "no", None: None}[defaults.already_member]
        return {"occupation": defaults.occupation,
                "decile": str(defaults.decile) if defaults.decile else "",
                "already_member": member}


class HeirForm(PartForm):
    part = "heir"
    heir_name = StringField(_l("Heir's full name"))
    heir_relationship = RadioField(
        _l("What is the heir to the worker?"), choices=options(HEIR_RELATIONSHIPS),
        validators=[ChosenFrom(_l("Select what the heir is to the worker"))],
        validate_choice=False,
    )
    heir_phone = StringField(_l("Heir's phone number (optional)"))
    heir_phone_e164 = ""

    def validate_heir_name(self, field: Field) -> None:
        self._name(field, _l("Enter the heir's full name"))

    def validate_heir_phone(self, field: Field) -> None:
        if not field.data:
            return
        try:
            self.heir_phone_e164 = parse_phone(field.data, mobile_only=False)
        except InputError as error:
            raise StopValidation(str(PHONE_MESSAGES[error.code])) from None

    def values(self) -> dict[str, Any]:
        return {"heir_name": self.heir_name.data,
                "heir_relationship": self.heir_relationship.data,
                "heir_phone_e164": self.heir_phone_e164}

    @classmethod
    def data_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        data = {name: values[name] for name in ("heir_name", "heir_relationship")
                if name in values}
        if "heir_phone_e164" in values:
            data["heir_phone"] = display_phone(values["heir_phone_e164"])
        return data


class AnotherWorkerForm(BaseForm):
    another = RadioField(_l("Is there another worker to add?"), choices=options(YES_NO),
                         validators=[ChosenFrom(_l("Select yes if there is another worker "
                                                   "to add"))], validate_choice=False)


FORMS: dict[str, type[PartForm]] = {
    form.part: form for form in (IdentityForm, BirthForm, AddressForm, WorkForm, HeirForm)
}
