"""The queue's search text, per staff session, on the server (see review.models.QueueSearch).

The view saves it on the search form's POST and reads it on every queue page, so paging and
filtering keep the search until it is cleared. Writes flush; the view commits. Signing out
(Flask-Login's user_logged_out signal) forgets every search of that staff member, since a
search may hold a worker's name.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app, session
from flask_login import user_logged_out

from lindungi.extensions import db
from lindungi.review.models import QueueSearch
from lindungi.staff.models import StaffUser
from lindungi.timeutil import utcnow

SESSION_KEY = "review_search_id"


def _row(staff: StaffUser) -> QueueSearch | None:
    search_id = session.get(SESSION_KEY)
    if not isinstance(search_id, str):
        return None
    row = db.session.get(QueueSearch, search_id)
    if row is None or row.staff_id != staff.id or row.expires_at <= utcnow():
        return None
    return row


def current(staff: StaffUser) -> str:
    """This session's search, or "" (also when it expired or belongs to someone else)."""
    row = _row(staff)
    return row.text if row is not None else ""


def save(staff: StaffUser, text: str) -> None:
    """Replace this session's search ("" clears it), and drop every expired one."""
    search_id = session.pop(SESSION_KEY, None)
    if isinstance(search_id, str):
        db.session.execute(sa.delete(QueueSearch).where(QueueSearch.id == search_id,
                                                        QueueSearch.staff_id == staff.id))
    db.session.execute(sa.delete(QueueSearch).where(QueueSearch.expires_at <= utcnow()))
    if text:
        hours = int(current_app.config["STAFF_ABSOLUTE_HOURS"])
        row = QueueSearch(id=secrets.token_urlsafe(32), staff_id=staff.id, text=text,
                          expires_at=utcnow() + timedelta(hours=hours))
        db.session.add(row)
        session[SESSION_KEY] = row.id
    db.session.flush()


@user_logged_out.connect
def forget(_app: Flask, user: StaffUser, **_extra: object) -> None:
    """Every search of this staff member, on sign-out (the sign-out view commits)."""
    db.session.execute(sa.delete(QueueSearch).where(QueueSearch.staff_id == user.id))
