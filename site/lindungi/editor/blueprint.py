"""The editor's blueprint: every URL of the feature is attached by the view modules below."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g

from lindungi.staff.models import Role

bp = Blueprint("editor", __name__, url_prefix="/staf")

# Who may write news and pages. Reviewers may not.
EDITORS = (Role.COMMUNICATIONS, Role.ADMIN)


@bp.context_processor
def preview_context() -> dict[str, Any]:
    # The public templates show the preview banner when this is set (see preview_views).
    return {"editor_preview": g.get("editor_preview")}


def blueprint() -> Blueprint:
    """The blueprint with its routes attached (the view modules add them on import)."""
    from lindungi.editor import (  # noqa: F401
        article_views,
        page_views,
        preview_views,
        revision_views,
    )

    return bp
