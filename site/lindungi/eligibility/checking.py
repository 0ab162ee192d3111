"""From the form to what the page shows: one context for the full page and the htmx fragment."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lindungi.core.rules import Assessment, Outcome, assess
from lindungi.eligibility.forms import NO, EligibilityForm
from lindungi.program import city_today, program_parameters


class State(StrEnum):
    EMPTY = "empty"  # nothing answered yet
    INCOMPLETE = "incomplete"  # answers still being given: a gentle prompt, no messages
    INVALID = "invalid"  # sent on purpose with missing or wrong answers: messages shown
    RESULT = "result"


@dataclass(frozen=True)
class Check:
    state: State
    assessment: Assessment | None = None
    # Query arguments that carry the answers into the enrollment request (prefilled there).
    enrollment_args: dict[str, str] | None = None




def evaluate(form: EligibilityForm, *, answered: bool, sent_on_purpose: bool) -> Check:
    """Assess complete, valid answers. Otherwise show messages only when the answers were sent
    on purpose (the submit button); while answers change one by one (htmx), a wall of errors
    about questions not reached yet would only get in the way."""
    if not answered:
        return Check(State.EMPTY)
    if not form.validate():
        if sent_on_purpose:
            return Check(State.INVALID)
        form.hide_errors()
        return Check(State.INCOMPLETE)
    assessment = assess(form.to_answers(), city_today(), program_parameters())
    return Check(State.RESULT, assessment, _enrollment_args(form, assessment))


def _enrollment_args(form: EligibilityForm, assessment: Assessment) -> dict[str, str] | None:
    if assessment.outcome is Outcome.NOT_ELIGIBLE:
        return None
    args = {"kecamatan": form.kecamatan_code() or "", "occupation": form.occupation.data}
    decile = form.decile_number()
    if decile is not None:
        args["decile"] = str(decile)
    if form.member.data == NO:
        args["member"] = "no"  # "don't know" is left for the enrollment form to ask again
    return args
