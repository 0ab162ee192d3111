"""The audit log: sign-ins, views of personal data, decisions, exports, account changes.

Append-only from the application: there is no code path that updates or deletes a row.
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


def record(action: str, *, actor_id: int | None = None, target_type: str = "",
           target_id: str | int = "", client: str = "", **detail: Any) -> AuditEvent:
    """Add an audit row to the current transaction (the caller commits)."""
    event = AuditEvent(action=action, actor_id=actor_id, target_type=target_type,
                       target_id=str(target_id), detail=detail, client=client)
    db.session.add(event)
    return event
