"""The audit log: sign-ins, views of personal data, decisions, exports, account changes.

Append-only from the application: rows are written by audit.actions.log only, and there is no
code path that updates or deletes one.
`detail` never holds personal data, only ids, codes and counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db
from lindungi.timeutil import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    at: so.Mapped[datetime] = so.mapped_column(default=utcnow, index=True)
    actor_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("staff_user.id"), index=True)
    action: so.Mapped[str] = so.mapped_column(sa.String(40), index=True)
    target_type: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    target_id: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    detail: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    client: so.Mapped[str] = so.mapped_column(sa.String(64), default="")

