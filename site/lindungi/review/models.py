"""The review queue's saved search, kept on the server.

A search is usually part of a worker's name. It must not go into a URL (access logs, history)
nor into the session cookie, which is signed but readable by anyone holding it. The cookie holds
only this row's random id; the row belongs to one staff member and expires with the longest
possible staff session.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db


class QueueSearch(db.Model):
    __tablename__ = "queue_search"

    id: so.Mapped[str] = so.mapped_column(sa.String(43), primary_key=True)
    staff_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    text: so.Mapped[str] = so.mapped_column(sa.String(80))
    expires_at: so.Mapped[datetime] = so.mapped_column(index=True)
