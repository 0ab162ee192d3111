"""The four states staff see. "Scheduled" is not stored: it is a published article whose time
has not come (so it appears by itself, without a job to run)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from lindungi.content.models import Article, PublishStatus


class State(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"


# How each state is shown: its label and its tag colour (the same colours as the review screens).
_SHOWN_AS = {
    State.DRAFT: (_l("Draft"), "tag-grey"),
    State.SCHEDULED: (_l("Scheduled"), "tag-warn"),
    State.PUBLISHED: (_l("Published"), "tag-ok"),
    State.ARCHIVED: (_l("Archived"), "tag-grey"),
}
STATE_LABELS = {state: label for state, (label, _tag) in _SHOWN_AS.items()}
STATE_TAGS = {state: tag for state, (_label, tag) in _SHOWN_AS.items()}


def state_of(status: PublishStatus, publish_at: datetime | None, now: datetime) -> State:
    if status == PublishStatus.PUBLISHED:
        return State.SCHEDULED if publish_at is not None and publish_at > now else State.PUBLISHED
    return State.ARCHIVED if status == PublishStatus.ARCHIVED else State.DRAFT


def article_state(article: Article, now: datetime) -> State:
    return state_of(article.status, article.publish_at, now)


def stored_status(state: State) -> PublishStatus:
    if state in (State.SCHEDULED, State.PUBLISHED):
        return PublishStatus.PUBLISHED
    return PublishStatus(state.value)


def state_condition(state: State, now: datetime) -> sa.ColumnElement[bool]:
    """The SQL for "articles in this state" (the list's filter)."""
    published = Article.status == PublishStatus.PUBLISHED
    if state == State.SCHEDULED:
        return sa.and_(published, Article.publish_at > now)
    if state == State.PUBLISHED:
        return sa.and_(published, sa.or_(Article.publish_at.is_(None), Article.publish_at <= now))
    return Article.status == stored_status(state)
