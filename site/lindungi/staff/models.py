"""City staff accounts. Roles decide every /staf/ route (see staff.access)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from lindungi.extensions import db, str_enum
from lindungi.protection.columns import SealedText
from lindungi.staff import passwords
from lindungi.timeutil import utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    COMMUNICATIONS = "communications"


# The languages of the staff area (a staff member's choice on their own account page).
STAFF_LANGUAGES = ("id", "en")


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_user"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    # Every /staf/ page is shown in this language (i18n.select_locale); public pages keep theirs.
    language: so.Mapped[str] = so.mapped_column(sa.String(2), default="id", server_default="id")
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(256))
    role: so.Mapped[Role] = so.mapped_column(
        str_enum(Role)
    )
    active: so.Mapped[bool] = so.mapped_column(default=True)
    # Bumped on sign-out, password, role or status change: every older session stops working.
    session_version: so.Mapped[int] = so.mapped_column(default=1)
    # Set when an admin reset the password: the next sign-in must choose a new one.
    must_change_password: so.Mapped[bool] = so.mapped_column(default=False)
    # Two-factor sign-in (staff.twofactor): the TOTP secret, sealed like personal data; the time
    # it was confirmed (None: not enrolled); the last time step accepted (a code works once).
    totp_secret: so.Mapped[str | None] = so.mapped_column(SealedText("staff_user.totp_secret"))
    totp_enabled_at: so.Mapped[datetime | None]
    totp_last_step: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    last_sign_in_at: so.Mapped[datetime | None]

    def set_password(self, password: str) -> None:
        self.password_hash = passwords.hash_password(password)

    def check_password(self, password: str) -> bool:
        return passwords.matches(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None and self.totp_secret is not None

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.role}>"


class RecoveryCode(db.Model):
    """A single-use way past the code step when the phone is lost. Only the SHA-256 of the code
    is stored: a code is 50 random bits, so a plain hash cannot be guessed back."""

    __tablename__ = "staff_recovery_code"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    staff_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    code_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    used_at: so.Mapped[datetime | None]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(sa.select(StaffUser).where(StaffUser.email == normalise_email(email)))
