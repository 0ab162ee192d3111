"""The sitemap: /sitemap.xml is an index of smaller files, so none grows with the news archive
and each is made once per content version (the page cache keeps it): /sitemap-halaman.xml for
the home page, the news list, the services and the long-form pages, and /sitemap-berita-<n>.xml
for the published articles, ARTICLES_PER_FILE each, oldest first (so earlier files stay the
same as news is added)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import abort, current_app, make_response, render_template
from werkzeug.wrappers import Response

from lindungi.caching import cacheable
from lindungi.content import queries
from lindungi.content.models import Article, ArticleText
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.extensions import db
from lindungi.public.blueprint import site_bp
from lindungi.public.helpers import absolute_url
from lindungi.versioned import per_version

# Well below the protocol's 50,000 addresses per file: an article is two addresses (id, en).
ARTICLES_PER_FILE = 1000
SERVICE_ENDPOINTS = ("eligibility.check", "enrollment.start", "enrollment.status")


@dataclass
class SitemapEntry:
    alternates: dict[str, str]  # lang -> absolute URL
    lastmod: datetime | None = None


def _entry(endpoint: str, langs: list[str], lastmod: datetime | None = None,
           **values: str) -> SitemapEntry:
    alternates = {lang: absolute_url(endpoint, lang=lang, **values) for lang in langs}
    return SitemapEntry(alternates, lastmod)


def _langs() -> list[str]:
    return list(current_app.config["SUPPORTED_LOCALES"])


def page_entries() -> list[SitemapEntry]:
    langs = _langs()
    entries = [_entry("public.home", langs), _entry("public.news", langs)]
    # The other capabilities' public pages: the checker, the request and the status lookup.
    entries += [_entry(endpoint, langs) for endpoint in SERVICE_ENDPOINTS
                if endpoint in current_app.view_functions]
    pages = queries.pages_by_key()
    for key, (endpoint, values) in PAGE_ENDPOINTS.items():
        page = pages.get(key)
        if page is not None:
            entries.append(_entry(endpoint, langs, page.updated_at, **values))
    return entries


@per_version
def article_files() -> int:
    """How many article files the index lists: a count of the whole archive (about 1.5 ms at
    10,000 articles on SQLite), made once per content version."""
    count = db.session.scalar(sa.select(sa.func.count(Article.id)).where(queries.is_visible()))
    return math.ceil((count or 0) / ARTICLES_PER_FILE)


def article_entries(number: int) -> list[SitemapEntry]:
    """File `number` (from 1) of the published articles, oldest first: two queries (the
    articles' addresses and dates, then their languages), whatever the archive's size."""
    rows = db.session.execute(
        sa.select(Article.id, Article.slug, Article.content_updated_at, Article.publish_at)
        .where(queries.is_visible())
        .order_by(Article.publish_at, Article.id)
        .offset((number - 1) * ARTICLES_PER_FILE).limit(ARTICLES_PER_FILE)
    ).all()
    langs = _langs()
    own: dict[int, set[str]] = {}
    if rows:
        for article_id, lang in db.session.execute(
                sa.select(ArticleText.article_id, ArticleText.lang)
                .where(ArticleText.article_id.in_([row.id for row in rows]))):
            own.setdefault(article_id, set()).add(lang)
    return [_entry("public.article", [lang for lang in langs if lang in own.get(row.id, ())],
                   row.content_updated_at or row.publish_at, slug=row.slug)
            for row in rows]


def _xml(body: str) -> Response:
    response = make_response(body)
    response.mimetype = "application/xml"
    return response


@site_bp.get("/sitemap.xml")
@cacheable
def sitemap() -> Response:
    base = current_app.config["BASE_URL"].rstrip("/")
    files = [f"{base}/sitemap-halaman.xml"]
    files += [f"{base}/sitemap-berita-{n}.xml" for n in range(1, article_files() + 1)]
    return _xml(render_template("public/sitemap_index.xml", files=files))


@site_bp.get("/sitemap-halaman.xml")
@cacheable
def sitemap_pages() -> Response:
    return _xml(render_template("public/sitemap.xml", entries=page_entries()))


@site_bp.get("/sitemap-berita-<int:number>.xml")
@cacheable
def sitemap_articles(number: int) -> Response:
    entries = article_entries(number)
    if not entries:
        abort(404)
    return _xml(render_template("public/sitemap.xml", entries=entries))
