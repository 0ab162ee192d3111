"""/status/tinjau-ulang: the family asks for a review of a rejection with the reference number
and a worker's date of birth (a POST, rate-limited like the status lookup)."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from lindungi.enrollment import lookup, review_requests
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.forms import StatusForm, add_error
from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db, limiter
from lindungi.formatting import format_date_long
from lindungi.htmx import render_page_or_fragment
from lindungi.program import city_today
from lindungi.templating import locale_code


class ReviewForm(StatusForm):
    explanation = TextAreaField(_l("Why should the decision be looked at again? (optional)"),
                                validators=[Optional(), Length(
                                    max=review_requests.EXPLANATION_MAX,
                                    message=_l("Use at most %(max)d characters."))])


def _page(form: ReviewForm) -> Response:
    return render_page_or_fragment("enrollment/review.html", "enrollment/_review_body.html",
                                   form=form, review_days=review_requests.REVIEW_DAYS)


@bp.get("/status/tinjau-ulang")
def review() -> Response:
    return _page(ReviewForm(formdata=None))


@bp.post("/status/tinjau-ulang")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def review_request() -> Response | str:
    form = ReviewForm()
    if not (form.validate_for(city_today()) and form.birth_date is not None):
        return _page(form)
    found = lookup.find_status(form.reference.data, form.birth_date)
    request_row = None if found is None else db.session.scalar(
        db.select(EnrollmentRequest).where(EnrollmentRequest.reference == found.reference))
    if request_row is None:
        add_error(form.reference, _(
            "We could not find a request with this reference number and date of birth. "
            "Check both: the date of birth must be one of the workers' in the request."))
        return _page(form)
    try:
        review_requests.request_review(request_row, form.explanation.data or "")
        db.session.commit()
    except review_requests.ReviewRefused as refused:
        db.session.rollback()
        add_error(form.reference, _refusal(refused))
        return _page(form)
    except IntegrityError:
        db.session.rollback()
        add_error(form.reference, _refusal(review_requests.ReviewRefused("nik_open")))
        return _page(form)
    return render_template("enrollment/review_sent.html", reference=request_row.reference)


def _refusal(refused: review_requests.ReviewRefused) -> str:
    if refused.why == "too_late":
        return _("A review could be asked for until %(date)s, %(days)s days after the decision. "
                 "It is too late to ask for it online.",
                 date=format_date_long(refused.deadline, locale_code()),
                 days=review_requests.REVIEW_DAYS)
    if refused.why == "already":
        return _("A review of this request was already asked for. Its status page says where "
                 "it stands.")
    if refused.why == "nik_open":
        return _("A worker in this request is in another request that is still open, so this "
                 "one cannot be reopened online.")
    return _("This request was not rejected, so there is nothing to review. Its status page "
             "says where it stands.")
