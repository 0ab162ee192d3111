"""Where stored pages and the content version live: this process (version in a file the
workers of one machine share) or Redis (both, shared by every app server).

The version is one string, "<random token> <next change as a Unix time, or ->": the token is
replaced on every content change, the time is when a scheduled article goes live or a pinned
notice ends (after which the version is out of date by itself)."""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

from flask import Flask

from lindungi.pagecache.entry import StoredPage

log = logging.getLogger(__name__)
NO_CHANGE_DUE = "-"


def new_version(next_change: float | None) -> str:
    due = NO_CHANGE_DUE if next_change is None else f"{next_change:.3f}"
    return f"{secrets.token_hex(8)} {due}"


def is_current(version: str | None, now: float) -> bool:
    """False for a missing version and for one whose next scheduled change has come."""
    if not version:
        return False
    due = version.rpartition(" ")[2]
    return due == NO_CHANGE_DUE or now < float(due)


class Store(Protocol):
    def read_version(self) -> str | None: ...
    def lookup(self, key: str) -> tuple[str | None, StoredPage | None]: ...
    def put(self, key: str, page: StoredPage) -> None: ...
    def set_version(self, version: str) -> None: ...


class ProcessStore:
    """Pages in this process, least recently used dropped first beyond `max_bytes`; the
    version in a small file so a publish through one worker reaches every worker at once."""

    def __init__(self, version_file: Path, max_bytes: int) -> None:
        self.version_file = version_file
        self.max_bytes = max_bytes
        self.pages: OrderedDict[str, StoredPage] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self._seen: tuple[tuple[int, int], str | None] = ((-1, -1), None)

    def read_version(self) -> str | None:
        """A stat per lookup; the file is read again only when it was replaced (every write is
        a new file, so its inode number changes)."""
        try:
            info = os.stat(self.version_file)
        except FileNotFoundError:
            return None
        identity = (info.st_ino, info.st_mtime_ns)
        if identity != self._seen[0]:
            try:
                with open(self.version_file, encoding="ascii") as handle:
                    self._seen = (identity, handle.read().strip() or None)
            except FileNotFoundError:
                return None
        return self._seen[1]

    def lookup(self, key: str) -> tuple[str | None, StoredPage | None]:
        version = self.read_version()
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
        return version, page

    def put(self, key: str, page: StoredPage) -> None:
        if page.size > self.max_bytes // 4:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= old.size
            self.pages[key] = page
            self.size += page.size
            while self.size > self.max_bytes and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= dropped.size

    def set_version(self, version: str) -> None:
        # Write beside and rename: a worker reads the old version or the new one, never half.
        self.version_file.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.version_file.parent, prefix=".page-version")
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(version)
        os.replace(temporary, self.version_file)


class RedisStore:
    """Version and pages in Redis: one round trip (MGET) per lookup. When Redis fails, pages
    are served by the app (a miss) and nothing is stored: the cache never takes the site down."""

    VERSION_KEY = "lindungi:page-cache:version"

    def __init__(self, url: str, namespace: str, ttl_seconds: int) -> None:
        import redis

        self.errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.namespace = f"lindungi:page-cache:{namespace}:"
        self.ttl_seconds = ttl_seconds
        self._last_warning = 0.0

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._last_warning > 60:
            self._last_warning = now
            log.warning("page cache: Redis unavailable (%s); serving without the cache",
                        type(error).__name__)

    def read_version(self) -> str | None:
        try:
            raw_version = self.client.get(self.VERSION_KEY)
        except self.errors as error:
            self._warn(error)
            return None
        return raw_version.decode("ascii") if raw_version else None

    def lookup(self, key: str) -> tuple[str | None, StoredPage | None]:
        try:
            raw_version, raw_page = self.client.mget(self.VERSION_KEY, self.namespace + key)
        except self.errors as error:
            self._warn(error)
            return None, None
        version = raw_version.decode("ascii") if raw_version else None
        page = StoredPage.from_bytes(raw_page) if raw_page else None
        return version, page

    def put(self, key: str, page: StoredPage) -> None:
        try:
            self.client.set(self.namespace + key, page.to_bytes(), ex=self.ttl_seconds)
        except self.errors as error:
            self._warn(error)

    def set_version(self, version: str) -> None:
        try:
            self.client.set(self.VERSION_KEY, version)
        except self.errors as error:
            # A change is committed already; while Redis is down every lookup is a miss, so
            # no server serves the old page meanwhile.
            self._warn(error)


def make_store(app: Flask, namespace: str) -> Store:
    cfg = app.config
    if cfg["REDIS_URL"]:
        return RedisStore(cfg["REDIS_URL"], namespace, int(cfg["PAGE_CACHE_TTL_SECONDS"]))
    version_file = cfg["PAGE_CACHE_VERSION_FILE"] or Path(app.instance_path) / "page-cache-version"
    return ProcessStore(Path(version_file), int(cfg["PAGE_CACHE_MAX_MB"]) * 1024 * 1024)
