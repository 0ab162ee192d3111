"""Load the demo content into the database through the same operations the editor uses.

Idempotent: an article, page or hospital that is already there (same slug, key or name) is left
alone, so running it twice changes nothing. Covers are the committed files in demo/covers/ and go
through the upload pipeline (checks, WebP at several widths), like a photo from communications
staff.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from lindungi.content import operations, search
from lindungi.content.media import save_image
from lindungi.content.models import Article, Page, PartnerHospital, PublishStatus
from lindungi.demo.loader import (
    DemoArticle,
    DemoHospital,
    DemoPage,
    cover_path,
    load_articles,
    load_hospitals,
    load_pages,
)
from lindungi.extensions import db


def _utc(moment: datetime | None) -> datetime | None:
    """Demo files carry WITA offsets; the database stores naive UTC."""
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def _has_content() -> bool:
    articles = db.session.scalar(sa.select(sa.func.count(Article.id))) or 0
    pages = db.session.scalar(sa.select(sa.func.count(Page.id))) or 0
    return articles + pages > 0


def _article_texts(demo: DemoArticle) -> dict[str, operations.ArticleTextData]:
    texts = {}
    for lang, text in (("id", demo.id), ("en", demo.en)):
        if text is not None:
            texts[lang] = operations.ArticleTextData(
                title=text.title, summary=text.summary, body=text.body,
                cover_alt=text.cover_alt or "", cover_caption=text.cover_caption or "",
            )
    return texts


def _seed_article(demo: DemoArticle, publish: bool) -> bool:
    if operations.slug_taken(demo.slug):
        return False
    cover = save_image(cover_path(demo.cover).read_bytes()) if demo.cover else None
    article = operations.create_article(operations.ArticleData(
        slug=demo.slug, category=demo.category, texts=_article_texts(demo),
        status=PublishStatus.PUBLISHED if publish else PublishStatus.DRAFT,
        publish_at=_utc(demo.published_at), pinned_until=_utc(demo.pinned_until), cover=cover,
    ))
    article.is_demo = True
    # The demo's own history: when the article was written and last corrected.
    article.created_at = _utc(demo.published_at) or article.created_at
    article.content_updated_at = _utc(demo.updated_at)
    return True


def _seed_page(demo: DemoPage) -> bool:
    if db.session.scalar(sa.select(Page.id).where(Page.key == demo.key)) is not None:
        return False
    page = operations.create_page(demo.key, {
        lang: operations.PageTextData(title=text.title, summary=text.summary, body=text.body)
        for lang, text in (("id", demo.id), ("en", demo.en))
    })
    page.is_demo = True
    return True


def _seed_hospital(demo: DemoHospital, order: int) -> bool:
    stmt = sa.select(PartnerHospital.id).where(PartnerHospital.name == demo.name_id)
    if db.session.scalar(stmt) is not None:
        return False
    hospital = operations.create_hospital(operations.HospitalData(
        # One name in both languages: "RS Primaya Makassar" is how residents know it.
        name=demo.name_id, address=demo.address,
        kecamatan_code=demo.kecamatan_code, phone=demo.phone, map_url=demo.map_url,
        hours_id=demo.hours_id, hours_en=demo.hours_en,
        emergency_note_id=demo.emergency_note_id, emergency_note_en=demo.emergency_note_en,
        services_id=demo.services_id, services_en=demo.services_en, sort_order=order,
    ))
    hospital.is_demo = True
    return True


def seed_demo(only_if_empty: bool, *, production: bool = False) -> str:
    """Add the demo articles, pages and partner hospitals that are missing, marked as demo;
    flush, not commit. In production nothing is published: articles stay drafts, and the
    public site leaves out demo pages and hospitals (content.queries.hides_demo)."""
    if only_if_empty and _has_content():
        if search.index_missing():
            # A database restored or migrated without its SQLite search table.
            return f"Content already present; search index rebuilt ({search.rebuild()} items)."
        return "Content already present; nothing seeded."
    pages = sum(_seed_page(page) for page in load_pages())
    hospitals = sum(_seed_hospital(h, n) for n, h in enumerate(load_hospitals()))
    articles = sum(_seed_article(article, not production) for article in load_articles())
    db.session.flush()
    summary = f"Seeded {articles} articles, {pages} pages and {hospitals} partner hospitals"
    if production:
        return (summary + " as unpublished demonstration content (LINDUNGI_ENV=production "
                "never publishes demo content).")
    return summary + ", marked as demonstration content."
