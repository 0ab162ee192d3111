"""The enrollment blueprint: every page here is personal (no-store), except the kelurahan list.
Importing this module attaches every route (the view modules imported at the end)."""

from __future__ import annotations

from flask import Blueprint, request
from sqlalchemy.exc import OperationalError
from werkzeug.wrappers import Response

from lindungi.enrollment.drafts import DraftExpired
from lindungi.extensions import db
from lindungi.security import mark_private

bp = Blueprint("enrollment", __name__)

# Public place names only: the one response that may be cached.
NOT_PRIVATE = frozenset({"enrollment.kelurahan_options"})


@bp.before_request
def _private() -> None:
    if request.endpoint not in NOT_PRIVATE:
        mark_private()


@bp.errorhandler(DraftExpired)
def _draft_expired(_error: DraftExpired) -> Response:
    from lindungi.enrollment.pages import leave_flow

    db.session.commit()  # the expired row's deletion, and nothing else, happened
    return leave_flow("enrollment.start")


@bp.errorhandler(OperationalError)
def _database_busy(error: OperationalError) -> Response:
    from lindungi.enrollment.pages import busy_page

    return busy_page(error)


from lindungi.enrollment import status_views, views, worker_views  # noqa: E402, F401  (routes)
