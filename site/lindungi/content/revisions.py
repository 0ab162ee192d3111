"""Revisions of articles and pages: a JSON snapshot of every field at each save, the list of
fields that changed, and field-by-field differences between two snapshots.

Snapshots are flat dicts keyed by field ("id.title", "en.body", "slug", "cover_id", ...): easy
to compare, to show and to restore. Datetimes are stored as naive-UTC ISO strings.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from lindungi.content.models import Article, ArticleRevision, Page, PageRevision
from lindungi.extensions import db

LANGS = ("id", "en")
ARTICLE_TEXT_FIELDS = ("title", "summary", "body", "cover_alt", "cover_caption")
PAGE_TEXT_FIELDS = ("title", "summary", "body")
ARTICLE_FIELDS = (
    *(f"{lang}.{name}" for lang in LANGS for name in ARTICLE_TEXT_FIELDS),
    "slug", "category", "status", "publish_at", "pinned_until", "cover_id",
)
PAGE_FIELDS = tuple(f"{lang}.{name}" for lang in LANGS for name in PAGE_TEXT_FIELDS)
# Unchanged lines kept around each change in a long field's difference.
CONTEXT_LINES = 2

Snapshot = dict[str, Any]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def parse_when(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def article_snapshot(article: Article) -> Snapshot:
    found: Snapshot = {
        "slug": article.slug,
        "category": article.category.value if article.category else None,
        "status": article.status.value if article.status else None,
        "publish_at": _when(article.publish_at),
        "pinned_until": _when(article.pinned_until),
        "cover_id": article.cover.id if article.cover is not None else None,
    }
    for text in article.texts:
        for name in ARTICLE_TEXT_FIELDS:
            found[f"{text.lang}.{name}"] = getattr(text, name)
    return found


def page_snapshot(page: Page) -> Snapshot:
    found: Snapshot = {}
    for text in page.texts:
        for name in PAGE_TEXT_FIELDS:
            found[f"{text.lang}.{name}"] = getattr(text, name)
    return found


def _blank(value: object) -> bool:
    return value is None or value == ""


def changed_fields(before: Snapshot, after: Snapshot, order: tuple[str, ...]) -> list[str]:
    """Fields whose value differs (a missing field and an empty one are the same)."""
    keys = [*order, *sorted((set(before) | set(after)) - set(order))]
    return [
        key for key in keys
        if before.get(key) != after.get(key) and not (_blank(before.get(key))
                                                      and _blank(after.get(key)))
    ]


def text_languages(snapshot: Snapshot) -> list[str]:
    return [lang for lang in LANGS if f"{lang}.title" in snapshot]


def _next_number(model: type[ArticleRevision] | type[PageRevision],
                 column: sa.ColumnElement[int], ref_id: int) -> int:
    last = db.session.scalar(sa.select(sa.func.max(model.number)).where(column == ref_id))
    return (last or 0) + 1


def record_article(article: Article, before: Snapshot, *, action: str, actor_id: int | None,
                   restored_from: int | None = None) -> ArticleRevision:
    after = article_snapshot(article)
    revision = ArticleRevision(
        article_id=article.id,
        number=_next_number(ArticleRevision, ArticleRevision.article_id, article.id),
        actor_id=actor_id, action=action, restored_from=restored_from,
        changes=changed_fields(before, after, ARTICLE_FIELDS), snapshot=after,
    )
    db.session.add(revision)
    return revision


def record_page(page: Page, before: Snapshot, *, action: str, actor_id: int | None,
                restored_from: int | None = None) -> PageRevision:
    after = page_snapshot(page)
    revision = PageRevision(
        page_id=page.id, number=_next_number(PageRevision, PageRevision.page_id, page.id),
        actor_id=actor_id, action=action, restored_from=restored_from,
        changes=changed_fields(before, after, PAGE_FIELDS), snapshot=after,
    )
    db.session.add(revision)
    return revision


def article_revisions(article_id: int) -> list[ArticleRevision]:
    stmt = sa.select(ArticleRevision).where(ArticleRevision.article_id == article_id)
    return list(db.session.scalars(stmt.order_by(ArticleRevision.number.desc())))


def page_revisions(page_id: int) -> list[PageRevision]:
    stmt = sa.select(PageRevision).where(PageRevision.page_id == page_id)
    return list(db.session.scalars(stmt.order_by(PageRevision.number.desc())))


# --- Differences -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A run of text in a difference: kind is "same", "del" (only before) or "ins" (only after).
    Plain text: templates escape it."""

    kind: str
    text: str


def inline_diff(old: str, new: str) -> list[Piece]:
    """Word by word, for one-line fields (titles, summaries, captions)."""
    before, after = old.split(" "), new.split(" ")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("del", " ".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("ins", " ".join(after[b1:b2])))
    return [piece for piece in pieces if piece.text]


def line_diff(old: str, new: str, context: int = CONTEXT_LINES) -> list[Piece]:
    """Line by line, for Markdown bodies; long unchanged stretches shrink to a "gap" piece."""
    before, after = old.splitlines(), new.splitlines()
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            lines = before[a1:a2]
            head = lines[:context] if index > 0 else []
            tail = lines[-context:] if index < len(opcodes) - 1 else []
            if len(opcodes) == 1 or len(head) + len(tail) >= len(lines):
                pieces += [Piece("same", line) for line in lines]
            else:
                pieces += [Piece("same", line) for line in head]
                pieces.append(Piece("gap", ""))
                pieces += [Piece("same", line) for line in tail]
            continue
        pieces += [Piece("del", line) for line in before[a1:a2]]
        pieces += [Piece("ins", line) for line in after[b1:b2]]
    return pieces


def is_multiline(*values: object) -> bool:
    return any(isinstance(value, str) and "\n" in value for value in values)
