"""Settings as pages read them: loaded once per request, formatted for a language. Public pages
read settings from the database only (never the session), so they stay cacheable: saving a
setting replaces the content version (pagecache.invalidation), which every public page's ETag and
the page cache are keyed by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
import sqlalchemy as sa
from flask import g, has_app_context
from flask_babel import gettext

from lindungi.content.models import MediaImage
from lindungi.core.promises import BY_KEY, CHANNELS, TOKENS
from lindungi.extensions import db
from lindungi.site_settings.models import SiteSetting

# Characters Markdown would read as formatting: a setting's text is inserted into page bodies.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def markdown_literal(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def phone_display(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    text: str
    href: str  # "" when the channel is not a link


class SiteValues:
    """The filled settings. ``get`` gives "" for anything not set."""

    def __init__(self, raw: dict[str, str]) -> None:
        self.raw = {key: value for key, value in raw.items() if value.strip()}
        self._tokens: dict[str, dict[str, str]] = {}  # per language, made once (never changed)

    def get(self, key: str) -> str:
        return self.raw.get(key, "")

    def text(self, key: str, lang: str) -> str:
        """A translated setting: the English text when asked and given, else the Indonesian."""
        if lang != "id" and self.get(f"{key}_{lang}"):
            return self.get(f"{key}_{lang}")
        return self.get(key)

    def whole(self, key: str) -> int | None:
        value = self.get(key)
        return int(value) if value.isascii() and value.isdigit() else None

    def flag(self, key: str) -> bool:
        return self.get(key) == "1"

    def _shown(self, key: str, lang: str) -> tuple[str, str] | None:
        """(text, link) of a channel other than the map, without words from the catalog: page
        bodies are also rendered when saved, outside any request (content.prerender)."""
        value = self.text(key, lang) if BY_KEY[key].translated else self.get(key)
        if not value:
            return None
        if key == "phone":
            return phone_display(value), f"tel:{value}"
        if key == "whatsapp":
            return phone_display(value), f"https://wa.me/{value.lstrip('+')}"
        if key == "email":
            return value, f"mailto:{value}"
        return value, ""

    def channel(self, key: str, lang: str) -> Channel | None:
        if key == "map_url":
            if not self.get(key):
                return None
            return Channel(key, gettext("Map"),
                           gettext("Open the office on a map (another website)"), self.get(key))
        shown = self._shown(key, lang)
        if shown is None:
            return None
        return Channel(key, gettext(BY_KEY[key].label), *shown)

    def channels(self, lang: str) -> list[Channel]:
        """The city's channels that are set, in a fixed order; unset ones are simply absent."""
        found = (self.channel(key, lang) for key in CHANNELS)
        return [channel for channel in found if channel is not None]

    def tokens(self, lang: str) -> dict[str, str]:
        """``[[key]]`` values for page bodies (Markdown); "" for a setting that is not set, and a
        line holding one of those is left out (content.rendering). The same dict every call
        for a language: callers read it, never change it."""
        made = self._tokens.get(lang)
        if made is None:
            made = self._tokens[lang] = self._make_tokens(lang)
        return made

    def _make_tokens(self, lang: str) -> dict[str, str]:
        values: dict[str, str] = {}
        for key in TOKENS:
            shown = self._shown(key, lang) if key in CHANNELS else (self.get(key), "")
            if shown is None:
                values[key] = ""
            elif shown[1]:
                values[key] = f"[{markdown_literal(shown[0])}]({shown[1]})"
            else:
                values[key] = markdown_literal(shown[0])
        return values

    def home_image(self) -> MediaImage | None:
        key = self.get("home_image")
        if not key:
            return None
        return db.session.scalar(sa.select(MediaImage).where(MediaImage.key == key))


def load() -> SiteValues:
    # No autoflush: bodies are rendered while an edit is half made (content.prerender), and a
    # flush then would write the edited row twice (and move its version twice).
    with db.session.no_autoflush:
        rows = db.session.execute(sa.select(SiteSetting.key, SiteSetting.value)).all()
    return SiteValues({key: value for key, value in rows})


def current() -> SiteValues:
    """This request's settings (read once per request; for reading requests, once per content
    version, which every saved setting replaces)."""
    if not has_app_context():
        return SiteValues({})
    if "site_values" not in g:
        from lindungi.versioned import cached

        g.site_values = cached(("site_values",), load)
    return g.site_values


def template_globals() -> dict[str, Any]:
    return {"site_values": current}
