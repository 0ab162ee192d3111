"""What the editor's lists read: every article (drafts too) with filters, and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from lindungi.content.models import Article, ArticleText, Category, Page
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.editor.states import State, state_condition
from lindungi.extensions import db
from lindungi.pagination import paginate

PER_PAGE = 25


@dataclass(frozen=True)
class ArticleFilters:
    state: State | None = None
    category: Category | None = None
    words: str = ""


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


def article_list(filters: ArticleFilters, now: datetime) -> Pagination:
    """Newest change first: the page the request asks for (past the last: the last)."""
    stmt = (sa.select(Article).where(*_conditions(filters, now))
            .order_by(Article.updated_at.desc(), Article.id.desc()))
    return paginate(stmt, PER_PAGE, staff=True)


def pages_by_key() -> dict[str, Page | None]:
    """Every long-form page the site has, in the site's order (None: not written yet)."""
    stored = {page.key: page for page in db.session.scalars(sa.select(Page))}
    return {key: stored.get(key) for key in PAGE_ENDPOINTS}
