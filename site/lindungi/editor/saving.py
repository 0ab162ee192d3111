"""Between the forms and content.operations: a validated form becomes ArticleData or page
texts, and a stored article or page becomes the form's first values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lindungi.content import media, operations
from lindungi.content.models import Article, Category, Page
from lindungi.content.sections import SLUG_MAX, slugify
from lindungi.editor import wita
from lindungi.editor.forms import PAGE_TEXT_NAMES, TEXT_NAMES, ArticleForm, PageForm
from lindungi.editor.states import State, article_state, stored_status

FALLBACK_SLUG = "berita"


def unique_slug(base: str, article_id: int | None) -> str:
    """`base`, or `base-2`, `base-3` ... whichever no other article uses."""
    base = base or FALLBACK_SLUG
    candidate, number = base, 1
    while operations.slug_taken(candidate, article_id):
        number += 1
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


def _publish_at(form: ArticleForm, article: Article | None, now: datetime) -> datetime | None:
    moment = form.publish_moment
    existing = article.publish_at if article is not None else None
    # The field has whole minutes: an unchanged field keeps the stored seconds.
    if moment is not None and wita.same_minute(moment, existing):
        moment = existing
    if moment is None and form.state.data == State.PUBLISHED:
        moment = now
    return moment


def _pinned_until(form: ArticleForm, article: Article | None) -> datetime | None:
    if not form.pinned.data:
        return None
    existing = article.pinned_until if article is not None else None
    if existing is not None and form.pin_end is not None and \
            wita.last_day(existing) == wita.last_day(form.pin_end):
        return existing
    return form.pin_end


def _cover(form: ArticleForm, article: Article | None) -> media.MediaImage | None:
    """The new picture (written now, named at random), none, or the one already there. A
    replaced picture's files stay: older revisions may bring it back."""
    if form.processed_cover is not None:
        return media.store_processed(form.processed_cover)
    if form.remove_cover.data or article is None:
        return None
    return article.cover


def article_data(
    form: ArticleForm, article: Article | None, now: datetime
) -> operations.ArticleData:
    """The article the form describes. Writes the uploaded cover's files, so call it only
    once the form is valid and the version checked."""
    texts = {"id": operations.ArticleTextData(**form.texts("id"))}
    if form.english_given():
        texts["en"] = operations.ArticleTextData(**form.texts("en"))
    article_id = article.id if article is not None else None
    slug = form.slug.data or unique_slug(slugify(form.id_title.data or ""), article_id)
    return operations.ArticleData(
        slug=slug, category=Category(form.category.data), texts=texts,
        status=stored_status(State(form.state.data)),
        publish_at=_publish_at(form, article, now),
        pinned_until=_pinned_until(form, article),
        cover=_cover(form, article),
    )


def article_initial(article: Article | None, now: datetime) -> dict[str, Any]:
    """The form's values for a new article, or for editing a stored one."""
    if article is None:
        return {"state": State.DRAFT.value}
    values: dict[str, Any] = {
        "category": article.category.value, "slug": article.slug,
        "state": article_state(article, now).value,
        "publish_at": wita.input_value(article.publish_at),
        "pinned": article.pinned_until is not None,
        "version": article.version,
    }
    last = wita.last_day(article.pinned_until)
    values["pinned_until"] = last.isoformat() if last else ""
    for text in article.texts:
        for name in TEXT_NAMES:
            values[f"{text.lang}_{name}"] = getattr(text, name)
    return values


def page_texts(form: PageForm) -> dict[str, operations.PageTextData]:
    texts = {"id": operations.PageTextData(**form.texts("id"))}
    if form.english_given():
        texts["en"] = operations.PageTextData(**form.texts("en"))
    return texts


def page_initial(page: Page) -> dict[str, Any]:
    values: dict[str, Any] = {"version": page.version}
    for text in page.texts:
        for name in PAGE_TEXT_NAMES:
            values[f"{text.lang}_{name}"] = getattr(text, name)
    return values
