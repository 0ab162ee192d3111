"""Rate-limit counters in one process (`memory://`): the same counts as limits' MemoryStorage,
without a new thread per counted request."""

from __future__ import annotations

import threading

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from lindungi import ratelimit_memory
from lindungi.ratelimit_memory import SweptMemoryStorage


def test_memory_scheme_gives_the_swept_storage() -> None:
    assert isinstance(storage_from_string("memory://"), SweptMemoryStorage)


def test_counts_and_refuses_over_the_limit_without_starting_threads() -> None:
    storage = storage_from_string("memory://")
    limiter = FixedWindowRateLimiter(storage)
    limit = parse("3 per minute")
    before = threading.active_count()
    hits = [limiter.hit(limit, "client-a") for _ in range(50)]
    assert hits[:3] == [True] * 3 and not any(hits[3:])
    assert limiter.hit(limit, "client-b")  # another client has its own count
    assert threading.active_count() <= before


def test_expired_counters_are_swept_on_a_later_hit(monkeypatch) -> None:
    storage = storage_from_string("memory://")
    storage.incr("old", expiry=60)
    storage.expirations["old"] = 0.0  # as if its window ended long ago
    monkeypatch.setattr(ratelimit_memory.time, "monotonic", lambda: 10**9)
    storage.incr("new", expiry=60)
    assert "old" not in storage.storage and "old" not in storage.expirations
    assert storage.get("new") == 1
