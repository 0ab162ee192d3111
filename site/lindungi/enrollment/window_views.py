"""While new requests are closed (enrollment.window), the steps of a request lead to one clear
page instead: a draft in progress is neither lost nor sendable, and nothing fails."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from lindungi.enrollment import window
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.pages import leave_flow

# The steps of a new request. The start page says it is closed by itself; sending is refused in
# views._submit, after a repeated send of a request already stored has been answered.
STEPS = frozenset({
    "enrollment.applicant", "enrollment.worker", "enrollment.another_worker",
    "enrollment.remove_worker",
    "enrollment.contact", "enrollment.consent", "enrollment.check",
})


@bp.before_request
def _closed_to_new_requests() -> Response | None:
    if request.endpoint in STEPS and not window.is_open():
        return leave_flow("enrollment.closed")
    return None


@bp.get("/daftar/ditutup")
def closed() -> Response | str:
    if window.is_open():  # reopened since: the form itself
        return redirect(url_for("enrollment.start"), 303)
    return render_template("enrollment/closed.html", enrollment_window=window.state(),
                           draft_hours=current_app.config["ENROLLMENT_DRAFT_HOURS"])
