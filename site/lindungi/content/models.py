"""Program content that communications staff edit: news articles, long-form pages, partner
hospitals and the images they use. Texts are stored per language (id required, en optional)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Generic, TypeVar

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db, str_enum
from lindungi.timeutil import utcnow

TextT = TypeVar("TextT")



class Category(enum.StrEnum):
    PARTNERSHIPS = "partnerships"
    ENROLLMENT = "enrollment"
    CLAIMS = "claims"
    SERVICE = "service"


class PublishStatus(enum.StrEnum):
    """Stored states. "Scheduled" is not stored: it is a published article whose time has not
    come, so it appears by itself at publish_at without any cron job."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class MediaImage(db.Model):
    """An uploaded image, re-encoded as WebP at a few widths; files are named {key}-{width}.webp."""

    __tablename__ = "media_image"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True)
    width: so.Mapped[int]
    height: so.Mapped[int]
    widths: so.Mapped[list[int]] = so.mapped_column(sa.JSON)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)


class Translated(Generic[TextT]):
    """Content kept per language: Indonesian always, English when written. The mapped class
    provides `texts` (its per-language rows) and `id`.

    Versioned too: a save made over an older version (two editors at once) fails instead of
    silently overwriting the other's text."""

    version: so.Mapped[int] = so.mapped_column(default=1)

    @so.declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}

    def text(self, lang: str) -> TextT | None:
        return next((t for t in self.texts if t.lang == lang), None)

    def text_or_fallback(self, lang: str) -> TextT:
        """The text in `lang`, else the Indonesian one (always present)."""
        found = self.text(lang) or self.text("id")
        if found is None:
            raise LookupError(f"{type(self).__name__} {self.id} has no Indonesian text")
        return found


class Article(Translated["ArticleText"], db.Model):
    __tablename__ = "article"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    slug: so.Mapped[str] = so.mapped_column(sa.String(80), unique=True)
    category: so.Mapped[Category] = so.mapped_column(str_enum(Category), index=True)
    status: so.Mapped[PublishStatus] = so.mapped_column(
        str_enum(PublishStatus), default=PublishStatus.DRAFT, index=True
    )
    publish_at: so.Mapped[datetime | None] = so.mapped_column(index=True)
    # When the published text last changed in a way readers should know ("updated ...").
    content_updated_at: so.Mapped[datetime | None]
    pinned_until: so.Mapped[datetime | None]
    cover_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("media_image.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)

    cover: so.Mapped[MediaImage | None] = so.relationship(lazy="joined")
    texts: so.Mapped[list[ArticleText]] = so.relationship(
        back_populates="article", cascade="all, delete-orphan", lazy="selectin"
    )


class _TextColumns:
    """One language's text of an article or a page (unique per parent and language)."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    lang: so.Mapped[str] = so.mapped_column(sa.String(5))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    body: so.Mapped[str] = so.mapped_column(sa.Text)  # Markdown, rendered and sanitised on output


class ArticleText(_TextColumns, db.Model):
    __tablename__ = "article_text"
    __table_args__ = (sa.UniqueConstraint("article_id", "lang", name="uq_article_text_lang"),)

    article_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    summary: so.Mapped[str] = so.mapped_column(sa.String(400))
    cover_alt: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    cover_caption: so.Mapped[str] = so.mapped_column(sa.String(300), default="")

    article: so.Mapped[Article] = so.relationship(back_populates="texts")


class SlugRedirect(db.Model):
    """An article's former slug; its old URL answers with a 301 to the current one."""

    __tablename__ = "slug_redirect"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    old_slug: so.Mapped[str] = so.mapped_column(sa.String(80), unique=True)
    article_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )


class Page(Translated["PageText"], db.Model):
    """A long-form page (benefits, a program, claim guide, FAQ, contact, privacy) by fixed key."""

    __tablename__ = "page"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)

    texts: so.Mapped[list[PageText]] = so.relationship(
        back_populates="page", cascade="all, delete-orphan", lazy="selectin"
    )


class PageText(_TextColumns, db.Model):
    __tablename__ = "page_text"
    __table_args__ = (sa.UniqueConstraint("page_id", "lang", name="uq_page_text_lang"),)

    page_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("page.id", ondelete="CASCADE"), index=True
    )
    summary: so.Mapped[str] = so.mapped_column(sa.String(400), default="")

    page: so.Mapped[Page] = so.relationship(back_populates="texts")


class PartnerHospital(db.Model):
    """A partner health facility (PLKK). Only verified facts: an unknown phone stays empty."""

    __tablename__ = "partner_hospital"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(160))
    address: so.Mapped[str] = so.mapped_column(sa.String(300))
    kecamatan_code: so.Mapped[str] = so.mapped_column(sa.String(12), default="")
    phone: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    map_url: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    hours_id: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    hours_en: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    emergency_note_id: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    emergency_note_en: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    services_id: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    services_en: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    sort_order: so.Mapped[int] = so.mapped_column(default=0)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)


class DocumentKind(enum.StrEnum):
    ARTICLE = "article"
    PAGE = "page"


class SearchDocument(db.Model):
    """What search reads: one row per article or page and language, as plain text with figures
    filled in. Kept in sync by content.operations; rebuilt from the content by search.rebuild().

    On SQLite the words are indexed by the FTS5 table `search_fts` (rowid = this id), made by
    migration 0002 (no model can describe it); on PostgreSQL the text is matched with
    to_tsvector at query time.
    """

    __tablename__ = "search_document"
    __table_args__ = (
        sa.UniqueConstraint("kind", "ref_id", "lang", name="uq_search_document_ref"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[DocumentKind] = so.mapped_column(str_enum(DocumentKind, 10))
    ref_id: so.Mapped[int]
    # The language searched in, and the language of the text (Indonesian when English is missing).
    lang: so.Mapped[str] = so.mapped_column(sa.String(5), index=True)
    text_lang: so.Mapped[str] = so.mapped_column(sa.String(5))
    url_key: so.Mapped[str] = so.mapped_column(sa.String(80))  # article slug or page key
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    summary: so.Mapped[str] = so.mapped_column(sa.String(400), default="")
    body: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Shown once this moment has passed; None for drafts and archived articles.
    visible_from: so.Mapped[datetime | None] = so.mapped_column(index=True)
    published_at: so.Mapped[datetime | None]


class _RevisionColumns:
    """What every revision keeps: who saved, when, what kind of save, which fields changed (the
    short summary), and a JSON snapshot of every field as saved (to show differences and to
    restore). Revisions are only ever added, never changed."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    number: so.Mapped[int]  # 1, 2, 3 ... per article or page
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    actor_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"))
    action: so.Mapped[str] = so.mapped_column(sa.String(20))  # create, update, status, restore
    restored_from: so.Mapped[int | None]  # the revision number brought back by a restore
    changes: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)  # field keys
    snapshot: so.Mapped[dict[str, object]] = so.mapped_column(sa.JSON)


class ArticleRevision(_RevisionColumns, db.Model):
    __tablename__ = "article_revision"
    __table_args__ = (
        sa.UniqueConstraint("article_id", "number", name="uq_article_revision_number"),
    )

    article_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )


class PageRevision(_RevisionColumns, db.Model):
    __tablename__ = "page_revision"
    __table_args__ = (sa.UniqueConstraint("page_id", "number", name="uq_page_revision_number"),)

    page_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("page.id", ondelete="CASCADE"), index=True
    )
