"""Cleaning what people type on the enrollment forms: names, dates in three boxes, phone numbers.

Pure functions (no Flask): each raises :class:`InputError` with a code the form turns into a
message in the page's language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import phonenumbers

ASCII_DIGITS = frozenset("0123456789")
# Letters of any script, plus what names on a KTP use between them.
_NAME_EXTRA = frozenset(" .,'-\u2019")
_SPACES = re.compile(r"\s+")
_RT_RW = re.compile(r"^([0-9]{1,3})\s*/\s*([0-9]{1,3})$")
INDONESIA = "ID"
COUNTRY_CODE = 62
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


class InputError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def collapse(text: str) -> str:
    """NFC, trimmed, runs of whitespace (tabs, no-break spaces, newlines) as one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean_name(text: str, max_length: int = 120) -> str:
    """A person's name as typed, tidied: codes "empty", "characters", "length"."""
    name = collapse(text)
    if not name:
        raise InputError("empty")
    if len(name) > max_length:
        raise InputError("length")
    if not any(ch.isalpha() for ch in name) or any(
        not (ch.isalpha() or ch in _NAME_EXTRA) for ch in name
    ):
        raise InputError("characters")
    return name


def display_name(name: str) -> str:
    """Names are stored as typed. A name typed all in capitals or all in small letters is shown
    with capital initials ("SITI AMINAH", "siti aminah" -> "Siti Aminah"); a mixed-case name
    is shown as typed, since its writer chose the capitals ("Andi La Ode")."""
    if name.isupper() or name.islower():
        return " ".join(part[:1].upper() + part[1:].lower() for part in name.split(" "))
    return name


def parse_date_parts(day: str, month: str, year: str) -> date:
    """A date typed in three boxes (GOV.UK date input). Codes: "empty", "missing_day",
    "missing_month", "missing_year", "digits", "year_length", "not_real"."""
    parts = [part.strip() for part in (day, month, year)]
    if not any(parts):
        raise InputError("empty")
    for code, part in zip(("missing_day", "missing_month", "missing_year"), parts, strict=True):
        if not part:
            raise InputError(code)
    if not all(ASCII_DIGITS.issuperset(part) for part in parts):
        raise InputError("digits")
    if len(parts[2]) != 4:
        raise InputError("year_length")
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except (ValueError, OverflowError):  # a 20-digit day overflows C's long: not a date either
        raise InputError("not_real") from None


def clean_rt_rw(text: str) -> str:
    """RT/RW as "003/005" (how the KTP prints it); empty stays empty. Code "format"."""
    text = collapse(text)
    if not text:
        return ""
    match = _RT_RW.match(text)
    if match is None:
        raise InputError("format")
    return f"{int(match.group(1)):03d}/{int(match.group(2)):03d}"


def parse_phone(text: str, *, mobile_only: bool) -> str:
    """An Indonesian phone number in E.164 ("+6281234567890"). Codes: "empty", "format",
    "foreign", "not_mobile"."""
    text = collapse(text)
    if not text:
        raise InputError("empty")
    if any(ch.isalpha() for ch in text):
        raise InputError("format")
    try:
        number = phonenumbers.parse(text, INDONESIA)
    except phonenumbers.NumberParseException:
        raise InputError("format") from None
    if number.country_code != COUNTRY_CODE:
        raise InputError("foreign")
    if not phonenumbers.is_valid_number(number):
        raise InputError("format")
    if mobile_only and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise InputError("not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How Indonesians write their own number: "0812-3456-7890"."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, INDONESIA)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
