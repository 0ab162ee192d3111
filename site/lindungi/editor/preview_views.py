"""Previews: the live one beside the editor (an htmx POST returning the sanitised HTML), and a
draft article or a page shown through the public templates, exactly as the public will see it,
with a banner on top. Both behind sign-in; /staf pages are never cached (no-store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, g, render_template, request, url_for
from werkzeug.wrappers import Response

from lindungi.content.models import Article
from lindungi.content.rendering import unknown_tokens
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.content.web import page_locale, render_body
from lindungi.core.parameters import figures
from lindungi.core.promises import TOKENS
from lindungi.editor.article_views import load_article
from lindungi.editor.blueprint import EDITORS, bp
from lindungi.editor.labels import page_label
from lindungi.editor.page_views import page_key_or_404
from lindungi.editor.states import State, article_state
from lindungi.program import program_parameters
from lindungi.public.news import article_context
from lindungi.staff.access import require_roles
from lindungi.timeutil import utcnow

LIVE_PREVIEW_MAX = 60_000
LANGS = ("id", "en")


@bp.post("/pratinjau")
@require_roles(*EDITORS)
def live_preview() -> str:
    """The Markdown of one body field (`<lang>_body`) rendered as the public page renders it."""
    lang = request.form.get("lang", "id")
    lang = lang if lang in LANGS else "id"
    text = request.form.get(f"{lang}_body", "")[:LIVE_PREVIEW_MAX]
    unknown = unknown_tokens(text, {**figures(program_parameters()), **dict.fromkeys(TOKENS)})
    return render_template("editor/_live_preview.html", html=render_body(text, lang),
                           unknown=unknown)


@dataclass(frozen=True)
class PreviewBanner:
    """What the banner above a preview says and links to."""

    title: str
    state: State | None
    publish_at: datetime | None
    edit_url: str
    other_langs: list[tuple[str, str]]  # (lang, preview URL)


class PreviewArticle:
    """The article as the public page will show it: a draft without a publish time shows the
    time of the preview. Reads through to the article; never changes it."""

    def __init__(self, article: Article, now: datetime) -> None:
        self._article = article
        self.publish_at = article.publish_at or now

    def __getattr__(self, name: str) -> Any:
        return getattr(self._article, name)


def _other_langs(endpoint: str, **values: Any) -> list[tuple[str, str]]:
    here = page_locale()
    return [(lang, url_for(endpoint, lang=lang, **values)) for lang in LANGS if lang != here]


@bp.get("/berita/<int:article_id>/pratinjau", defaults={"lang": "id"})
@bp.get("/berita/<int:article_id>/pratinjau/<any(id, en):lang>")
@require_roles(*EDITORS)
def article_preview(article_id: int) -> str:
    article = load_article(article_id)
    now = utcnow()
    g.editor_preview = PreviewBanner(
        title=article.text_or_fallback("id").title, state=article_state(article, now),
        publish_at=article.publish_at,
        edit_url=url_for("editor.edit_article", article_id=article.id),
        other_langs=_other_langs("editor.article_preview", article_id=article.id),
    )
    context = article_context(PreviewArticle(article, now), page_locale())
    return render_template("public/article.html", **context)


@bp.get("/halaman/<key>/pratinjau", defaults={"lang": "id"})
@bp.get("/halaman/<key>/pratinjau/<any(id, en):lang>")
@require_roles(*EDITORS)
def page_preview(key: str) -> str | Response:
    """The public view itself renders the page (its tables and figures too); only its HTTP
    caching is skipped."""
    endpoint, values = PAGE_ENDPOINTS[page_key_or_404(key)]
    g.editor_preview = PreviewBanner(
        title=page_label(key), state=None, publish_at=None,
        edit_url=url_for("editor.edit_page", key=key),
        other_langs=_other_langs("editor.page_preview", key=key),
    )
    view = current_app.view_functions[endpoint]
    return getattr(view, "__wrapped__", view)(**values)
