"""The review screens under /staf: overview, queue, request detail and decisions, export, audit
log. Signing in and accounts are the `staff` blueprint."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/staf")


def blueprint() -> Blueprint:
    """The blueprint with its routes attached (the view modules add them on import)."""
    from lindungi.review import (  # noqa: F401
        audit_views,
        dashboard_views,
        export_views,
        queue_views,
        request_views,
    )

    return bp
