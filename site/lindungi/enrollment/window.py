"""Whether new enrollment requests are accepted: one settings row that admins change.

No row means open. While closed, the checker, the start page and the home page show the admins'
message, and no request can be started or sent; requests already sent go on through review.
A change is a content change (pagecache.invalidation): the content version that cached pages
and every public page's ETag follow is replaced, so closing or reopening shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import g, has_app_context

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.timeutil import utcnow

ROW_ID = 1
MESSAGE_MAX = 500


class EnrollmentWindow(db.Model):
    __tablename__ = "enrollment_window"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    is_open: so.Mapped[bool] = so.mapped_column(default=True)
    # The message families read while requests are closed, in each language of the site.
    message_id: so.Mapped[str] = so.mapped_column(sa.String(MESSAGE_MAX), default="")
    message_en: so.Mapped[str] = so.mapped_column(sa.String(MESSAGE_MAX), default="")
    # Grows on every change: the public pages' ETag follows it.
    version: so.Mapped[int] = so.mapped_column(default=0)
    changed_at: so.Mapped[datetime | None]
    changed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"))


@dataclass(frozen=True)
class WindowState:
    is_open: bool
    message_id: str = ""
    message_en: str = ""
    version: int = 0

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_id


OPEN = WindowState(is_open=True)


def state() -> WindowState:
    """The current state, read once per request (the home page asks twice: ETag and page)."""
    cached = g.get("enrollment_window") if has_app_context() else None
    if cached is not None:
        return cached
    from lindungi.versioned import cached

    current = cached(("enrollment_window",), _load_state)
    if has_app_context():
        g.enrollment_window = current
    return current


def _load_state() -> WindowState:
    row = db.session.get(EnrollmentWindow, ROW_ID)
    if row is None:
        return OPEN
    return WindowState(is_open=row.is_open, message_id=row.message_id,
                       message_en=row.message_en, version=row.version)


def is_open() -> bool:
    return state().is_open


def _row() -> EnrollmentWindow:
    row = db.session.get(EnrollmentWindow, ROW_ID)
    if row is None:
        row = EnrollmentWindow(id=ROW_ID, is_open=True, message_id="", message_en="", version=0)
        db.session.add(row)
    return row


def close(actor_id: int | None, message_id: str, message_en: str) -> EnrollmentWindow:
    """Stop new requests, with the message families will read (flushes and audits; the caller
    commits). Closing again while closed changes the message."""
    row = _row()
    row.is_open = False
    row.message_id, row.message_en = message_id, message_en
    return _changed(row, actor_id, actions.ENROLLMENT_CLOSED)


def reopen(actor_id: int | None) -> EnrollmentWindow:
    """Accept new requests again; the message is kept for the next closing's form."""
    row = _row()
    row.is_open = True
    return _changed(row, actor_id, actions.ENROLLMENT_REOPENED)


def _changed(row: EnrollmentWindow, actor_id: int | None, action: str) -> EnrollmentWindow:
    row.version = (row.version or 0) + 1
    row.changed_at = utcnow()
    row.changed_by_id = actor_id
    db.session.flush()
    actions.log(action, actor_id=actor_id, target_type="enrollment_window", target_id=ROW_ID)
    g.pop("enrollment_window", None)
    return row
