from __future__ import annotations

from datetime import date

import pytest

from lindungi.core.nik import (
    KkError,
    KpjError,
    NikError,
    mask_nik,
    parse_kk,
    parse_kpj,
    parse_nik,
)

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

MALE = "7371011508900001"  # born 15-08-(19)90
FEMALE = "7371015508900002"  # day 15 + 40


@pytest.mark.parametrize(
    ("text", "value", "sex", "day", "month", "yy"),
    [
        (MALE, MALE, "M", 15, 8, 90),
        (FEMALE, FEMALE, "F", 15, 8, 90),
        ("7371024101850003", "7371024101850003", "F", 1, 1, 85),  # day 41 = 1st, woman
        ("7371017112990004", "7371017112990004", "F", 31, 12, 99),  # day 71 = 31st, woman
        ("7371012902000001", "7371012902000001", "M", 29, 2, 0),  # 29 Feb 2000
        ("7371016902040001", "7371016902040001", "F", 29, 2, 4),  # 29 Feb 2004, woman
        ("7371 0115 0890 0001", MALE, "M", 15, 8, 90),
        ("7371.01.150890.0001", MALE, "M", 15, 8, 90),
        ("  7371-01-150890-0001 \n", MALE, "M", 15, 8, 90),
    ],
)
def test_valid_nik(text: str, value: str, sex: str, day: int, month: int, yy: int) -> None:
    nik = parse_nik(text)
    assert nik.value == value
    assert nik.sex == sex
    part = nik.birth_date_part
    assert (part.day, part.month, part.year_2digit) == (day, month, yy)
    assert nik.region_code == value[:6]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("  - . ", "empty"),
        ("737101150890000", "length"),  # 15 digits
        ("73710115089000011", "length"),  # 17 digits
        (MALE.translate(ARABIC_INDIC), "digits"),
        (MALE.translate(FULL_WIDTH), "digits"),
        (MALE[:8] + "٩" + MALE[9:], "digits"),  # one foreign digit among ASCII ones
        ("7371O11508900001", "digits"),  # letter O
        ("7371/01/150890/0001", "digits"),
        ("7371013208900001", "date"),  # day 32
        ("7371014008900001", "date"),  # day 40: neither a man's nor a woman's day
        ("7371010008900001", "date"),  # day 0
        ("7371011513900001", "date"),  # month 13
        ("7371011500900001", "date"),  # month 0
        ("7371017208900001", "date"),  # day 72 (= 32 for a woman)
        ("7371013104900001", "date"),  # 31 April
        ("7371012902010001", "date"),  # 29 Feb in a year ending 01: never a leap year
        ("7371011508900000", "serial"),
    ],
)
def test_invalid_nik(text: str, code: str) -> None:
    with pytest.raises(NikError) as caught:
        parse_nik(text)
    assert caught.value.code == code
    assert caught.value.message


def test_length_error_carries_counts() -> None:
    with pytest.raises(NikError) as caught:
        parse_nik("7371 0115 0890")
    assert caught.value.params == {"expected": 16, "count": 12}
    assert "%(expected)s" in caught.value.message


def test_foreign_digits_get_keyboard_hint() -> None:
    with pytest.raises(NikError) as script:
        parse_nik(MALE.translate(ARABIC_INDIC))
    with pytest.raises(NikError) as letters:
        parse_nik("7371O11508900001")
    assert script.value.message != letters.value.message


@pytest.mark.parametrize(
    ("value", "birth_date", "sex", "expected"),
    [
        (MALE, date(1990, 8, 15), "M", True),
        (MALE, date(1990, 8, 15), "F", False),
        (MALE, date(1990, 8, 16), "M", False),
        (MALE, date(1990, 9, 15), "M", False),
        (MALE, date(1991, 8, 15), "M", False),
        (FEMALE, date(1990, 8, 15), "F", True),
        (FEMALE, date(1990, 8, 15), "M", False),
        ("7371024101850003", date(1985, 1, 1), "F", True),
        # Only two year digits are stored: a century apart cannot be told apart.
        (MALE, date(1890, 8, 15), "M", True),
    ],
)
def test_matches(value: str, birth_date: date, sex: str, expected: bool) -> None:
    assert parse_nik(value).matches(birth_date, sex) is expected


def test_matches_rejects_unknown_sex_code() -> None:
    with pytest.raises(ValueError, match="sex"):
        parse_nik(MALE).matches(date(1990, 8, 15), "L")


@pytest.mark.parametrize(
    ("value", "makassar"),
    [(MALE, True), ("3174011508900001", False), ("7372011508900001", False)],
)
def test_makassar_flag(value: str, makassar: bool) -> None:
    assert parse_nik(value).is_makassar is makassar


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (MALE, "7371********0001"),
        ("3174011508900042", "3174********0042"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_mask_nik(value: str, masked: str) -> None:
    assert mask_nik(value) == masked


def test_nik_masked_property() -> None:
    assert parse_nik(FEMALE).masked == "7371********0002"


@pytest.mark.parametrize(
    ("text", "value"),
    [("7371012345678901", "7371012345678901"), ("7371 0123 4567 8901", "7371012345678901")],
)
def test_parse_kk(text: str, value: str) -> None:
    assert parse_kk(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("737101234567890", "length"),
        ("7371012345678901".translate(FULL_WIDTH), "digits"),
        ("", "empty"),
    ],
)
def test_parse_kk_errors(text: str, code: str) -> None:
    with pytest.raises(KkError) as caught:
        parse_kk(text)
    assert caught.value.code == code


def test_parse_kpj_default_and_configured_length() -> None:
    assert parse_kpj("123 4567 8901") == "12345678901"
    assert parse_kpj("123456789012", length=12) == "123456789012"
    with pytest.raises(KpjError) as caught:
        parse_kpj("12345678901", length=12)
    assert caught.value.code == "length"
    with pytest.raises(KpjError) as caught:
        parse_kpj("12345678901".translate(ARABIC_INDIC))
    assert caught.value.code == "digits"
