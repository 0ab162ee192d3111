"""The content version: one short string that changes after every commit that changes what
public pages show (articles, pages, hospitals, images, redirects, the enrollment window, the
published figures) and by itself at the next moment a scheduled article goes live or a pinned
notice ends. The page cache keeps pages per version, and every public page's ETag is made from
it, with or without the page cache: reading it is a stat of a small file (or one Redis GET),
never a query, so a page's validator costs nothing per request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, current_app, g

from lindungi.pagecache.stores import Store, is_current, make_store, new_version

EXTENSION = "content_version"


class ContentVersion:
    def __init__(self, app: Flask, store: Store, next_change: Callable[[float], float | None]):
        self.flask_app = app
        self.store = store
        self.next_change = next_change

    def now(self) -> float:
        fixed = self.flask_app.config.get("NOW")  # tests move the app's clock
        return fixed.timestamp() if fixed is not None else time.time()

    def renew(self, now: float) -> str:
        """A new version (the database says when the next scheduled change is)."""
        version = new_version(self.next_change(now))
        self.store.set_version(version)
        return version

    def current(self) -> str:
        now = self.now()
        version = self.store.read_version()
        return version if version is not None and is_current(version, now) else self.renew(now)

    def changed(self) -> None:
        """After a commit that changed content: every stored page and ETag is out of date."""
        self.renew(self.now())


def init_app(app: Flask, namespace: str) -> ContentVersion:
    from lindungi.pagecache import invalidation

    def next_change(now: float) -> float | None:
        with app.app_context():
            g.reads_only = True  # outside a request: no SQLite write lock for a read
            return invalidation.next_change(now)

    version = ContentVersion(app, make_store(app, namespace), next_change)
    app.extensions[EXTENSION] = version
    invalidation.init_app(app)
    return version


def current() -> str:
    """The current content version of this app (see the module's docstring)."""
    return current_app.extensions[EXTENSION].current()
