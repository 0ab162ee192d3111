"""Writes to staff accounts, from the command line and the admin screens alike.

They flush and write the audit row but never commit: the caller (request or command) does.
Messages are English msgids with %(name)s parameters: the CLI prints them as they are, the admin
screens translate them.
"""

from __future__ import annotations

from typing import Any

from lindungi.audit import actions
from lindungi.core.i18n import N_
from lindungi.extensions import db
from lindungi.outbox import staff_notices
from lindungi.staff.guessable import too_guessable
from lindungi.staff.models import (
    STAFF_LANGUAGES,
    Role,
    StaffUser,
    find_by_email,
    normalise_email,
)

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128


class AccountError(ValueError):
    """A change to an account that cannot be made. `message` is a msgid, `params` its values;
    str() gives the English text."""

    def __init__(self, message: str, field: str = "", **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field  # the form field it belongs to, when there is one
        self.params = params


def password_error(password: str, email: str = "") -> AccountError | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return AccountError(N_("The password must have at least %(count)s characters."),
                            count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return AccountError(N_("The password must have at most %(count)s characters."),
                            count=MAX_PASSWORD_LENGTH)
    lowered = password.lower()
    if (email and lowered == normalise_email(email)) or too_guessable(password, email):
        return AccountError(N_("That password is too easy to guess. Choose another."))
    return None


def password_problem(password: str, email: str = "") -> str | None:
    error = password_error(password, email)
    return str(error) if error else None


def find_account(target: str | StaffUser) -> StaffUser:
    if isinstance(target, StaffUser):
        return target
    user = find_by_email(target)
    if user is None:
        raise AccountError(N_("No staff account for %(email)s."), email=normalise_email(target))
    return user


def _not_yourself(user: StaffUser, actor_id: int | None) -> None:
    # An admin who demotes or disables themselves may leave the city with no admin at all.
    if actor_id is not None and actor_id == user.id:
        raise AccountError(N_("You cannot change your own role or disable your own account."))


def _audit(action: str, user: StaffUser, actor_id: int | None, **detail: Any) -> None:
    actions.log(action, actor_id=actor_id, target_type="staff_user", target_id=user.id,
                **detail)


def create_staff(email: str, role: Role, password: str, name: str = "",
                 actor_id: int | None = None) -> StaffUser:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(N_("Enter an email address like name@makassarkota.go.id."))
    if find_by_email(email) is not None:
        raise AccountError(N_("An account for %(email)s already exists."), email=email)
    problem = password_error(password, email)
    if problem:
        raise problem
    user = StaffUser(email=email, role=role, name=name.strip())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    _audit(actions.ACCOUNT_CREATED, user, actor_id, role=role.value)
    return user


def end_sessions(user: StaffUser) -> None:
    user.session_version += 1


def set_active(target: str | StaffUser, active: bool, actor_id: int | None = None) -> StaffUser:
    user = find_account(target)
    if not active:
        _not_yourself(user, actor_id)
    user.active = active
    end_sessions(user)
    _audit(actions.ACCOUNT_ENABLED if active else actions.ACCOUNT_DISABLED, user, actor_id)
    db.session.flush()
    return user


def set_role(target: str | StaffUser, role: Role, actor_id: int | None = None) -> StaffUser:
    user = find_account(target)
    _not_yourself(user, actor_id)
    previous = user.role
    user.role = role
    end_sessions(user)
    _audit(actions.ACCOUNT_ROLE, user, actor_id, role=role.value, previous=previous.value)
    db.session.flush()
    return user


def set_language(user: StaffUser, language: str) -> StaffUser:
    """A staff member's own choice of language for the staff area (audited)."""
    if language not in STAFF_LANGUAGES:
        raise ValueError(f"not a staff language: {language!r}")
    user.language = language
    _audit(actions.ACCOUNT_LANGUAGE, user, user.id, language=language)
    db.session.flush()
    return user


def reset_password(target: str | StaffUser, password: str,
                   actor_id: int | None = None) -> StaffUser:
    """Someone else (an admin, or the server's command line) sets the password: the account
    must choose its own at the next sign-in, and its owner is told by e-mail, so a reset they did
    not ask for does not go unnoticed."""
    user = find_account(target)
    problem = password_error(password, user.email)
    if problem:
        raise problem
    user.set_password(password)
    user.must_change_password = True
    end_sessions(user)
    staff_notices.password_reset(user)
    _audit(actions.PASSWORD_RESET, user, actor_id, notified=True)
    db.session.flush()
    return user


def change_own_password(user: StaffUser, current: str, new: str) -> StaffUser:
    """The staff member changes their own password: every other session of theirs ends."""
    if not user.check_password(current):
        raise AccountError(N_("Your current password is not right."), field="current")
    if new == current:
        raise AccountError(N_("Choose a password different from the current one."))
    problem = password_error(new, user.email)
    if problem:
        raise problem
    user.set_password(new)
    user.must_change_password = False
    end_sessions(user)
    _audit(actions.PASSWORD_CHANGED, user, user.id)
    db.session.flush()
    return user
