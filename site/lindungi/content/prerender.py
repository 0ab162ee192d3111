"""Markdown bodies rendered once, when saved, and stored beside the text (`rendered`): public
pages then show stored HTML instead of parsing and sanitising Markdown on every request.

The stored rendering names what it was made from (the body, the figures in the text's language,
the values of the site settings the body uses, the site's host and this renderer's version).
When any of these differ at display time (a setting changed, an unsaved preview), the body is
rendered afresh, so nothing stale is shown; saving a setting stores the texts using it again.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

from flask import current_app
from markupsafe import Markup

from lindungi.content import rendering
from lindungi.content.figures import configured_figures, setting_tokens

RENDERER_VERSION = "1"


class RenderedText(Protocol):
    lang: str
    body: str
    rendered: dict[str, Any] | None


def _setting_digest(lang: str) -> str:
    """Figures and host for `lang`: these change only with the configuration, so once per app."""
    cache: dict[str, str] = current_app.extensions.setdefault("render_settings", {})
    if lang not in cache:
        figures = sorted(configured_figures(lang).items())
        raw = repr((RENDERER_VERSION, figures, _site_host()))
        cache[lang] = hashlib.sha256(raw.encode()).hexdigest()
    return cache[lang]


def _site_host() -> str:
    from lindungi.content.web import site_host

    return site_host()


def render_key(body: str, lang: str) -> str:
    """Site settings change at any time: only those the body names are part of its key, so a
    new phone number makes the texts that show it stale, not every text."""
    used = set(rendering.TOKEN_RE.findall(body))
    settings = sorted((k, v) for k, v in setting_tokens(lang).items() if k in used) if used else []
    raw = f"{_setting_digest(lang)}|{settings!r}|{body}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def prerender(text: RenderedText) -> None:
    """Render `text.body` now and store it (called by content.operations on every save)."""
    from lindungi.content.web import figures_for

    figures, host = figures_for(text.lang), _site_host()
    intro, sections = rendering.split_sections(text.body, figures, host)
    text.rendered = {
        "key": render_key(text.body, text.lang),
        "html": str(rendering.render_markdown(text.body, figures, host)),
        "intro": str(intro),
        "sections": [[section.heading, str(section.body)] for section in sections],
    }


def _stored(text: RenderedText) -> dict[str, Any] | None:
    stored = getattr(text, "rendered", None)
    if stored and stored.get("key") == render_key(text.body, text.lang):
        return stored
    return None


def body_html(text: RenderedText) -> Markup:
    stored = _stored(text)
    if stored is not None:
        return Markup(stored["html"])  # noqa: S704 - sanitised by nh3 when it was stored
    from lindungi.content.web import render_body

    return render_body(text.body, text.lang)


def body_sections(text: RenderedText) -> tuple[Markup, list[rendering.Section]]:
    stored = _stored(text)
    if stored is not None:
        return Markup(stored["intro"]), [  # noqa: S704 - sanitised by nh3 when stored
            rendering.Section(heading, Markup(html))  # noqa: S704
            for heading, html in stored["sections"]
        ]
    from lindungi.content.web import sections

    return sections(text.body, text.lang)


def render_stale() -> int:
    """Render and store every text whose stored rendering is missing or out of date (after
    this migration, or a change of settings such as the site's address); returns how many."""
    import sqlalchemy as sa

    from lindungi.content.models import ArticleText, PageText
    from lindungi.extensions import db

    count = 0
    for model in (ArticleText, PageText):
        for text in db.session.scalars(sa.select(model)):
            if _stored(text) is None:
                prerender(text)
                count += 1
    db.session.flush()
    return count
