"""One row per filled setting. A setting without a row, or with an empty value, is not set."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db
from lindungi.timeutil import utcnow


class SiteSetting(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "site_setting"

    key: so.Mapped[str] = so.mapped_column(sa.String(40), primary_key=True)
    value: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"))
