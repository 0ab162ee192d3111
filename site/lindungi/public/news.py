"""News: the list (paginated, filtered by category), the article page and the Atom feed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from lindungi.caching import cacheable
from lindungi.content import public_data, queries
from lindungi.content.models import Article, ArticleText, Category
from lindungi.content.sections import CATEGORY_SLUGS
from lindungi.content.web import page_locale, with_figures
from lindungi.formatting import iso_wita
from lindungi.public.blueprint import bp
from lindungi.public.helpers import absolute_url, media_url, share_links
from lindungi.textinput import xml_text
from lindungi.versioned import cached

FEED_ENTRIES = 20
PUBLISHER = "Pemerintah Kota Makassar"


def _category_from_args() -> tuple[str, Category | None]:
    slug = request.args.get("kategori", "")
    if not slug:
        return "", None
    if slug not in CATEGORY_SLUGS:
        abort(404)
    return slug, CATEGORY_SLUGS[slug]


@bp.get("/berita")
@cacheable
def news() -> str:
    slug, category = _category_from_args()
    listing = public_data.news_page(category)
    return render_template("public/news.html", listing=listing, category=category,
                           category_slug_selected=slug, categories=CATEGORY_SLUGS)


def _json_ld(article: Article, text: ArticleText, canonical: str) -> dict[str, Any]:
    """schema.org NewsArticle: data for search engines, never executed (type ld+json)."""
    modified = article.content_updated_at or article.publish_at
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(with_figures(text.title, text.lang))[:110],
        "description": str(with_figures(text.summary, text.lang)),
        "inLanguage": text.lang,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "datePublished": iso_wita(article.publish_at) if article.publish_at else None,
        "dateModified": iso_wita(modified) if modified else None,
        "author": {"@type": "GovernmentOrganization", "name": PUBLISHER},
        "publisher": {
            "@type": "GovernmentOrganization", "name": PUBLISHER,
            "logo": {"@type": "ImageObject",
                     "url": absolute_url("static", filename="icons/icon-512.png")},
        },
    }
    if article.cover is not None:
        data["image"] = [_absolute(media_url(article.cover))]
    return data


def _absolute(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


@bp.get("/berita/<slug>")
@cacheable
def article(slug: str) -> str | Response:
    found = public_data.article(slug)
    if found is None:
        moved = public_data.redirect_slug(slug)
        if moved is None:
            abort(404)
        return redirect(url_for("public.article", slug=moved), code=301)
    lang = page_locale()
    # Share links, structured data and addresses follow from the article and the language only:
    # worked out once per content version (the objects themselves are kept the same way).
    context = cached(("article-context", found.article.id, lang), lambda: article_context(
        found.article, lang, (found.older, found.newer), found.related))
    return render_template("public/article.html", **context)


def article_context(found: Article, lang: str,
                    around: tuple[Article | None, Article | None] | None = None,
                    related: list[Article] | None = None) -> dict[str, Any]:
    """Everything public/article.html shows; the editor's preview renders a draft with it
    (and the public page passes the neighbours and related articles it already has)."""
    text = found.text_or_fallback(lang)
    langs = [t.lang for t in found.texts]
    # An article without English is canonical at its Indonesian address.
    canonical = absolute_url("public.article", slug=found.slug, lang=text.lang)
    older, newer = around if around is not None else queries.neighbours(found)
    return {
        "article": found, "text": text, "fallback": text.lang != lang,
        "head_langs": langs, "canonical_lang": text.lang, "canonical": canonical,
        "share": share_links(canonical, str(with_figures(text.title, text.lang))),
        "json_ld": _json_ld(found, text, canonical),
        "related": related if related is not None else queries.related_articles(found),
        "older": older, "newer": newer,
        "cover_url": _absolute(media_url(found.cover)) if found.cover else None,
    }


@bp.get("/berita/feed.xml")
@cacheable
def feed() -> Response:
    """Atom 1.0, one feed per language; an entry without a translation keeps its Indonesian
    text, marked with xml:lang."""
    lang = page_locale()
    entries = public_data.latest_articles(FEED_ENTRIES)
    updated = max(
        (a.content_updated_at or a.publish_at for a in entries if a.publish_at), default=None
    )
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    # xml_text: an article saved before control characters were removed on input must not make
    # the whole feed unreadable (XML 1.0 forbids them even escaped).
    body = xml_text(render_template(
        "public/feed.xml", entries=entries, lang=lang, updated=updated or queries.now(),
        tag_host=host, publisher=PUBLISHER,
    ))
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    return response
