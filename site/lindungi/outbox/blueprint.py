"""The message list for admins, /staf/pesan. Importing this module attaches its routes."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("outbox", __name__, url_prefix="/staf")

from lindungi.outbox import staff_views  # noqa: E402, F401  (routes)
