"""The /staf/ blueprint for signing in and out and for the admin's account screens. Importing
this module attaches every route (the view modules imported at the end).

The review screens (dashboard, queue, decisions) are the `review` blueprint and the audit log the
`audit` blueprint, also under /staf.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staf")

from lindungi.staff import (  # noqa: E402, F401  (routes)
    account_views,
    own_account_views,
    recovery_views,
    self_views,
    twofactor_views,
    views,
    window_views,
)
