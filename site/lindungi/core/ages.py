"""Exact ages and the program's age window.

A person born on 29 February has their birthday on 1 March in years without one (they are not a
year older on 28 February). This is how ``age_on`` counts, and it is the reading that never makes
someone older before their real birth date comes round.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from lindungi.core.parameters import DEFAULT, ProgramParameters


def age_on(birth_date: date, on_date: date) -> int:
    """Completed years of age on ``on_date``."""
    if on_date < birth_date:
        raise ValueError("on_date is before birth_date")
    not_yet_birthday = (on_date.month, on_date.day) < (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - not_yet_birthday


def within_age_limits(age: int, params: ProgramParameters = DEFAULT) -> bool:
    """For ages given in years only: min_age..max_age inclusive."""
    return params.min_age <= age <= params.max_age


def within_program_ages(
    birth_date: date, on_date: date, params: ProgramParameters = DEFAULT
) -> bool:
    """Eligible from the min_age birthday through the day before the (max_age + 1) birthday."""
    return on_date >= birth_date and within_age_limits(age_on(birth_date, on_date), params)


def _latest_birth_for_age(on_date: date, years: int) -> date:
    """The latest birth date of someone who is at least ``years`` old on ``on_date``."""
    year = on_date.year - years
    if (on_date.month, on_date.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return on_date.replace(year=year)


def eligible_birth_dates(on_date: date, params: ProgramParameters = DEFAULT) -> tuple[date, date]:
    """(earliest, latest) birth dates, inclusive, that are within the program ages on
    ``on_date``: handy for a date input's min and max."""
    too_old_until = _latest_birth_for_age(on_date, params.max_age + 1)
    return too_old_until + timedelta(days=1), _latest_birth_for_age(on_date, params.min_age)
