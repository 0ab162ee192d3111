"""How dates and money look: always WITA (Asia/Makassar), money as Rupiah, in the page language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_decimal

WITA = ZoneInfo("Asia/Makassar")

# CLDR patterns: "Jumat, 13 Februari 2026, 13.20 WITA" / "Friday, 13 February 2026, 13:20 WITA".
DATETIME_PATTERNS = {"id": "EEEE, d MMMM y, HH.mm", "en": "EEEE, d MMMM y, HH:mm"}
DATE_PATTERNS = {"id": "EEEE, d MMMM y", "en": "EEEE, d MMMM y"}
SHORT_DATE_PATTERN = "d MMMM y"
# "1 Des 2026 10.00" (id), "1 Dec 2026 10:00" (en): the audit log's times in a sentence.
SHORT_DATETIME_PATTERNS = {"id": "d MMM y HH.mm", "en": "d MMM y HH:mm"}


def to_wita(moment: datetime) -> datetime:
    """Naive datetimes are stored in UTC (SQLite keeps no offset); show them in WITA."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WITA)


# Babel formats a date in tens of microseconds and a list page shows a dozen: the same moment
# always reads the same in one language, so each is formatted once per process.
KEPT_FORMATS = 4096


@lru_cache(maxsize=KEPT_FORMATS)
def format_datetime_wita(moment: datetime, locale: str) -> str:
    pattern = DATETIME_PATTERNS.get(locale, DATETIME_PATTERNS["en"])
    return babel_format_datetime(to_wita(moment), pattern, locale=locale) + " WITA"


def format_datetime_short_wita(moment: datetime, locale: str) -> str:
    pattern = SHORT_DATETIME_PATTERNS.get(locale, SHORT_DATETIME_PATTERNS["en"])
    return babel_format_datetime(to_wita(moment), pattern, locale=locale) + " WITA"


@lru_cache(maxsize=KEPT_FORMATS)
def format_date_long(day: date | datetime, locale: str) -> str:
    if isinstance(day, datetime):
        day = to_wita(day).date()
    return babel_format_date(day, DATE_PATTERNS.get(locale, DATE_PATTERNS["en"]), locale=locale)


@lru_cache(maxsize=KEPT_FORMATS)
def format_date_short(day: date | datetime, locale: str) -> str:
    if isinstance(day, datetime):
        day = to_wita(day).date()
    return babel_format_date(day, SHORT_DATE_PATTERN, locale=locale)


def format_rupiah(amount: int, locale: str) -> str:
    """Whole rupiah with the symbol stuck to the number: "Rp16.800" (id), "Rp16,800" (en).

    The English CLDR symbol for IDR is "IDR"; residents know the amounts as "Rp" in both languages,
    so the symbol is fixed and Babel supplies the grouping.
    """
    return "Rp" + format_decimal(amount, format="#,##0", locale=locale)


def format_number(value: int, locale: str) -> str:
    return format_decimal(value, locale=locale)


def iso_wita(moment: datetime) -> str:
    return to_wita(moment).isoformat(timespec="seconds")
