"""/status: a reference number and a worker's date of birth show where a request stands.

A POST, so the date of birth never sits in an address; the answer is the POST's own response
(no redirect carrying data) and is never cached. Rate-limited per client.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from lindungi.enrollment import display, lookup, replies, review_requests
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.forms import StatusForm, add_error
from lindungi.enrollment.models import RequestStatus
from lindungi.enrollment.replies import AnswerForm
from lindungi.extensions import db, limiter
from lindungi.htmx import render_page_or_fragment
from lindungi.program import city_today


def _page(form: StatusForm, result: lookup.StatusView | None = None,
          answer_form: AnswerForm | None = None, answered: bool = False) -> Response:
    if result is not None and answer_form is None:
        answer_form = AnswerForm(formdata=None, data={"reference": result.reference})
    return render_page_or_fragment("enrollment/status.html", "enrollment/_status_body.html",
                                   form=form, result=result, answer_form=answer_form,
                                   answered=answered, **_review_notice(result),
                                   **display.helpers())


def _review_notice(result: lookup.StatusView | None) -> dict[str, object]:
    """A rejection's notice: until when a review can be asked for (none once it has passed,
    or when this rejection already answered a review)."""
    if result is None or result.status is not RequestStatus.REJECTED or result.reviewed:
        return {}
    deadline = review_requests.deadline_after(result.last_change_at)
    if city_today() > deadline:
        return {}
    return {"review_deadline": deadline, "review_days": review_requests.REVIEW_DAYS}


@bp.get("/status")
def status() -> Response:
    return _page(StatusForm(formdata=None))


@bp.post("/status")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def status_lookup() -> Response:
    form = StatusForm()
    result = None
    if form.validate_for(city_today()) and form.birth_date is not None:
        result = lookup.find_status(form.reference.data, form.birth_date)
        if result is None:
            # One message for an unknown reference and for a wrong date of birth.
            add_error(form.reference, _(
                "We could not find a request with this reference number and date of birth. "
                "Check both: the date of birth must be one of the workers' in the request."
            ))
        else:
            replies.remember_verified(result.reference)
    return _page(form, result)


@bp.post("/status/jawab")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def status_answer() -> Response:
    """The answer to a reviewer's question, from a browser that has just looked the request up
    with its reference and a worker's date of birth."""
    answer_form = AnswerForm()
    reference = answer_form.reference.data or ""
    request_row = lookup.request_by_reference(reference) if replies.is_verified(
        reference) else None
    if request_row is None:
        form = StatusForm(formdata=None)
        add_error(form.reference, _(
            "To answer, look the request up again with its reference number and a worker's "
            "date of birth."
        ))
        return _page(form)
    if not answer_form.validate():
        return _page(StatusForm(formdata=None), lookup.view_of(request_row), answer_form)
    answered = replies.answer_more_information(request_row, answer_form.answer.data)
    db.session.commit()
    return _page(StatusForm(formdata=None), lookup.view_of(request_row), answered=answered)
