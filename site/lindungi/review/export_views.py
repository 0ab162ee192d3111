"""Download of the approved requests for collective registration (audited)."""

from __future__ import annotations

from flask import make_response, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.review.blueprint import bp
from lindungi.review.export import export_approved
from lindungi.staff.access import REVIEWERS, require_roles
from lindungi.staff.reauth import recent_sign_in
from lindungi.timeutil import utcnow


@bp.post("/pendaftaran/ekspor.csv")
@require_roles(*REVIEWERS)
@recent_sign_in(back=lambda: url_for("review.queue"))
def export_csv() -> Response:
    """A POST with its CSRF token: a GET could be triggered by any page the reviewer opens."""
    text, _count = export_approved(current_user)
    db.session.commit()  # no audit row, no file
    stamp = to_wita(utcnow()).strftime("%Y%m%d-%H%M")
    response = make_response(text.encode("utf-8"))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="pendaftaran-disetujui-{stamp}.csv"')
    return response
