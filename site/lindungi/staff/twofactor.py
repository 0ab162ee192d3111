"""Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238) and recovery codes.

Reviewers and admins can export every NIK, so their sign-in is a password and then a 6-digit
code from an authenticator app. The secret is sealed in the database like personal data
(protection.columns). A code is accepted for the current 30-second step and one step either side
(clock drift); the step accepted is stored, and only a later step is accepted next time, so a
code seen over someone's shoulder cannot be used again. Ten recovery codes are given once at
enrolment; each works once and only its SHA-256 is kept.

Functions flush and write the audit row; the caller commits.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.staff.models import RecoveryCode, Role, StaffUser
from lindungi.timeutil import utcnow

ISSUER = "Lindungi Makassar"
# Roles that must sign in with a code: they see and export applicants' identity numbers.
REQUIRED_FOR = frozenset({Role.ADMIN, Role.REVIEWER})
DRIFT_STEPS = 1
RECOVERY_CODES = 10
# Crockford's base 32: no I, L, O or U, so a code read off paper is not mistyped.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TOTP_CODE = re.compile(r"[0-9]{6}")


def required_for(user: StaffUser) -> bool:
    return bool(current_app.config["STAFF_TWO_FACTOR_REQUIRED"]) and user.role in REQUIRED_FOR


def needs_enrolment(user: StaffUser) -> bool:
    return required_for(user) and not user.has_two_factor


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """The QR code as an SVG data: URI for an <img> (the CSP allows img-src data:, and an image
    runs no script). Drawn here, so the secret never goes to a third-party QR service."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


def _now() -> datetime:
    # Aware: pyotp reads a naive datetime as local time.
    return utcnow().replace(tzinfo=UTC)


def matching_step(secret: str, code: str) -> int | None:
    """The time step whose code this is (current step ± DRIFT_STEPS), or None."""
    code = code.strip().replace(" ", "")
    if not _TOTP_CODE.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(_now())
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def accept_code(user: StaffUser, code: str) -> bool:
    """True when `code` is the account's current code and was not used before. Records the step
    with one conditional UPDATE, so two app servers given the same code accept it only once."""
    if user.totp_secret is None:
        return False
    step = matching_step(user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        sa.update(StaffUser)
        .where(StaffUser.id == user.id)
        .where(sa.or_(StaffUser.totp_last_step.is_(None), StaffUser.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return False
    user.totp_last_step = step
    return True


def _hash_recovery(code: str) -> str:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def use_recovery_code(user: StaffUser, code: str) -> bool:
    """Spend one recovery code (the same conditional UPDATE: once, across servers)."""
    if not user.has_two_factor or len(code) > 40:
        return False
    used = db.session.execute(
        sa.update(RecoveryCode)
        .where(RecoveryCode.staff_id == user.id,
               RecoveryCode.code_hash == _hash_recovery(code),
               RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if used != 1:
        return False
    left = remaining_recovery_codes(user)
    actions.log(actions.RECOVERY_CODE_USED, actor_id=user.id, target_type="staff_user",
                target_id=user.id, left=left)
    return True


def remaining_recovery_codes(user: StaffUser) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(RecoveryCode)
        .where(RecoveryCode.staff_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def _replace_recovery_codes(user: StaffUser) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(staff_id=user.id, code_hash=_hash_recovery(code))
                       for code in codes)
    return codes


def enable(user: StaffUser, secret: str, code: str) -> list[str] | None:
    """Turn two-factor sign-in on once the first code from the app matches. Returns the recovery
    codes to show (once), or None when the code does not match."""
    step = matching_step(secret, code)
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step  # the confirming code cannot sign in a second time
    codes = _replace_recovery_codes(user)
    actions.log(actions.TWO_FACTOR_ENABLED, actor_id=user.id, target_type="staff_user",
                target_id=user.id)
    db.session.flush()
    return codes


def renew_recovery_codes(user: StaffUser) -> list[str]:
    """The owner replaces their recovery codes (some used up, or the paper lost): every old code
    stops working, and the ten new ones are returned to show once."""
    if not user.has_two_factor:
        raise ValueError("no two-step sign-in to renew recovery codes for")
    unused = remaining_recovery_codes(user)
    codes = _replace_recovery_codes(user)
    actions.log(actions.RECOVERY_CODES_RENEWED, actor_id=user.id, target_type="staff_user",
                target_id=user.id, replaced=unused)
    db.session.flush()
    return codes


def reset(user: StaffUser, actor_id: int | None) -> None:
    """An admin turns the account's two-factor sign-in off (a lost phone and no recovery code
    left): its sessions end, and a reviewer or admin enrols again at the next sign-in."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    user.session_version += 1
    actions.log(actions.TWO_FACTOR_RESET, actor_id=actor_id, target_type="staff_user",
                target_id=user.id)
    db.session.flush()


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (the CLI and the tests use it)."""
    return pyotp.TOTP(secret).at(_now())
