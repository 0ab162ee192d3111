"""url_for without building the same address twice: a page links the same few dozen endpoints
(navigation, footer, language alternates, images) on every request, and building one costs more
than the rest of its line in the template.

An address follows only from the URL map (fixed once the app runs), the endpoint and its values,
the page's language (filled in by i18n.add_lang) and the mount point (SCRIPT_NAME), so it is
kept per process under exactly those; it holds no data and nothing a visitor typed reaches the
key except as an argument of a route that accepts it. Anything else (external addresses,
anchors, a relative endpoint, a page without a language in its path, values that are not plain
strings and numbers) goes to Flask's url_for unchanged.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, has_request_context, request
from flask import url_for as flask_url_for

MAX_KEPT = 20_000  # addresses; each a few hundred bytes at most
_PLAIN = (str, int, type(None))
_kept: dict[tuple[Any, ...], str] = {}


def url_for(endpoint: str, **values: Any) -> str:
    lang = g.get("lang") if has_request_context() else None
    if lang is None or endpoint.startswith(".") or not all(
            type(value) in _PLAIN and not name.startswith("_") for name, value in values.items()):
        return flask_url_for(endpoint, **values)
    key = (request.script_root, lang, endpoint, *sorted(values.items()))
    found = _kept.get(key)
    if found is None:
        found = flask_url_for(endpoint, **values)
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = found
    return found


def init_app(app: Flask) -> None:
    """Templates call this url_for."""
    app.jinja_env.globals["url_for"] = url_for
