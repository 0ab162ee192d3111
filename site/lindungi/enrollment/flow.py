"""The order of the steps, enforced on the server: a step opens only when every step before it
is complete, so a jump ahead (typed URL, old bookmark) lands on the first incomplete step."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lindungi.enrollment.answers import Answers
from lindungi.enrollment.settings import MAX_WORKERS
from lindungi.protection.notice import current_notice_version


class Step(StrEnum):
    APPLICANT = "applicant"
    WORKER = "worker"
    CONTACT = "contact"
    CONSENT = "consent"
    CHECK = "check"


ORDER = tuple(Step)
TOTAL_STEPS = len(ORDER)


def number(step: Step) -> int:
    """1-based, for "Step 2 of 5"."""
    return ORDER.index(step) + 1


@dataclass(frozen=True)
class Place:
    """A step and, for the worker step, which worker (1-based)."""

    step: Step
    worker: int = 1


def consent_is_current(answers: Answers) -> bool:
    """Consent was given to the notice as it reads now (an edited notice asks again)."""
    return (answers.consent is not None
            and answers.consent.notice_version == current_notice_version())


def first_incomplete(answers: Answers) -> Place:
    if answers.applicant is None:
        return Place(Step.APPLICANT)
    if not answers.workers:
        return Place(Step.WORKER, 1)
    if answers.contact is None:
        return Place(Step.CONTACT)
    if not consent_is_current(answers):
        return Place(Step.CONSENT)
    return Place(Step.CHECK)


def can_open(answers: Answers, place: Place) -> bool:
    """Every earlier step is complete; a worker page exists for each saved worker and for one
    more (the "add another worker" page), up to MAX_WORKERS."""
    reached = ORDER.index(first_incomplete(answers).step)
    if ORDER.index(place.step) > reached:
        return False
    if place.step is Step.WORKER:
        return 1 <= place.worker <= min(len(answers.workers) + 1, MAX_WORKERS)
    return True


def next_place(answers: Answers, done: Place) -> Place:
    """Where to go after saving ``done``: the next step, or back to the check page once the
    person has seen it (GOV.UK "check answers" pattern), unless something is still missing."""
    if answers.reached_check:
        return first_incomplete(answers)
    following = ORDER[min(ORDER.index(done.step) + 1, len(ORDER) - 1)]
    wanted = Place(following)
    return wanted if can_open(answers, wanted) else first_incomplete(answers)


def previous_place(answers: Answers, here: Place) -> Place | None:
    """The back link's target (None on the first step: the start page)."""
    if answers.reached_check and here.step is not Step.CHECK:
        return Place(Step.CHECK)
    if here.step is Step.WORKER and here.worker > 1:
        return Place(Step.WORKER, here.worker - 1)
    index = ORDER.index(here.step)
    if index == 0:
        return None
    before = ORDER[index - 1]
    if before is Step.WORKER:
        return Place(Step.WORKER, max(len(answers.workers), 1))
    return Place(before)
