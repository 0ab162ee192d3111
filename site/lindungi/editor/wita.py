"""Times as staff type and read them: in WITA (Asia/Makassar), stored as naive UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from lindungi.formatting import WITA, to_wita

# What <input type="datetime-local"> sends ("2026-12-01T09:30"); a space is accepted too.
_DATETIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$", re.ASCII)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


def parse_datetime(text: str) -> datetime | None:
    """"2026-12-01T09:30" in WITA -> naive UTC, or None when it is not a real moment."""
    found = _DATETIME_RE.match(text.strip())
    if found is None:
        return None
    try:
        local = datetime(*(int(part) for part in found.groups()), tzinfo=WITA)
    except ValueError:
        return None
    return local.astimezone(UTC).replace(tzinfo=None)


def parse_date(text: str) -> date | None:
    found = _DATE_RE.match(text.strip())
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def input_value(moment: datetime | None) -> str:
    """The value of a datetime-local field for a stored time."""
    return to_wita(moment).strftime("%Y-%m-%dT%H:%M") if moment is not None else ""


def end_of_day(day: date) -> datetime:
    """A pin "until 5 December" lasts to the end of that day in Makassar: the stored bound is
    the first moment of the next WITA day (naive UTC)."""
    start = datetime.combine(day + timedelta(days=1), time(0), tzinfo=WITA)
    return start.astimezone(UTC).replace(tzinfo=None)


def last_day(until: datetime | None) -> date | None:
    """The WITA day an end_of_day() bound belongs to."""
    if until is None:
        return None
    return (to_wita(until) - timedelta(microseconds=1)).date()


def same_minute(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)
