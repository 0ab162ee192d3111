from __future__ import annotations

from datetime import date, timedelta

import pytest

from lindungi.core.ages import (
    age_on,
    eligible_birth_dates,
    within_age_limits,
    within_program_ages,
)
from lindungi.core.parameters import DEFAULT

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1990, 8, 15), date(2026, 8, 14), 35),
        (date(1990, 8, 15), date(2026, 8, 15), 36),
        (date(1990, 8, 15), date(1990, 8, 15), 0),
        (date(1990, 12, 31), date(1991, 1, 1), 0),
        # 29 February: the birthday counts on 1 March in years without one.
        (date(2000, 2, 29), date(2001, 2, 28), 0),
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 28), 3),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


def test_age_on_rejects_future_birth() -> None:
    with pytest.raises(ValueError, match="before"):
        age_on(date(2026, 3, 16), TODAY)


@pytest.mark.parametrize(
    ("birth", "eligible"),
    [
        (date(2008, 3, 16), False),  # the day before the 18th birthday
        (date(2008, 3, 15), True),  # the 18th birthday
        (date(1960, 3, 16), True),  # the last day at 65 (66th birthday tomorrow)
        (date(1960, 3, 15), False),  # the 66th birthday
        (date(2026, 3, 16), False),  # not born yet
    ],
)
def test_within_program_ages_boundaries(birth: date, eligible: bool) -> None:
    assert within_program_ages(birth, TODAY) is eligible


@pytest.mark.parametrize(("age", "eligible"), [(17, False), (18, True), (65, True), (66, False)])
def test_within_age_limits(age: int, eligible: bool) -> None:
    assert within_age_limits(age) is eligible


def test_overridden_limits() -> None:
    params = DEFAULT.with_overrides(min_age=16, max_age=60)
    assert within_program_ages(date(2010, 3, 15), TODAY, params)
    assert not within_program_ages(date(1965, 3, 15), TODAY, params)
    assert within_program_ages(date(1965, 3, 16), TODAY, params)


@pytest.mark.parametrize(
    "on",
    [
        TODAY,
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2025, 3, 1),
        date(2026, 12, 31),
        date(2027, 1, 1),
    ],
)
def test_eligible_birth_dates_agree_with_within_program_ages(on: date) -> None:
    earliest, latest = eligible_birth_dates(on)
    for boundary in (earliest, latest):
        for offset in range(-400, 401):
            birth = boundary + timedelta(days=offset)
            assert (earliest <= birth <= latest) == within_program_ages(birth, on), birth


def test_eligible_birth_dates_today() -> None:
    assert eligible_birth_dates(TODAY) == (date(1960, 3, 16), date(2008, 3, 15))
