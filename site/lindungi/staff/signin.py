"""Checking a sign-in attempt: the password step, the record of a completed sign-in, audit rows.

Whatever went wrong, the caller shows one message, so nobody learns whether an account exists or
is disabled. The work is similar too: a missing account still costs one password hash.

Nothing here pauses an account: a pause of the account itself would let anyone who knows a staff
member's email address keep them out. Failures are counted instead by the rate limiter (shared
storage, Redis in production) per client address and per (client address, account): one address
that fails too often for one account is paused for that account only (views.sign_in), and the
owner signing in from anywhere else is not affected. Reviewers' and admins' accounts also need a
code from their phone, so a guessed password alone opens nothing.
"""

from __future__ import annotations

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.staff import passwords
from lindungi.staff.models import StaffUser, find_by_email
from lindungi.timeutil import utcnow


def authenticate(email: str, password: str) -> StaffUser | None:
    """The account if the password is right and the account active, else None. Writes the audit
    row of a failure; flushes; the caller commits."""
    user = find_by_email(email)
    if user is None:
        passwords.check_without_account(password)
        actions.log(actions.SIGN_IN_FAILED, reason="unknown_account")
        return None
    if not user.check_password(password):
        failed(user, "password")
        return None
    if not user.active:
        failed(user, "disabled")
        return None
    return user


def failed(user: StaffUser, reason: str) -> None:
    actions.log(actions.SIGN_IN_FAILED, target_type="staff_user", target_id=user.id,
                reason=reason)
    db.session.flush()


def signed_in(user: StaffUser, method: str) -> None:
    """The audit row of a completed sign-in: "password", "code" or "recovery_code"."""
    user.last_sign_in_at = utcnow()
    actions.log(actions.SIGN_IN, actor_id=user.id, target_type="staff_user", target_id=user.id,
                method=method)
    db.session.flush()
