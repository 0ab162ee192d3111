"""Writes to content: articles, pages and partner hospitals. Each function changes the models,
keeps the search index in step, writes the audit row, and flushes; the caller commits once.
The demo seed and the communications staff's editor both go through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.audit import actions
from lindungi.content import revisions, search
from lindungi.content.models import (
    Article,
    ArticleRevision,
    ArticleText,
    Category,
    DocumentKind,
    MediaImage,
    Page,
    PageRevision,
    PageText,
    PartnerHospital,
    PublishStatus,
    SlugRedirect,
)
from lindungi.content.prerender import prerender
from lindungi.content.sections import SLUG_MAX, SLUG_RE
from lindungi.extensions import db
from lindungi.timeutil import utcnow

REQUIRED_LANG = "id"


class ContentError(ValueError):
    """Content that cannot be saved as given (a programming or validation slip upstream)."""


class EditConflict(ContentError):
    """Someone else saved the article or page after the editor opened it: nothing was saved."""


def _check_version(row: Article | Page, expected_version: int | None) -> None:
    """Optimistic locking: the form carries the version it was made from."""
    if expected_version is not None and expected_version != row.version:
        raise EditConflict(f"{row.__tablename__} {row.id} is at version {row.version}")


def _flush() -> None:
    # The version column also guards the UPDATE itself, for two saves at the same moment.
    try:
        db.session.flush()
    except so.exc.StaleDataError as error:
        raise EditConflict(str(error)) from error


def _is_live_status(status: PublishStatus | None) -> bool:
    return status == PublishStatus.PUBLISHED


def _audit_publication(article: Article, was: PublishStatus | None,
                       was_at: datetime | None, actor_id: int | None) -> None:
    """A row for every publish (now or scheduled, or a new time) and every unpublish."""
    now_live = _is_live_status(article.status)
    if now_live and (not _is_live_status(was) or was_at != article.publish_at):
        when = article.publish_at.isoformat(timespec="minutes") if article.publish_at else None
        actions.log(actions.ARTICLE_PUBLISHED, actor_id=actor_id, target_type="article",
                    target_id=article.id, publish_at_utc=when)
    elif _is_live_status(was) and not now_live:
        actions.log(actions.ARTICLE_UNPUBLISHED, actor_id=actor_id, target_type="article",
                    target_id=article.id, status=article.status.value)


@dataclass
class ArticleTextData:
    title: str
    summary: str
    body: str
    cover_alt: str = ""
    cover_caption: str = ""


@dataclass
class ArticleData:
    slug: str
    category: Category
    texts: dict[str, ArticleTextData]  # "id" required, "en" optional
    status: PublishStatus = PublishStatus.DRAFT
    publish_at: datetime | None = None  # naive UTC
    pinned_until: datetime | None = None
    cover: MediaImage | None = None


@dataclass
class PageTextData:
    title: str
    body: str
    summary: str = ""


@dataclass
class HospitalData:
    name: str
    address: str
    kecamatan_code: str = ""
    phone: str = ""  # empty until verified: pages then point to the call centre
    map_url: str = ""
    hours_id: str = ""
    hours_en: str = ""
    emergency_note_id: str = ""
    emergency_note_en: str = ""
    services_id: str = ""
    services_en: str = ""
    sort_order: int = 0
    active: bool = True


def slug_taken(slug: str, ignore_article_id: int | None = None) -> bool:
    stmt = sa.select(Article.id).where(Article.slug == slug)
    if ignore_article_id is not None:
        stmt = stmt.where(Article.id != ignore_article_id)
    return db.session.scalar(stmt) is not None


def _check_article(data: ArticleData, article_id: int | None = None) -> None:
    if not SLUG_RE.match(data.slug) or len(data.slug) > SLUG_MAX:
        raise ContentError(f"bad slug {data.slug!r}")
    if slug_taken(data.slug, article_id):
        raise ContentError(f"slug {data.slug!r} is used by another article")
    if REQUIRED_LANG not in data.texts:
        raise ContentError("an article needs its Indonesian text")
    if data.status == PublishStatus.PUBLISHED and data.publish_at is None:
        raise ContentError("a published article needs publish_at")


def _set_texts(article: Article, texts: dict[str, ArticleTextData]) -> None:
    by_lang = {t.lang: t for t in article.texts}
    for lang, given in texts.items():
        text = by_lang.get(lang) or ArticleText(lang=lang)
        text.title, text.summary, text.body = given.title, given.summary, given.body
        text.cover_alt, text.cover_caption = given.cover_alt, given.cover_caption
        prerender(text)
        if lang not in by_lang:
            article.texts.append(text)
    for lang, text in by_lang.items():
        if lang not in texts:
            article.texts.remove(text)


def _claim_slug(article: Article, slug: str) -> None:
    """Move `article` to `slug`; its old address keeps working as a 301 redirect."""
    if article.slug == slug:
        return
    # A former address that is now taken by a live article stops redirecting.
    db.session.execute(sa.delete(SlugRedirect).where(SlugRedirect.old_slug == slug))
    if article.slug:
        db.session.add(SlugRedirect(old_slug=article.slug, article_id=article.id))
    article.slug = slug


def _touch(row: Article | Page, moment: datetime) -> None:
    """Mark the parent row changed: edits to its texts alone would not update it, and its
    version (optimistic locking, cache validators) must move with every edit."""
    row.updated_at = moment
    so.attributes.flag_modified(row, "updated_at")


def create_article(data: ArticleData, *, actor_id: int | None = None) -> Article:
    _check_article(data)
    db.session.execute(sa.delete(SlugRedirect).where(SlugRedirect.old_slug == data.slug))
    article = Article(
        slug=data.slug, category=data.category, status=data.status, publish_at=data.publish_at,
        pinned_until=data.pinned_until, cover=data.cover,
    )
    _set_texts(article, data.texts)
    db.session.add(article)
    db.session.flush()
    search.index_article(article)
    actions.log(actions.ARTICLE_CREATED, actor_id=actor_id, target_type="article",
                target_id=article.id, status=article.status.value)
    _audit_publication(article, None, None, actor_id)
    revisions.record_article(article, {}, action="create", actor_id=actor_id)
    return article


def update_article(
    article: Article, data: ArticleData, *, actor_id: int | None = None,
    notify_readers: bool = False, expected_version: int | None = None,
) -> Article:
    """Apply an edit. `notify_readers` stamps "updated" on the page (a correction readers
    should know about), unlike a typo fix. Raises EditConflict when `expected_version` is not
    the article's version any more."""
    return _save_article(article, data, actor_id=actor_id, notify_readers=notify_readers,
                         expected_version=expected_version, action="update")


