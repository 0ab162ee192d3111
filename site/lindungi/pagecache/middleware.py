"""The WSGI middleware: answers anonymous GET and HEAD from stored pages, and stores the pages
the app allows (see the package docstring for what is never stored)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header, parse_etags, unquote_etag

from lindungi.pagecache import ALLOWED, CANDIDATE, ENVIRON_KEY
from lindungi.pagecache.entry import StoredPage, make_page
from lindungi.pagecache.stores import is_current
from lindungi.pagecache.version import ContentVersion

log = logging.getLogger(__name__)
StartResponse = Callable[..., Any]
STORED_STATUSES = frozenset({200, 301, 404})
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/atom+xml", "application/json",
                      "application/manifest+json", "image/svg+xml")
RESULT_HEADER = "X-Page-Cache"  # hit or miss, on every response that could come from the cache


def accepted_encodings(header: str) -> set[str]:
    """Codings the client accepts (q > 0); a plain split is enough for Accept-Encoding."""
    found = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        params = params.replace(" ", "")
        if params.startswith("q=") and params[2:].rstrip("0.") == "":
            continue  # q=0, q=0.0 ...: refused
        found.add(name.strip().lower())
    return found


def choose_encoding(header: str, available: Iterable[str]) -> str:
    accepted = accepted_encodings(header) if header else set()
    for coding in ("br", "gzip"):
        if coding in available and (coding in accepted or "*" in accepted):
            return coding
    return "identity"


def storable(status: str, headers: list[tuple[str, str]]) -> bool:
    """The middleware's own last check on a response the app allowed."""
    if int(status.split(" ", 1)[0]) not in STORED_STATUSES:
        return False
    for name, value in headers:
        lower = name.lower()
        if lower in ("set-cookie", "content-encoding"):
            return False
        if lower == "vary" and ("cookie" in value.lower() or "*" in value):
            return False
        if lower == "cache-control" and any(
            word in value.lower() for word in ("private", "no-store", "no-cache")
        ):
            return False
    return True


class PageCacheMiddleware:
    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]],
                 content_version: ContentVersion) -> None:
        self.flask_app = app
        self.wsgi_app = wsgi_app
        self.content_version = content_version
        self.store = content_version.store
        self.locales = tuple(app.config["SUPPORTED_LOCALES"])
        self.default_locale = app.config["DEFAULT_LOCALE"]
        self.prefixes = {f"/{code}": code for code in self.locales}

    def _language(self, environ: dict[str, Any], path: str) -> str:
        first = path[: path.find("/", 1)] if path.count("/") > 1 else path
        if first in self.prefixes:
            return self.prefixes[first]
        # Pages outside a language (a 404 at the root) speak the browser's language.
        accept = parse_accept_header(environ.get("HTTP_ACCEPT_LANGUAGE", ""), LanguageAccept)
        return accept.best_match(self.locales, default=self.default_locale) or self.default_locale

    def key(self, environ: dict[str, Any]) -> str:
        path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        htmx = "hx" if environ.get("HTTP_HX_REQUEST") == "true" else "page"
        # Hashed: an address may carry anything a visitor typed, and keys must not keep it.
        raw = f"{self._language(environ, path)}|{htmx}|{path}?{query}"
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if (environ["REQUEST_METHOD"] not in ("GET", "HEAD") or "HTTP_COOKIE" in environ
                or "HTTP_AUTHORIZATION" in environ):
            return self.wsgi_app(environ, start_response)
        key = self.key(environ)
        now = self.content_version.now()
        version, page = self.store.lookup(key)
        if not is_current(version, now):
            try:
                version = self.content_version.renew(now)
            except (SQLAlchemyError, OSError):
                # The database (or the version file) is not there: the app answers alone,
                # with its own error page or health report, and nothing is stored.
                log.warning("page cache: could not start a new content version", exc_info=True)
                return self.wsgi_app(environ, start_response)
        elif page is not None and page.version == version:
            environ[ENVIRON_KEY + ".result"] = "hit"
            return self.serve(page, environ, start_response, "hit")
        environ[ENVIRON_KEY + ".result"] = "miss"
        return self.fill(key, str(version), environ, start_response)

    def fill(self, key: str, version: str, environ: dict[str, Any],
             start_response: StartResponse) -> Iterable[bytes]:
        environ[ENVIRON_KEY] = CANDIDATE
        captured: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if (environ.get(ENVIRON_KEY) == ALLOWED and environ["REQUEST_METHOD"] == "GET"
                    and exc_info is None and storable(status, headers)):
                captured[:] = [status, headers]
                return lambda _data: None  # nothing uses write(); bodies come from the iterable
            return start_response(status, headers, exc_info)

        app_iter = self.wsgi_app(environ, capture)
        if not captured:
            return app_iter
        try:
            body = b"".join(app_iter)
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
        status, headers = captured
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        page = make_page(version, status, headers, body,
                         compressible=content_type.startswith(COMPRESSIBLE_TYPES))
        self.store.put(key, page)
        return self.serve(page, environ, start_response, "miss")

    def serve(self, page: StoredPage, environ: dict[str, Any], start_response: StartResponse,
              result: str) -> Iterable[bytes]:
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), page.bodies)
        headers, etag = page.variant(encoding)
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if etag and if_none_match and page.status.startswith("200"):
            tag = unquote_etag(etag)[0]
            if tag is not None and parse_etags(if_none_match).contains_weak(tag):
                kept = [(k, v) for k, v in headers
                        if k.lower() not in ("content-type", "content-length",
                                             "content-encoding")]
                start_response("304 Not Modified", [*kept, (RESULT_HEADER, result)])
                return []
        start_response(page.status, [*headers, (RESULT_HEADER, result)])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [page.bodies[encoding]]
