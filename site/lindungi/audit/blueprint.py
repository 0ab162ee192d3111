"""The audit log page for admins, /staf/audit. Importing this module attaches its route."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/staf")

from lindungi.audit import views  # noqa: E402, F401  (routes)
