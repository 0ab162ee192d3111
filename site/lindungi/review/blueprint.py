"""The review screens under /staf: overview, queue, request detail and decisions, export.
Signing in and accounts are the `staff` blueprint, the audit log the `audit` one. Importing this
module attaches every route (the view modules imported at the end)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/staf")

from lindungi.review import (  # noqa: E402, F401  (routes)
    dashboard_views,
    export_views,
    queue_views,
    request_views,
)
