"""HTTP caching for anonymous public pages: an ETag from the content version, 304 for a
matching conditional request (without rendering), and Cache-Control public with a short max-age.

Pages with anything personal never use this; they call security.mark_private() (no-store).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ParamSpec

from flask import current_app, make_response, request
from werkzeug.wrappers import Response

from lindungi import pagecache
from lindungi.pagecache import version
from lindungi.paths import PROJECT_ROOT, __version__

P = ParamSpec("P")


@functools.cache
def _code_digest(root: Path) -> str:
    """Templates, compiled catalogs and static files (pages name them by hash) change the HTML
    too; hashed once per process from the files themselves, so every app server of one release
    computes the same value."""
    digest = hashlib.sha256(__version__.encode())
    folders = ((root / "templates", "**/*"), (root / "translations", "**/*.mo"),
               (root / "static", "**/*"))
    for folder, pattern in folders:
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def release_digest(cfg: Mapping[str, Any]) -> str:
    """What changes every page without a content change: the code and the settings pages show
    (the logo, the age range's source, and whether demo content is shown, which ENV decides)."""
    settings = (cfg["BASE_URL"], cfg["PROGRAM_MIN_AGE"], cfg["PROGRAM_MAX_AGE"], cfg["KPJ_LENGTH"],
                cfg["LOGO_URL"], cfg["PROGRAM_AGE_SOURCE"], cfg["ENV"])
    raw = "|".join(str(part) for part in (_code_digest(PROJECT_ROOT), *settings))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def request_etag() -> str:
    """The address, page or fragment, the release and the content version (which every commit
    that changes content replaces, a closing or reopening of requests and a figures refresh
    included, and which moves on by itself at a scheduled publication): no query."""
    raw = "|".join((_release(), request.full_path, "hx" if request.htmx else "page",
                    version.current()))
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _release() -> str:
    cached = current_app.extensions.get("release_digest")
    if cached is None:
        cached = current_app.extensions["release_digest"] = release_digest(current_app.config)
    return cached


def _mark_cacheable(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["PUBLIC_CACHE_SECONDS"])
    response.vary.add("HX-Request")
    return response


def cacheable(view: Callable[P, object]) -> Callable[P, Response]:
    """Answer 304 when the visitor's copy is current; otherwise render and tag the page."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        etag = request_etag()
        # Weak comparison (RFC 9110): a gzip proxy may have weakened the tag it passed on.
        if request.if_none_match.contains_weak(etag):
            return _mark_cacheable(current_app.response_class(status=304), etag)
        response = make_response(view(*args, **kwargs))
        if response.status_code not in (200, 301):
            return response
        pagecache.allow_storing()
        return _mark_cacheable(response, etag)

    return wrapper
