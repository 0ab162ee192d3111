"""What public pages read, through the per-version data (lindungi.versioned): each page's queries
run once per content version in each process, not once per request."""

from __future__ import annotations

from dataclasses import dataclass

from lindungi.content import queries
from lindungi.content.models import Article, Category, Page, PartnerHospital
from lindungi.urlargs import page_number
from lindungi.versioned import cached, detached


@dataclass(frozen=True)
class NewsPage:
    """One page of the news list (what the template reads of a Pagination), without the query."""

    items: list[Article]
    page: int
    pages: int
    total: int


def home_articles(count: int) -> tuple[Article | None, list[Article]]:
    """(the pinned notice, the newest `count` articles)."""
    return cached(("home", count), lambda: detached(
        (queries.pinned_article(), queries.latest_articles(count))))


def latest_articles(count: int) -> list[Article]:
    return cached(("latest", count), lambda: detached(queries.latest_articles(count)))


def news_page(category: Category | None) -> NewsPage:
    """The page the request asks for (?page=): a page that is not one is a 404 (abort inside
    the load, so nothing is kept)."""
    number = page_number()

    def load() -> NewsPage:
        found = queries.news_page(category)
        return NewsPage(detached(list(found.items)), found.page, found.pages, found.total or 0)

    return cached(("news", category, number), load)


@dataclass(frozen=True)
class ArticleView:
    article: Article
    older: Article | None
    newer: Article | None
    related: list[Article]


def article(slug: str) -> ArticleView | None:
    def load() -> ArticleView | None:
        found = queries.article_by_slug(slug)
        if found is None:
            return None
        older, newer = queries.neighbours(found)
        return ArticleView(*detached((found, older, newer, queries.related_articles(found))))

    return cached(("article", slug), load)


def redirect_slug(old_slug: str) -> str | None:
    """The current slug of the published article that used to live at `old_slug`."""
    def load() -> str | None:
        moved = queries.redirect_target(old_slug)
        return moved.slug if moved is not None else None

    return cached(("moved", old_slug), load)


def public_page(key: str) -> Page | None:
    return cached(("page", key), lambda: detached(queries.public_page(key)))


def partner_hospitals() -> list[PartnerHospital]:
    return cached(("hospitals",), lambda: detached(queries.partner_hospitals()))
