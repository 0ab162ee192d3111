"""Checking a sign-in attempt: password, pause after wrong passwords, audit rows.

Whatever went wrong, the caller shows one message, so nobody learns whether an account exists,
is disabled or is paused. The work is similar too: a missing account still costs one password
hash. Wrong passwords are counted on the account row (any database, every app server); after
SIGN_IN_LOCKOUT_AFTER in a row the account is paused for SIGN_IN_LOCKOUT_MINUTES, even for the
right password. Flask-Limiter limits attempts per client and per email address on top of this.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.staff import passwords
from lindungi.staff.models import StaffUser, find_by_email
from lindungi.timeutil import utcnow


def authenticate(email: str, password: str) -> StaffUser | None:
    """The account if this attempt may sign in, else None. Flushes; the caller commits."""
    user = find_by_email(email)
    if user is None:
        passwords.check_without_account(password)
        actions.log(actions.SIGN_IN_FAILED, reason="unknown_account")
        return None
    password_ok = user.check_password(password)
    now = utcnow()
    if user.locked_until is not None and user.locked_until > now:
        _failed(user, "paused")
        return None
    if not password_ok:
        _count_wrong_password(user)
        return None
    if not user.active:
        _failed(user, "disabled")
        return None
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    actions.log(actions.SIGN_IN, actor_id=user.id, target_type="staff_user", target_id=user.id)
    db.session.flush()
    return user


def _failed(user: StaffUser, reason: str) -> None:
    actions.log(actions.SIGN_IN_FAILED, target_type="staff_user", target_id=user.id,
                reason=reason)


def _count_wrong_password(user: StaffUser) -> None:
    # One UPDATE ... SET n = n + 1: two app servers counting at once both count.
    count = db.session.scalar(
        sa.update(StaffUser)
        .where(StaffUser.id == user.id)
        .values(failed_sign_ins=StaffUser.failed_sign_ins + 1)
        .returning(StaffUser.failed_sign_ins)
    )
    _failed(user, "password")
    if count is not None and count >= int(current_app.config["SIGN_IN_LOCKOUT_AFTER"]):
        minutes = int(current_app.config["SIGN_IN_LOCKOUT_MINUTES"])
        user.locked_until = utcnow() + timedelta(minutes=minutes)
        user.failed_sign_ins = 0
        actions.log(actions.ACCOUNT_LOCKED, target_type="staff_user", target_id=user.id,
                    minutes=minutes)
    db.session.flush()
