"""Data public pages read, kept in this process for one content version.

The content version (pagecache.version: a file under instance/ or one Redis key, shared by every
app server) is replaced after every commit that changes what public pages show, and moves on by
itself when a scheduled article goes live or a pinned notice ends. Query results kept under it
are therefore never older than the version every server reads: when another server publishes,
the next request here sees a new version and loads again. Pages are still put together per
request (whole pages are the page cache's job); what is kept here are query results and, in a
store of their own, the rendered pieces that are the same for every visitor (fragments.py).

Only reads of GET and HEAD requests use it, and of write requests that change no content and say
so (reads_as_published): a request that changes content reads its own uncommitted rows. What is
kept must not be changed by its readers: ORM objects are detached from the session (loaded
whole, nothing lazy left) so no later request's session ever touches them.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import Flask, current_app, g
from flask.globals import _cv_app, _cv_request

from lindungi.extensions import db

T = TypeVar("T")
EXTENSION = "versioned_data"
# Entries, least recently used dropped first: a news page (ten articles with both texts and their
# stored HTML) is about 150 KB, an article with its neighbours and related ones about 90 KB, so
# at most some 30 MB per worker (gunicorn workers stay under 120 MB, issue 12).
MAX_ENTRIES = 200
# Rendered pieces of pages (lindungi.fragments) in a store of their own, so that a visit to many
# news pages does not push the query results out: a news item is about 1 KB, the longest page
# body about 30 KB, so at most some 15 MB in practice.
FRAGMENTS = "versioned_fragments"
MAX_FRAGMENTS = 1000
_STATE = "lindungi_versioned"  # on g: the request it was worked out for, and its state
_AS_PUBLISHED = "lindungi_reads_as_published"  # on g: a write request that changes no content


class VersionedData:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self.version: Hashable = None
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, version: Hashable, key: Hashable, load: Callable[[], T]) -> T:
        with self.lock:
            if version != self.version:
                self.version, self.entries = version, OrderedDict()
            elif key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = load()
        with self.lock:
            if version == self.version:
                self.entries[key] = value
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return value


def _version() -> Hashable:
    """This request's content version (read once per request), with the app's clock when a test
    moved it (config NOW): what is visible depends on the moment as well."""
    if "content_version" not in g:
        from lindungi.pagecache import version

        g.content_version = (version.current(), current_app.config.get("NOW"))
    return g.content_version


def _request_state() -> tuple[dict[str, Any], Hashable] | None:
    """(the app's extensions, this request's content version) for a GET or HEAD request of an
    app with the stores, else None. Worked out once per request and read through the context
    variables directly: a page asks some twenty times, and each proxy costs more than the look-up
    it guards. Kept beside the request it was made for (a test may run several requests in one
    app context)."""
    app_ctx, request_ctx = _cv_app.get(None), _cv_request.get(None)
    if app_ctx is None or request_ctx is None:
        return None
    kept = app_ctx.g.__dict__.get(_STATE)
    if kept is not None and kept[0] is request_ctx.request:
        return kept[1]
    state = None
    reads = request_ctx.request.method in ("GET", "HEAD") or app_ctx.g.__dict__.get(_AS_PUBLISHED)
    if reads and EXTENSION in app_ctx.app.extensions:
        state = (app_ctx.app.extensions, _version())
    app_ctx.g.__dict__[_STATE] = (request_ctx.request, state)
    return state


def reads_as_published() -> None:
    """Called by a write request that changes no content (an enrollment submission writes a
    request, never an article, page, setting or the enrollment window): from here on its reads
    of content come from this process's store, as a GET's do, instead of a query each (the
    window's state and the privacy notice's version on every submission)."""
    g.__dict__[_AS_PUBLISHED] = True
    g.__dict__.pop(_STATE, None)


def cached(key: Hashable, load: Callable[[], T], store: str = EXTENSION) -> T:
    """`load()`'s result for this content version: from this process when already loaded."""
    state = _request_state()
    if state is None:
        return load()
    extensions, version = state
    kept: VersionedData = extensions[store]
    return kept.get(version, key, load)


def per_version(function: Callable[..., T]) -> Callable[..., T]:
    """`function(*args)` computed once per content version for each set of arguments (they
    must be hashable and say everything the result depends on besides content and settings,
    such as the language). Its result is shared: callers must not change it."""
    @functools.wraps(function)
    def wrapper(*args: Hashable) -> T:
        return cached((function.__module__, function.__qualname__, *args),
                      lambda: function(*args))

    return wrapper


def detached(value: T) -> T:
    """ORM objects (one, or lists and tuples of them, None allowed) taken out of the session once
    loaded, with what they hold (texts follow their article; the cover is taken out too)."""
    if isinstance(value, list | tuple):
        for item in value:
            detached(item)
    elif value is not None and value in db.session:
        cover = getattr(value, "cover", None)
        db.session.expunge(value)
        if cover is not None and cover in db.session:
            db.session.expunge(cover)
    return value


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = VersionedData()
    app.extensions[FRAGMENTS] = VersionedData(MAX_FRAGMENTS)
