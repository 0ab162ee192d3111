"""Writes to staff accounts. They flush but never commit: the caller (request or command) does."""

from __future__ import annotations

from pathlib import Path

from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser, find_by_email, normalise_email

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
# A short list of passwords people really use; long passphrases pass, these never do.
_COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


class AccountError(ValueError):
    """A change to an account that cannot be made; the message is safe to show to an admin."""


def common_passwords() -> frozenset[str]:
    lines = _COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str, email: str = "") -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must have at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password must have at most {MAX_PASSWORD_LENGTH} characters."
    lowered = password.lower()
    if lowered in common_passwords() or (email and lowered == normalise_email(email)):
        return "That password is too easy to guess. Choose another."
    return None


def _require(email: str) -> StaffUser:
    user = find_by_email(email)
    if user is None:
        raise AccountError(f"No staff account for {normalise_email(email)}.")
    return user


def create_staff(email: str, role: Role, password: str, name: str = "") -> StaffUser:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("Enter an email address like name@makassarkota.go.id.")
    if find_by_email(email) is not None:
        raise AccountError(f"An account for {email} already exists.")
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem)
    user = StaffUser(email=email, role=role, name=name.strip())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def end_sessions(user: StaffUser) -> None:
    user.session_version += 1


def set_active(email: str, active: bool) -> StaffUser:
    user = _require(email)
    user.active = active
    end_sessions(user)
    return user


def set_role(email: str, role: Role) -> StaffUser:
    user = _require(email)
    user.role = role
    end_sessions(user)
    return user


def reset_password(email: str, password: str) -> StaffUser:
    user = _require(email)
    problem = password_problem(password, user.email)
    if problem:
        raise AccountError(problem)
    user.set_password(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    end_sessions(user)
    return user
