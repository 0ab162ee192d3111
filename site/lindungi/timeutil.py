"""Time in one place, so tests can move the clock (app.config["NOW"]) without patching."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, has_app_context


def utcnow() -> datetime:
    """Now, as a naive UTC datetime (how every timestamp is stored, on SQLite and PostgreSQL)."""
    if has_app_context():
        fixed = current_app.config.get("NOW")
        if fixed is not None:
            return fixed.astimezone(UTC).replace(tzinfo=None)
    return datetime.now(UTC).replace(tzinfo=None)
