"""Languages: the locale comes from the URL prefix (/id/..., /en/...), set once per request.

Public blueprints are registered under "/<lang>"; url_for() fills the prefix in from the current
request, so templates never pass it except in the language switcher.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, g, request
from flask_babel import get_locale
from flask_login import current_user

LANG_ARG = "lang"


def register_localized(app: Flask, blueprint: Blueprint, prefix: str = "") -> None:
    """Register a public blueprint once, under /<lang> for every supported locale."""
    locales = ", ".join(f"'{code}'" for code in app.config["SUPPORTED_LOCALES"])
    app.register_blueprint(blueprint, url_prefix=f"/<any({locales}):{LANG_ARG}>{prefix}")


def init_app(app: Flask) -> None:
    @app.url_value_preprocessor
    def pull_lang(_endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values and LANG_ARG in values:
            g.lang = values.pop(LANG_ARG)

    @app.url_defaults
    def add_lang(endpoint: str, values: dict[str, Any]) -> None:
        if LANG_ARG in values or not app.url_map.is_endpoint_expecting(endpoint, LANG_ARG):
            return
        values[LANG_ARG] = current_lang()


def current_lang() -> str:
    """The page's language: the URL's, else the best match for the browser, else Indonesian."""
    return g.get("lang") or lang_from_path() or preferred_lang()


def lang_from_path() -> str | None:
    """The prefix of a path that matched no route (a 404 under /en/ is an English page)."""
    first = request.path.lstrip("/").split("/", 1)[0]
    return first if first in current_app.config["SUPPORTED_LOCALES"] else None


def preferred_lang() -> str:
    supported = current_app.config["SUPPORTED_LOCALES"]
    default = current_app.config["DEFAULT_LOCALE"]
    return request.accept_languages.best_match(supported, default=default) or default


def select_locale() -> str:
    if g.get("lang") or lang_from_path():
        return current_lang()
    if request.path.startswith("/staf"):
        return staff_lang()
    return preferred_lang()


def staff_lang() -> str:
    """Staff pages have no language prefix: the language the signed-in staff member chose on
    their account page, else Indonesian (also on the sign-in page)."""
    default = current_app.config["DEFAULT_LOCALE"]
    if not current_user.is_authenticated:
        return default
    chosen = getattr(current_user, "language", None)
    return chosen if chosen in current_app.config["SUPPORTED_LOCALES"] else default


def other_languages() -> list[str]:
    here = str(get_locale())
    return [code for code in current_app.config["SUPPORTED_LOCALES"] if code != here]


LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
