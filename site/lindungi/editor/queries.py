"""What the editor's lists read: every article (drafts too) with filters, and the pages."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from lindungi.content.models import Article, ArticleText, Category, Page
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.editor.states import State, state_condition
from lindungi.extensions import db

PER_PAGE = 25


@dataclass(frozen=True)
class ArticleFilters:
    state: State | None = None
    category: Category | None = None
    words: str = ""


@dataclass(frozen=True)
class ArticleList:
    items: list[Article]
    page: int
    pages: int
    total: int


def _conditions(filters: ArticleFilters, now: datetime) -> list[sa.ColumnElement[bool]]:
    found: list[sa.ColumnElement[bool]] = []
    if filters.state is not None:
        found.append(state_condition(filters.state, now))
    if filters.category is not None:
        found.append(Article.category == filters.category)
    if filters.words:
        found.append(Article.texts.any(sa.func.lower(ArticleText.title).contains(
            filters.words.lower(), autoescape=True)))
    return found


def article_list(filters: ArticleFilters, page: int, now: datetime) -> ArticleList:
    """Newest change first; `page` is clamped to the pages there are."""
    where = _conditions(filters, now)
    total = db.session.scalar(sa.select(sa.func.count(Article.id)).where(*where)) or 0
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(1, page), pages)
    stmt = (sa.select(Article).where(*where)
            .order_by(Article.updated_at.desc(), Article.id.desc())
            .limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return ArticleList(list(db.session.scalars(stmt).unique()), page, pages, total)


def pages_by_key() -> dict[str, Page | None]:
    """Every long-form page the site has, in the site's order (None: not written yet)."""
    stored = {page.key: page for page in db.session.scalars(sa.select(Page))}
    return {key: stored.get(key) for key in PAGE_ENDPOINTS}
