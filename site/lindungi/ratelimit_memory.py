"""The rate-limit counters of one process (``memory://``: development, `make run` without Redis,
tests), without a thread per request.

limits' MemoryStorage starts a ``threading.Timer`` to sweep expired counters whenever its last
one has finished, and the timer runs 10 ms after it starts: on a busy server that is a new OS
thread for nearly every counted request (about 0.3 ms each on an idle 2-core machine, several
milliseconds when the cores are busy, since starting a thread waits until it runs), and a
second thread taking the GIL in the middle of the next request. The counts do not need it:
``get`` already drops an expired counter before reading it. Here the same sweep runs on the
request's own thread at most once a second, so stale keys still go.

Registered under the ``memory`` scheme (a subclass replaces the class limits' registry holds for
its scheme), so ``memory://`` keeps its meaning everywhere, including the production check that
refuses it with more than one worker (config.check_production_urls_and_limits). Production uses
Redis, which this does not touch.
"""

from __future__ import annotations

import time
from typing import Any

from limits.storage import MemoryStorage

SWEEP_SECONDS = 1.0


class SweptMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["memory"]  # noqa: RUF012 - limits reads this class attribute

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = 0.0

    # MemoryStorage calls `self.__schedule_expiry()`, which Python names as below.
    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_SECONDS
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]
