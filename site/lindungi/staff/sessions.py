"""Staff sessions that really end.

Flask's session is a signed cookie, so a copied cookie would outlive sign-out. The cookie holds
the account's session_version; bumping it on the server (sign-out, password, role or status
change) invalidates every older cookie. Idle and absolute timeouts are checked on each request.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app, g, session
from flask_login import login_user

from lindungi.extensions import db, login_manager
from lindungi.staff.models import StaffUser
from lindungi.timeutil import utcnow

SESSION_KEYS = ("staff_id", "staff_version", "staff_started", "staff_seen", "staff_reauth")
# Between the password and the code: who typed the right password, and when. Not signed in.
PENDING_KEYS = ("pending_staff_id", "pending_version", "pending_at")
PENDING_MINUTES = 5


def _timestamp() -> float:
    return utcnow().timestamp()


def start_session(user: StaffUser) -> None:
    """Sign in: a fresh session (no fixation: nothing from before survives), then the account."""
    session.clear()
    session.permanent = False
    now = _timestamp()
    session.update(staff_id=user.id, staff_version=user.session_version,
                   staff_started=now, staff_seen=now, staff_reauth=now)
    login_user(user, remember=False, fresh=True)


def start_pending(user: StaffUser) -> None:
    """The password was right and the account has two-step sign-in: remember that for a few
    minutes (a fresh session, nothing else in it) and ask for the code. Nothing is open yet."""
    session.clear()
    session.permanent = False
    session.update(pending_staff_id=user.id, pending_version=user.session_version,
                   pending_at=_timestamp())


def pending_user() -> StaffUser | None:
    """The account waiting for its code, if the password step was recent and still counts."""
    user_id = session.get("pending_staff_id")
    if user_id is None:
        return None
    if _timestamp() - float(session.get("pending_at", 0)) > PENDING_MINUTES * 60:
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.active or user.session_version != session.get("pending_version"):
        return None
    return user


def mark_reauthenticated() -> None:
    session["staff_reauth"] = _timestamp()


def recently_authenticated() -> bool:
    """A password or code entered within STAFF_REAUTH_MINUTES (the sign-in itself counts)."""
    window = timedelta(minutes=current_app.config["STAFF_REAUTH_MINUTES"]).total_seconds()
    return _timestamp() - float(session.get("staff_reauth", 0)) <= window


def end_session(user: StaffUser | None) -> None:
    if user is not None:
        user.session_version += 1
    session.clear()


def _expired(now: float) -> bool:
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"]).total_seconds()
    absolute = timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"]).total_seconds()
    started = float(session.get("staff_started", 0))
    seen = float(session.get("staff_seen", 0))
    return now - seen > idle or now - started > absolute


def _ended() -> None:
    """Forget the session; the sign-in page then says why the staff member is there."""
    session.clear()
    g.staff_session_ended = True


def load_staff(user_id: str) -> StaffUser | None:
    if session.get("staff_id") is None or str(session["staff_id"]) != user_id:
        return None
    now = _timestamp()
    if _expired(now):
        _ended()
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.active or user.session_version != session.get("staff_version"):
        _ended()
        return None
    session["staff_seen"] = now
    return user


def init_app(app: Flask) -> None:
    login_manager.user_loader(load_staff)
    login_manager.login_view = "staff.sign_in"
    login_manager.session_protection = None  # the version check above does this job
    login_manager.login_message = None


def count_active_staff() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) or 0
