"""Times typed in WITA become naive UTC, and stored times show back as they were typed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lindungi.editor import wita


@pytest.mark.parametrize(("text", "stored"), [
    ("2026-12-01T09:30", datetime(2026, 12, 1, 1, 30)),
    ("2026-12-01 07:15", datetime(2026, 11, 30, 23, 15)),
    ("2026-12-01T09:30:45", datetime(2026, 12, 1, 1, 30)),
])
def test_wita_input_becomes_naive_utc(text: str, stored: datetime) -> None:
    assert wita.parse_datetime(text) == stored
    assert wita.input_value(stored) == text[:16].replace(" ", "T")


@pytest.mark.parametrize("text", ["", "besok", "2026-02-30T09:00", "2026-12-01T25:00",
                                  "２０２６-12-01T09:00", "2026-12-1T9:00"])
def test_impossible_times_are_none(text: str) -> None:
    assert wita.parse_datetime(text) is None


def test_a_banner_day_ends_at_midnight_wita() -> None:
    until = wita.end_of_day(date(2026, 12, 31))
    assert until == datetime(2026, 12, 31, 16, 0)
    assert wita.last_day(until) == date(2026, 12, 31)
    assert wita.parse_date("2026-12-31") == date(2026, 12, 31)
    assert wita.parse_date("31/12/2026") is None


def test_same_minute_ignores_seconds() -> None:
    assert wita.same_minute(datetime(2026, 1, 1, 1, 1, 59), datetime(2026, 1, 1, 1, 1))
    assert not wita.same_minute(datetime(2026, 1, 1, 1, 2), datetime(2026, 1, 1, 1, 1))
    assert wita.same_minute(None, None) and not wita.same_minute(None, datetime(2026, 1, 1))
