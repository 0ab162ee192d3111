"""Full-page cache for anonymous public pages, in front of Flask's dispatch (a WSGI middleware):
a hit costs a version check and a lookup, no routing, no database.

Which responses may be stored is decided by the app, per response: views that are public and
anonymous call allow_storing() (the public `cacheable` decorator and the 404 page do), and the
middleware then still refuses anything that sets or varies on a cookie, is private or no-store,
or is an error other than 404. Requests with a cookie or credentials, and anything but GET and
HEAD, never touch the cache.

Every content change (a flush that touches articles, pages, hospitals, images or redirects,
through content.operations or otherwise) replaces the content version after the commit; the
version also carries the next moment a scheduled article goes live or a pinned notice ends, and
a lookup after that moment is a miss that starts a new version. Stored pages belong to one
version, so a page is never served a moment after an edit nor past a scheduled time.

Storage: in this process (bounded, least recently used first out) with the version in a file
under instance/ shared by the workers of one machine; in Redis when LINDUNGI_REDIS_URL is set,
version and bodies, shared by every app server. LINDUNGI_PAGE_CACHE=0 turns it off.
"""

from __future__ import annotations

from flask import Flask, request

ENVIRON_KEY = "lindungi.page_cache"
# Values the app writes into the request environ for the middleware.
CANDIDATE = "candidate"  # set by the middleware: it will store a response the app allows
ALLOWED = "allowed"  # set by the app: this response may be stored
REFUSED = "refused"  # set by the app: never store this one, whatever else allowed it


def allow_storing() -> None:
    """This response is the same for every anonymous visitor and may be stored (when the
    middleware is in front and the request is one it may answer from the cache)."""
    if request.environ.get(ENVIRON_KEY) == CANDIDATE:
        request.environ[ENVIRON_KEY] = ALLOWED


def refuse_storing() -> None:
    """Never store this response (e.g. it holds what the visitor typed)."""
    request.environ[ENVIRON_KEY] = REFUSED


def will_be_stored() -> bool:
    """The middleware will store this response, and compresses it itself."""
    return request.environ.get(ENVIRON_KEY) == ALLOWED


def init_app(app: Flask) -> None:
    """The content version always (every public page's ETag follows it); the middleware in
    front of Flask unless LINDUNGI_PAGE_CACHE=0."""
    from lindungi.caching import release_digest
    from lindungi.pagecache import version
    from lindungi.pagecache.middleware import PageCacheMiddleware

    content_version = version.init_app(app, release_digest(app.config))
    if not app.config["PAGE_CACHE"]:
        return
    middleware = PageCacheMiddleware(app, app.wsgi_app, content_version)
    app.wsgi_app = middleware  # type: ignore[method-assign]
    app.extensions["page_cache"] = middleware
