"""Cleaning names, three-box dates, RT/RW and phone numbers typed on the enrollment forms."""

from __future__ import annotations

from datetime import date

import pytest

from lindungi.enrollment.text import (
    InputError,
    clean_name,
    clean_rt_rw,
    display_name,
    display_phone,
    parse_date_parts,
    parse_phone,
)


@pytest.mark.parametrize(("typed", "stored"), [
    ("  Siti   Aminah ", "Siti Aminah"),
    ("SITI\u00a0AMINAH", "SITI AMINAH"),
    ("Andi La\tOde", "Andi La Ode"),
    ("Muh. Ilham, S.Pd.", "Muh. Ilham, S.Pd."),
    ("Nur'aini", "Nur'aini"),
    ("Cafe\u0301", "Café"),  # decomposed accent, stored composed (NFC)
])
def test_names_are_tidied_but_kept_as_typed(typed: str, stored: str) -> None:
    assert clean_name(typed) == stored


@pytest.mark.parametrize(("typed", "code"), [
    ("", "empty"), ("   ", "empty"), ("Siti 2", "characters"), ("Siti <b>", "characters"),
    ("...", "characters"), ("A" * 121, "length"),
])
def test_wrong_names(typed: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_name(typed)
    assert caught.value.code == code


@pytest.mark.parametrize(("stored", "shown"), [
    ("SITI AMINAH", "Siti Aminah"), ("siti aminah", "Siti Aminah"),
    ("Andi La Ode", "Andi La Ode"), ("daeng MAJID", "daeng MAJID"), ("", ""),
])
def test_display_name_capitalises_only_single_case_names(stored: str, shown: str) -> None:
    assert display_name(stored) == shown


@pytest.mark.parametrize(("parts", "expected"), [
    (("12", "8", "1980"), date(1980, 8, 12)),
    ((" 01", "02 ", "2000"), date(2000, 2, 1)),
    (("29", "2", "2004"), date(2004, 2, 29)),
])
def test_date_parts(parts: tuple[str, str, str], expected: date) -> None:
    assert parse_date_parts(*parts) == expected


@pytest.mark.parametrize(("parts", "code"), [
    (("", "", ""), "empty"), (("", "8", "1980"), "missing_day"),
    (("12", "", "1980"), "missing_month"), (("12", "8", ""), "missing_year"),
    (("١٢", "8", "1980"), "digits"), (("12", "Agu", "1980"), "digits"),
    (("12", "8", "80"), "year_length"), (("29", "2", "2001"), "not_real"),
    (("12", "13", "1980"), "not_real"), (("0", "8", "1980"), "not_real"),
])
def test_wrong_date_parts(parts: tuple[str, str, str], code: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date_parts(*parts)
    assert caught.value.code == code


@pytest.mark.parametrize(("typed", "stored"), [
    ("", ""), ("3/5", "003/005"), ("003 / 005", "003/005"), ("12/1", "012/001"),
])
def test_rt_rw(typed: str, stored: str) -> None:
    assert clean_rt_rw(typed) == stored


@pytest.mark.parametrize("typed", ["3-5", "RT 3 RW 5", "1234/5", "٣/٥"])
def test_wrong_rt_rw(typed: str) -> None:
    with pytest.raises(InputError):
        clean_rt_rw(typed)


@pytest.mark.parametrize(("typed", "mobile_only", "stored"), [
    ("0812 3456 7890", True, "+6281234567890"),
    ("+62 812-3456-7890", True, "+6281234567890"),
    ("6281234567890", True, "+6281234567890"),
    ("(0411) 123456", False, "+62411123456"),
])
def test_phones_are_stored_as_e164(typed: str, mobile_only: bool, stored: str) -> None:
    assert parse_phone(typed, mobile_only=mobile_only) == stored


@pytest.mark.parametrize(("typed", "mobile_only", "code"), [
    ("", True, "empty"), ("0812", True, "format"), ("08l2 3456 7890", True, "format"),
    ("+44 7700 900123", True, "foreign"), ("0411 123456", True, "not_mobile"),
])
def test_wrong_phones(typed: str, mobile_only: bool, code: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_phone(typed, mobile_only=mobile_only)
    assert caught.value.code == code


def test_display_phone_is_the_national_form() -> None:
    assert display_phone("+6281234567890") == "0812-3456-7890"
    assert display_phone("") == ""
