"""What public pages read. "Published" means status published and publish_at in the past, so a
scheduled article appears by itself at its time, with no job to run."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_sqlalchemy.pagination import Pagination

from lindungi.content.models import (
    Article,
    Category,
    Page,
    PartnerHospital,
    PublishStatus,
    SlugRedirect,
)
from lindungi.extensions import db
from lindungi.pagination import paginate
from lindungi.timeutil import utcnow

PER_PAGE = 10


def now() -> datetime:
    return utcnow()


def hides_demo() -> bool:
    """Demonstration content (`flask seed-demo`) is never public in production."""
    return has_app_context() and current_app.config["ENV"] == "production"


def is_visible(moment: datetime | None = None) -> sa.ColumnElement[bool]:
    conditions = [
        Article.status == PublishStatus.PUBLISHED,
        Article.publish_at.is_not(None),
        Article.publish_at <= (moment or now()),
    ]
    if hides_demo():
        conditions.append(Article.is_demo.is_(False))
    return sa.and_(*conditions)


def _newest_first(stmt: sa.Select[tuple[Article]]) -> sa.Select[tuple[Article]]:
    return stmt.order_by(Article.publish_at.desc(), Article.id.desc())


def latest_articles(limit: int = 3, category: Category | None = None) -> list[Article]:
    stmt = sa.select(Article).where(is_visible())
    if category is not None:
        stmt = stmt.where(Article.category == category)
    return list(db.session.scalars(_newest_first(stmt).limit(limit)).unique())


def news_page(category: Category | None = None, per_page: int = PER_PAGE) -> Pagination:
    """The page of the news list the request asks for (?page=; not a page: 404). Page 1 of
    nothing is an empty state, not a 404."""
    stmt = sa.select(Article).where(is_visible())
    if category is not None:
        stmt = stmt.where(Article.category == category)
    return paginate(_newest_first(stmt), per_page)


def article_by_slug(slug: str) -> Article | None:
    return db.session.scalar(sa.select(Article).where(Article.slug == slug, is_visible()))


def redirect_target(old_slug: str) -> Article | None:
    """The published article that used to live at `old_slug`."""
    stmt = (
        sa.select(Article)
        .join(SlugRedirect, SlugRedirect.article_id == Article.id)
        .where(SlugRedirect.old_slug == old_slug, is_visible())
    )
    return db.session.scalar(stmt)


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """"Baca juga": the newest of the same category, then the newest of the rest (one query)."""
    other_category = sa.case((Article.category == article.category, 0), else_=1)
    stmt = (
        sa.select(Article)
        .where(is_visible(), Article.id != article.id)
        .order_by(other_category, Article.publish_at.desc(), Article.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt).unique())


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """(older, newer) published articles around `article`."""
    at, ident = article.publish_at, article.id
    older = db.session.scalar(_newest_first(sa.select(Article).where(
        is_visible(),
        sa.or_(Article.publish_at < at, sa.and_(Article.publish_at == at, Article.id < ident)),
    )).limit(1))
    newer = db.session.scalar(sa.select(Article).where(
        is_visible(),
        sa.or_(Article.publish_at > at, sa.and_(Article.publish_at == at, Article.id > ident)),
    ).order_by(Article.publish_at, Article.id).limit(1))
    return older, newer


def pinned_article() -> Article | None:
    """The announcement shown on the home page until its pin expires."""
    moment = now()
    stmt = _newest_first(sa.select(Article).where(
        is_visible(moment), Article.pinned_until.is_not(None), Article.pinned_until > moment,
    )).limit(1)
    return db.session.scalar(stmt)


def all_published() -> list[Article]:
    return list(db.session.scalars(_newest_first(sa.select(Article).where(is_visible()))).unique())


def page_by_key(key: str) -> Page | None:
    return db.session.scalar(sa.select(Page).where(Page.key == key))


def _public_pages() -> sa.Select[tuple[Page]]:
    stmt = sa.select(Page)
    if hides_demo():  # a demo page is absent from the public site in production
        stmt = stmt.where(Page.is_demo.is_(False))
    return stmt


def pages_by_key() -> dict[str, Page]:
    """Every public long-form page in one query (the sitemap lists them all)."""
    return {page.key: page for page in db.session.scalars(_public_pages())}


def public_page(key: str) -> Page | None:
    return db.session.scalar(_public_pages().where(Page.key == key))


def public_page_or_404(key: str) -> Page:
    return db.first_or_404(_public_pages().where(Page.key == key))


def page_by_key_or_404(key: str) -> Page:
    return db.first_or_404(sa.select(Page).where(Page.key == key))


def partner_hospitals() -> list[PartnerHospital]:
    stmt = sa.select(PartnerHospital).where(PartnerHospital.active.is_(True))
    if hides_demo():
        stmt = stmt.where(PartnerHospital.is_demo.is_(False))
    return list(db.session.scalars(stmt.order_by(PartnerHospital.sort_order, PartnerHospital.name)))
