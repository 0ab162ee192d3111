"""The editor's blueprint under /staf. Importing this module attaches every route (the view
modules imported at the end)."""

from __future__ import annotations

from flask import Blueprint

from lindungi.staff.models import Role

bp = Blueprint("editor", __name__, url_prefix="/staf")

# Who may write news and pages. Reviewers may not.
EDITORS = (Role.COMMUNICATIONS, Role.ADMIN)

from lindungi.editor import (  # noqa: E402, F401  (routes)
    article_views,
    page_views,
    preview_views,
    revision_views,
)
