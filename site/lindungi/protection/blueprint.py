"""/staf/data-pribadi: the admins' tools for a person's rights over their data. Importing this
module attaches every route (the view module imported at the end)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("subjects", __name__, url_prefix="/staf/data-pribadi")

from lindungi.protection import subject_views  # noqa: E402, F401  (routes)
