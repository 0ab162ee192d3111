"""Answers in progress: a database row per draft, and only its random id in the session cookie.

Nothing personal travels in hidden fields or cookies. A draft lives ENROLLMENT_DRAFT_HOURS after
its last change; an expired one is forgotten with a kind message, and expired rows are deleted
whenever a new draft is made (no scheduler needed).
"""

from __future__ import annotations

import dataclasses
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, session

from lindungi.database import wants_write_lock
from lindungi.enrollment.answers import Answers, WorkerDefaults
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from lindungi.timeutil import utcnow

SESSION_KEY = "enrollment_draft"
# The eligibility checker's answers (place and work codes, a decile: nothing personal) carried
# in the session until the first step is saved: following the checker's link, as any crawler
# may, writes nothing to the database.
PREFILL_KEY = "enrollment_prefill"
EXPIRED_KEY = "enrollment_draft_expired"  # one-shot: the start page says why answers are gone
REFERENCE_KEY = "enrollment_reference"  # the last request sent from this browser


class DraftExpired(Exception):
    """The session named a draft that has expired (or was deleted): start over."""


def lifetime() -> timedelta:
    return timedelta(hours=int(current_app.config["ENROLLMENT_DRAFT_HOURS"]))


def load() -> EnrollmentDraft | None:
    """This browser's draft; None when there is none. Raises DraftExpired when it has expired,
    after forgetting it (and deleting the row if this request may write)."""
    draft_id = session.get(SESSION_KEY)
    if not isinstance(draft_id, str):
        return None
    draft = db.session.get(EnrollmentDraft, draft_id)
    if draft is not None and draft.expires_at > utcnow():
        return draft
    session.pop(SESSION_KEY, None)
    session[EXPIRED_KEY] = True
    if draft is not None and wants_write_lock():
        db.session.delete(draft)
    raise DraftExpired


def create() -> EnrollmentDraft:
    purge_expired()
    draft = EnrollmentDraft(id=secrets.token_urlsafe(32), data=Answers().to_json(),
                            expires_at=utcnow() + lifetime())
    db.session.add(draft)
    db.session.flush()
    session[SESSION_KEY] = draft.id
    session.permanent = True  # survives closing the browser, for as long as the draft does
    return draft


def answers_of(draft: EnrollmentDraft | None) -> Answers:
    """The draft's answers; a draft from an older form shape starts over empty."""
    if draft is None:
        return Answers()
    try:
        return Answers.from_json(draft.data or {})
    except (ValueError, TypeError, KeyError):
        return Answers()


def save(draft: EnrollmentDraft, answers: Answers) -> None:
    """Store the answers (with the prefill that `with_prefill` put in, which then leaves the
    session)."""
    # A new dict each time: SQLAlchemy does not see changes made inside a JSON value.
    draft.data = answers.to_json()
    draft.expires_at = utcnow() + lifetime()
    session.pop(PREFILL_KEY, None)


def remember_prefill(defaults: WorkerDefaults) -> None:
    session[PREFILL_KEY] = dataclasses.asdict(defaults)


def with_prefill(answers: Answers) -> Answers:
    """The answers with the checker's defaults for the first worker, while there is none yet
    (in memory: `save` keeps them)."""
    data = session.get(PREFILL_KEY)
    if answers.workers or not isinstance(data, dict):
        return answers
    try:
        answers.defaults = WorkerDefaults(**data)
    except TypeError:  # a cookie from another version of the form
        session.pop(PREFILL_KEY, None)
    return answers


def discard(draft: EnrollmentDraft) -> None:
    db.session.delete(draft)
    session.pop(SESSION_KEY, None)


def purge_expired() -> int:
    result = db.session.execute(
        sa.delete(EnrollmentDraft).where(EnrollmentDraft.expires_at <= utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
