"""Rendering helpers bound to the request: figures in the page's language, the site's host, and
the Jinja filters `markdown`, `with_figures` and `sections` (registered by templating) that public
pages and the editor's preview share."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup, escape

from lindungi.content import rendering
from lindungi.content.figures import configured_figures, setting_tokens


def page_locale() -> str:
    return str(get_locale() or current_app.config["DEFAULT_LOCALE"])


def figures_for(locale: str) -> dict[str, str]:
    """The figures, formatted once per app and language (they follow only from the
    configuration), with this request's site settings (staff change those at any time)."""
    cache: dict[str, dict[str, str]] = current_app.extensions.setdefault("formatted_figures", {})
    if locale not in cache:
        cache[locale] = configured_figures(locale)
    return {**cache[locale], **setting_tokens(locale)}


def site_host() -> str:
    return urlsplit(current_app.config["BASE_URL"]).netloc


def render_body(text: str, locale: str | None = None) -> Markup:
    return rendering.render_markdown(text, figures_for(locale or page_locale()), site_host())


def with_figures(text: str, locale: str | None = None) -> Markup:
    if "[[" not in text:  # no token: nothing to fill in (most titles and summaries)
        return escape(text)
    return rendering.text_with_figures(text, figures_for(locale or page_locale()))


def sections(text: str, locale: str | None = None) -> tuple[Markup, list[rendering.Section]]:
    return rendering.split_sections(text, figures_for(locale or page_locale()), site_host())

