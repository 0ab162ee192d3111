"""NIK, KK and KPJ numbers: normalise what people type, validate, and mask for display.

Only ASCII 0-9 count as digits: Python's ``str.isdigit``/``int`` also accept Arabic-Indic or
full-width digits, which would let one NIK be written two ways and slip past a uniqueness check.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from lindungi.core.i18n import N_
from lindungi.core.parameters import DEFAULT

ASCII_DIGITS = frozenset("0123456789")
# People group the digits as printed on cards ("7371 0101 ...", "7371.01.01..."); a phone may
# paste a no-break space. These are dropped; anything else that is not 0-9 is an error.
SEPARATORS = frozenset(" .-\u00a0")

FEMALE_DAY_OFFSET = 40  # women's NIKs carry the day of birth plus 40


class IdNumberError(ValueError):
    """An identity number that cannot be right. ``message`` is a msgid, ``params`` its values."""

    def __init__(self, code: str, message: str, params: dict[str, int] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.params = params or {}


class NikError(IdNumberError):
    pass


class KkError(IdNumberError):
    pass


class KpjError(IdNumberError):
    pass


_MESSAGES: dict[str, str] = {
    "empty": N_("Enter the number."),
    "digits": N_("Use only the digits 0 to 9, without letters or other signs."),
    "script": N_(
        "Type the number with the digits 0 to 9. The phone keyboard may be using another script."
    ),
    "length": N_(
        "This number should have %(expected)s digits, but it has %(count)s. "
        "Copy it again carefully from the card."
    ),
}


def _digits(text: str, length: int, error: type[IdNumberError]) -> str:
    """Strip separators and check for exactly ``length`` ASCII digits."""
    cleaned = "".join(ch for ch in text.strip() if ch not in SEPARATORS)
    if not cleaned:
        raise error("empty", _MESSAGES["empty"])
    if not ASCII_DIGITS.issuperset(cleaned):
        # All "digits", just not ASCII ones: most likely the keyboard, so say so.
        code = "script" if cleaned.isdigit() else "digits"
        raise error("digits", _MESSAGES[code])
    if len(cleaned) != length:
        params = {"expected": length, "count": len(cleaned)}
        raise error("length", _MESSAGES["length"], params)
    return cleaned


@dataclass(frozen=True)
class BirthDatePart:
    """The DDMMYY block of a NIK, with the women's +40 already removed from ``day``."""

    day: int
    month: int
    year_2digit: int

    def matches(self, birth_date: date) -> bool:
        return (self.day, self.month, self.year_2digit) == (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        )


@dataclass(frozen=True)
class Nik:
    """A structurally valid NIK (16 ASCII digits). Build it with :func:`parse_nik`."""

    value: str

    @property
    def region_code(self) -> str:
        """Province + regency/city + district, e.g. "737101"."""
        return self.value[:6]

    @property
    def raw_day(self) -> int:
        return int(self.value[6:8])

    @property
    def sex(self) -> str:
        return "F" if self.raw_day > FEMALE_DAY_OFFSET else "M"

    @property
    def birth_date_part(self) -> BirthDatePart:
        day = self.raw_day - (FEMALE_DAY_OFFSET if self.sex == "F" else 0)
        return BirthDatePart(day, int(self.value[8:10]), int(self.value[10:12]))

    @property
    def serial(self) -> str:
        return self.value[12:]

    @property
    def is_makassar(self) -> bool:
        # Only a hint for reviewers: people born elsewhere keep their NIK after moving here.
        return self.value.startswith(DEFAULT.makassar_nik_prefix)

    @property
    def masked(self) -> str:
        return mask_nik(self.value)

    def matches(self, birth_date: date, sex: str) -> bool:
        """Whether the NIK agrees with a stated birth date and sex ("M" or "F").

        The NIK holds a two-digit year, so 1960 and 2060 look the same; that ambiguity is harmless
        next to a full birth date given separately.
        """
        if sex not in ("M", "F"):
            raise ValueError(f"sex must be 'M' or 'F', got {sex!r}")
        return self.sex == sex and self.birth_date_part.matches(birth_date)


def _valid_date_part(part: BirthDatePart) -> bool:
    if not 1 <= part.month <= 12:
        return False
    # The century is unknown. 2000 + YY is a leap year exactly when YY % 4 == 0, so 29 Feb
    # passes whenever some century makes it a real date (29-02-00 can only be 2000).
    return 1 <= part.day <= calendar.monthrange(2000 + part.year_2digit, part.month)[1]


def parse_nik(text: str) -> Nik:
    """Parse a NIK as people type it; raises :class:`NikError` with a code and a msgid."""
    nik = Nik(_digits(text, DEFAULT.nik_length, NikError))
    if not _valid_date_part(nik.birth_date_part):
        raise NikError(
            "date",
            N_(
                "This NIK cannot be right: digits 7 to 12 should hold the date of birth. "
                "Check it against the KTP or family card (KK)."
            ),
        )
    if nik.serial == "0000":
        raise NikError(
            "serial",
            N_(
                "This NIK cannot be right: it never ends in 0000. "
                "Check it against the KTP or family card (KK)."
            ),
        )
    return nik


def parse_kk(text: str) -> str:
    """The 16-digit family card (KK) number as ASCII digits; raises :class:`KkError`."""
    return _digits(text, DEFAULT.kk_length, KkError)


def parse_kpj(text: str, length: int = DEFAULT.kpj_length) -> str:
    """A BPJS Ketenagakerjaan membership (KPJ) number; its length is a setting."""
    return _digits(text, length, KpjError)


def mask_nik(value: str) -> str:
    """Show the first 4 and last 4 digits only: "7371********0001". Anything too short to keep
    8 digits hidden is masked completely."""
    if len(value) < 16:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