def _save_article(
    article: Article, data: ArticleData, *, actor_id: int | None, action: str,
    notify_readers: bool = False, expected_version: int | None = None,
    restored_from: int | None = None,
) -> Article:
    _check_version(article, expected_version)
    _check_article(data, article.id)
    before = revisions.article_snapshot(article)
    was, was_at = article.status, article.publish_at
    _claim_slug(article, data.slug)
    if actor_id is not None:
        article.is_demo = False  # a staff member who saves a demo article takes it over
    article.category, article.status = data.category, data.status
    article.publish_at, article.pinned_until = data.publish_at, data.pinned_until
    article.cover = data.cover
    _set_texts(article, data.texts)
    moment = utcnow()
    _touch(article, moment)
    if notify_readers and article.publish_at is not None and article.publish_at < moment:
        article.content_updated_at = moment
    _flush()
    search.index_article(article)
    actions.log(actions.ARTICLE_SAVED, actor_id=actor_id, target_type="article",
                target_id=article.id, status=article.status.value)
    _audit_publication(article, was, was_at, actor_id)
    revisions.record_article(article, before, action=action, actor_id=actor_id,
                             restored_from=restored_from)
    return article


def article_data_from_revision(article: Article, revision: ArticleRevision) -> ArticleData:
    """What restoring `revision` saves: its texts, slug, category, cover and banner, with the
    article's current publication state (a restore never publishes or hides an article). The
    old slug is kept only while no other article uses it."""
    snap = revision.snapshot
    texts = {
        lang: ArticleTextData(**{name: str(snap.get(f"{lang}.{name}") or "")
                                 for name in revisions.ARTICLE_TEXT_FIELDS})
        for lang in revisions.text_languages(snap)
    }
    slug = str(snap.get("slug") or article.slug)
    if slug_taken(slug, article.id):
        slug = article.slug
    cover_id = snap.get("cover_id")
    cover = db.session.get(MediaImage, cover_id) if isinstance(cover_id, int) else None
    return ArticleData(
        slug=slug, category=Category(str(snap.get("category") or article.category.value)),
        texts=texts, status=article.status, publish_at=article.publish_at,
        pinned_until=revisions.parse_when(snap.get("pinned_until")), cover=cover,
    )


def restore_article(
    article: Article, revision: ArticleRevision, *, actor_id: int | None = None,
    expected_version: int | None = None,
) -> Article:
    """Bring back an older revision; this writes a new revision (nothing is lost)."""
    if revision.article_id != article.id:
        raise ContentError("the revision belongs to another article")
    data = article_data_from_revision(article, revision)
    _save_article(article, data, actor_id=actor_id, action="restore",
                  expected_version=expected_version, restored_from=revision.number)
    actions.log(actions.ARTICLE_RESTORED, actor_id=actor_id, target_type="article",
                target_id=article.id, revision=revision.number)
    return article


def set_article_status(
    article: Article, status: PublishStatus, *, actor_id: int | None = None,
    publish_at: datetime | None = None,
) -> Article:
    """Publish (now or at `publish_at`), send back to draft, or archive."""
    before = revisions.article_snapshot(article)
    was, was_at = article.status, article.publish_at
    if status == PublishStatus.PUBLISHED:
        article.publish_at = publish_at or article.publish_at or utcnow()
    article.status = status
    _touch(article, utcnow())
    _flush()
    search.index_article(article)
    actions.log(actions.ARTICLE_STATUS, actor_id=actor_id, target_type="article",
                target_id=article.id, status=status.value)
    _audit_publication(article, was, was_at, actor_id)
    revisions.record_article(article, before, action="status", actor_id=actor_id)
    return article


