"""When stored pages go out of date: after every commit that changed content, and at the next
moment a scheduled article goes live or a pinned notice ends."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import chain

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask, current_app, has_app_context

from lindungi.content.models import (
    Article,
    ArticleText,
    MediaImage,
    Page,
    PageRevision,
    PageText,
    PartnerHospital,
    PublishStatus,
    SearchDocument,
    SlugRedirect,
)
from lindungi.enrollment.window import EnrollmentWindow
from lindungi.extensions import db
from lindungi.public_figures.models import FigureRow
from lindungi.site_settings.models import SiteSetting

# What public pages show. A flush that touches any of these changes the content version: the
# articles and pages (and the pages' revisions: the privacy page's latest one is the notice a
# family agrees to), whether new requests are open (home page, checker, start page), the
# published programme figures and the site settings (contact channels and promises shown on
# every page's footer and in page bodies).
CONTENT_MODELS = (Article, ArticleText, Page, PageText, PageRevision, PartnerHospital, MediaImage,
                  SlugRedirect, SearchDocument, EnrollmentWindow, FigureRow, SiteSetting)
CHANGED = "lindungi.content_changed"


def next_change(now: float) -> float | None:
    """The next moment (Unix time) a page changes without anyone saving: a published article's
    publish_at or a visible article's pinned_until, whichever comes first after `now`."""
    moment = datetime.fromtimestamp(now, UTC).replace(tzinfo=None)
    published = Article.status == PublishStatus.PUBLISHED
    stmt = sa.select(
        sa.select(sa.func.min(Article.publish_at))
        .where(published, Article.publish_at > moment).scalar_subquery(),
        sa.select(sa.func.min(Article.pinned_until))
        .where(published, Article.pinned_until > moment).scalar_subquery(),
    )
    with db.engine.connect() as connection:
        row = connection.execute(stmt).one()
    due = [value for value in row if value is not None]
    return min(due).replace(tzinfo=UTC).timestamp() if due else None


def _note_changes(session: so.Session, _context: object) -> None:
    touched = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(row, CONTENT_MODELS) for row in touched):
        session.info[CHANGED] = True


def _note_bulk_changes(state: so.ORMExecuteState) -> None:
    """INSERT, UPDATE and DELETE statements sent through the session (sa.delete(SlugRedirect),
    sa.insert(Article.__table__) in bulk...)."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.bind_mapper is not None:
        touched = issubclass(state.bind_mapper.class_, CONTENT_MODELS)
    else:
        table = getattr(state.statement, "table", None)
        touched = getattr(table, "name", None) in _content_tables()
    if touched:
        state.session.info[CHANGED] = True


def _content_tables() -> frozenset[str]:
    return frozenset(model.__table__.name for model in CONTENT_MODELS)


def _after_commit(session: so.Session) -> None:
    if session.info.pop(CHANGED, False) and has_app_context():
        version = current_app.extensions.get("content_version")
        if version is not None:
            version.changed()


def _after_rollback(session: so.Session) -> None:
    session.info.pop(CHANGED, None)


_LISTENERS = (("after_flush", _note_changes), ("do_orm_execute", _note_bulk_changes),
              ("after_commit", _after_commit),
              ("after_rollback", _after_rollback))


def init_app(_app: Flask) -> None:
    """Listen on every session once per process; each app finds its own cache at commit."""
    for name, listener in _LISTENERS:
        if listener is not None and not sa.event.contains(so.Session, name, listener):
            sa.event.listen(so.Session, name, listener)
