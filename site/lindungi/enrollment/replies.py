"""The applicant's answer when a reviewer asked for more information: given on the status page
(after the reference and a worker's date of birth were checked), it goes back to the review
queue and into the request's history."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, TextAreaField
from wtforms.validators import StopValidation

from lindungi.audit import actions
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus, StatusChange
from lindungi.extensions import db
from lindungi.forms import BaseForm
from lindungi.timeutil import utcnow

MAX_ANSWER = 2000
# A successful status lookup lets this browser answer for that request for a while: only the
# reference (not personal) is kept in the signed session, never the date of birth.
VERIFIED_KEY = "status_verified"
VERIFIED_FOR = timedelta(minutes=30)
# How the answer is marked in the request's history (StatusChange.reason_code).
ANSWER_CODE = "applicant_answer"


class AnswerForm(BaseForm):
    reference = HiddenField()
    answer = TextAreaField(_l("Your answer"))

    def validate_answer(self, field: Field) -> None:
        field.data = (field.data or "").strip()
        if not field.data:
            raise StopValidation(_("Write your answer to the reviewer's question"))
        if len(field.data) > MAX_ANSWER:
            raise StopValidation(_("The answer is too long: use at most %(max)s characters",
                                   max=MAX_ANSWER))


def remember_verified(reference: str) -> None:
    session[VERIFIED_KEY] = {"reference": reference,
                             "until": (utcnow() + VERIFIED_FOR).isoformat()}


def is_verified(reference: str) -> bool:
    mark = session.get(VERIFIED_KEY)
    if not isinstance(mark, dict) or mark.get("reference") != reference:
        return False
    try:
        return datetime.fromisoformat(str(mark.get("until"))) > utcnow()
    except ValueError:
        return False


def answer_more_information(request: EnrollmentRequest, answer: str) -> bool:
    """Record the answer and send the request back to review; False (nothing changed) unless
    more information is being asked for."""
    if request.status is not RequestStatus.NEEDS_INFO:
        return False
    request.history.append(StatusChange(
        from_status=RequestStatus.NEEDS_INFO, to_status=RequestStatus.IN_REVIEW,
        staff_id=None, reason_code=ANSWER_CODE, internal_note=answer,
    ))
    request.status = RequestStatus.IN_REVIEW
    request.updated_at = utcnow()
    request.public_message = ""
    actions.log(actions.INFO_ANSWERED, actor_id=None, target_type="enrollment_request",
                target_id=request.id, length=len(answer))
    db.session.flush()
    return True