def delete_article(article: Article, *, actor_id: int | None = None) -> None:
    search.remove(DocumentKind.ARTICLE, article.id)
    actions.log(actions.ARTICLE_DELETED, actor_id=actor_id, target_type="article",
                target_id=article.id)
    db.session.execute(sa.delete(SlugRedirect).where(SlugRedirect.article_id == article.id))
    db.session.execute(sa.delete(ArticleRevision).where(ArticleRevision.article_id == article.id))
    db.session.delete(article)
    db.session.flush()


def _set_page_texts(page: Page, texts: dict[str, PageTextData]) -> None:
    if REQUIRED_LANG not in texts:
        raise ContentError("a page needs its Indonesian text")
    by_lang = {t.lang: t for t in page.texts}
    for lang, given in texts.items():
        text = by_lang.get(lang) or PageText(lang=lang)
        text.title, text.summary, text.body = given.title, given.summary, given.body
        prerender(text)
        if lang not in by_lang:
            page.texts.append(text)
    for lang, text in by_lang.items():
        if lang not in texts:
            page.texts.remove(text)


def create_page(key: str, texts: dict[str, PageTextData], *, actor_id: int | None = None) -> Page:
    page = Page(key=key)
    _set_page_texts(page, texts)
    db.session.add(page)
    db.session.flush()
    search.index_page(page)
    actions.log(actions.PAGE_CREATED, actor_id=actor_id, target_type="page", target_id=page.id,
                key=key)
    revisions.record_page(page, {}, action="create", actor_id=actor_id)
    return page


def update_page(
    page: Page, texts: dict[str, PageTextData], *, actor_id: int | None = None,
    expected_version: int | None = None,
) -> Page:
    """Save a page's texts. Raises EditConflict when `expected_version` is stale."""
    return _save_page(page, texts, actor_id=actor_id, expected_version=expected_version,
                      action="update")


def _save_page(
    page: Page, texts: dict[str, PageTextData], *, actor_id: int | None, action: str,
    expected_version: int | None = None, restored_from: int | None = None,
) -> Page:
    _check_version(page, expected_version)
    before = revisions.page_snapshot(page)
    if actor_id is not None:
        page.is_demo = False  # a staff member who saves a demo page takes it over
    _set_page_texts(page, texts)
    _touch(page, utcnow())
    _flush()
    search.index_page(page)
    actions.log(actions.PAGE_SAVED, actor_id=actor_id, target_type="page", target_id=page.id,
                key=page.key)
    revisions.record_page(page, before, action=action, actor_id=actor_id,
                          restored_from=restored_from)
    return page


def restore_page(
    page: Page, revision: PageRevision, *, actor_id: int | None = None,
    expected_version: int | None = None,
) -> Page:
    """Bring back an older revision of a page's texts, as a new revision."""
    if revision.page_id != page.id:
        raise ContentError("the revision belongs to another page")
    snap = revision.snapshot
    texts = {
        lang: PageTextData(**{name: str(snap.get(f"{lang}.{name}") or "")
                              for name in revisions.PAGE_TEXT_FIELDS})
        for lang in revisions.text_languages(snap)
    }
    _save_page(page, texts, actor_id=actor_id, action="restore",
               expected_version=expected_version, restored_from=revision.number)
    actions.log(actions.PAGE_RESTORED, actor_id=actor_id, target_type="page", target_id=page.id,
                key=page.key, revision=revision.number)
    return page


_HOSPITAL_FIELDS = (
    "name", "address", "kecamatan_code", "phone", "map_url", "hours_id", "hours_en",
    "emergency_note_id", "emergency_note_en", "services_id", "services_en", "sort_order", "active",
)


def _apply_hospital(hospital: PartnerHospital, data: HospitalData) -> None:
    if data.map_url and not data.map_url.startswith(("https://", "http://")):
        raise ContentError("a map link must be a web address")
    for name in _HOSPITAL_FIELDS:
        setattr(hospital, name, getattr(data, name))


def create_hospital(data: HospitalData, *, actor_id: int | None = None) -> PartnerHospital:
    hospital = PartnerHospital()
    _apply_hospital(hospital, data)
    db.session.add(hospital)
    db.session.flush()
    actions.log(actions.HOSPITAL_CREATED, actor_id=actor_id, target_type="partner_hospital",
                target_id=hospital.id)
    return hospital


def update_hospital(
    hospital: PartnerHospital, data: HospitalData, *, actor_id: int | None = None
) -> PartnerHospital:
    _apply_hospital(hospital, data)
    hospital.updated_at = utcnow()
    db.session.flush()
    actions.log(actions.HOSPITAL_SAVED, actor_id=actor_id, target_type="partner_hospital",
                target_id=hospital.id)
    return hospital
