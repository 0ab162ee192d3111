"""An alert line in the application log when one account views identity numbers or exports far
more than daily work needs: a stolen session or an insider copying data shows up as volume.

The count comes from the audit log itself (no per-process counters, so it is right with several
app servers). The line names the account id, the action and the count, never personal data; the
log system forwards WARNING lines with event=alert to whoever is on call (docs/security.md)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from lindungi.extensions import db
from lindungi.timeutil import utcnow

WINDOW = timedelta(hours=1)


def check_volume(model: type, action: str, actor_id: int | None, setting: str) -> None:
    """Log an alert when `actor_id` reaches the hourly limit for `action` (and each multiple)."""
    limit = int(current_app.config.get(setting) or 0)
    if actor_id is None or limit <= 0:
        return
    since = utcnow() - WINDOW
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(model)
        .where(model.actor_id == actor_id, model.action == action, model.at >= since)
    ) or 0
    count += 1  # the row being added now (not flushed yet)
    if count % limit == 0:
        current_app.logger.warning(
            "event=alert reason=unusual_volume action=%s actor_id=%s count=%s window=1h",
            action, actor_id, count,
        )
