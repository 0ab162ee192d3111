"""Exponential backoff between delivery attempts: a minute, then doubling, up to a cap."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lindungi.outbox.worker import retry_delay

MINUTE = timedelta(minutes=1)


@pytest.mark.parametrize(("attempt", "minutes"), [(1, 1), (2, 2), (3, 4), (4, 8), (8, 128)])
def test_each_failure_doubles_the_wait(attempt: int, minutes: int) -> None:
    assert retry_delay(attempt, MINUTE, timedelta(hours=6)) == timedelta(minutes=minutes)


def test_the_wait_stops_growing_at_the_cap() -> None:
    cap = timedelta(hours=6)
    assert retry_delay(10, MINUTE, cap) == cap  # 512 minutes would be more
    assert retry_delay(60, MINUTE, cap) == cap  # no overflow for a very old message


def test_the_delays_never_shrink() -> None:
    delays = [retry_delay(n, MINUTE, timedelta(hours=6)) for n in range(1, 30)]
    assert delays == sorted(delays)
