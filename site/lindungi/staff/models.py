"""City staff accounts. Roles decide every /staf/ route (see staff.access)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from lindungi.extensions import db, str_enum
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
    failed_sign_ins: so.Mapped[int] = so.mapped_column(default=0)
    locked_until: so.Mapped[datetime | None]
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    last_sign_in_at: so.Mapped[datetime | None]

    def set_password(self, password: str) -> None:
        self.password_hash = passwords.hash_password(password)

    def check_password(self, password: str) -> bool:
        return passwords.matches(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.role}>"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(sa.select(StaffUser).where(StaffUser.email == normalise_email(email)))
