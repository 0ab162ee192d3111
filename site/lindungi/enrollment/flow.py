"""The order of the steps, enforced on the server: a step opens only when every step before it
is complete, so a jump ahead (typed URL, old bookmark) lands on the first incomplete step.

The worker step has one page per topic (WORKER_PARTS) for each worker, then the question
"is there another worker?" (the page ANOTHER)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lindungi.enrollment.answers import Answers
from lindungi.enrollment.settings import MAX_WORKERS
from lindungi.enrollment.worker_forms import PARTS as WORKER_PARTS
from lindungi.enrollment.worker_forms import missing_part
from lindungi.protection.notice import current_notice_version

ANOTHER = "another"


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
    """A step and, for the worker step, which worker (1-based) and which of its pages."""

    step: Step
    worker: int = 1
    part: str = WORKER_PARTS[0]


def consent_is_current(answers: Answers) -> bool:
    """Consent was given to the notice as it reads now (an edited notice asks again)."""
    return (answers.consent is not None
            and answers.consent.notice_version == current_notice_version())


def first_incomplete(answers: Answers) -> Place:
    if answers.applicant is None:
        return Place(Step.APPLICANT)
    if not answers.workers or answers.new_worker:
        return Place(Step.WORKER, len(answers.workers) + 1,
                     missing_part(answers.new_worker) or WORKER_PARTS[-1])
    if not answers.more_answered:
        return Place(Step.WORKER, len(answers.workers), ANOTHER)
    if answers.contact is None:
        return Place(Step.CONTACT)
    if not consent_is_current(answers):
        return Place(Step.CONSENT)
    return Place(Step.CHECK)


def can_open(answers: Answers, place: Place) -> bool:
    """Every earlier step is complete. Each saved worker's pages are open; so are the pages of
    one more worker (up to MAX_WORKERS), each once the pages before it are saved."""
    reached = ORDER.index(first_incomplete(answers).step)
    if ORDER.index(place.step) > reached:
        return False
    if place.step is not Step.WORKER:
        return True
    if place.part == ANOTHER:
        return bool(answers.workers)
    if place.part not in WORKER_PARTS or not 1 <= place.worker <= len(answers.workers) + 1:
        return False
    if place.worker <= len(answers.workers):
        return True
    if place.worker > MAX_WORKERS:
        return False
    missing = missing_part(answers.new_worker) or WORKER_PARTS[-1]
    return WORKER_PARTS.index(place.part) <= WORKER_PARTS.index(missing)


def next_place(answers: Answers, done: Place) -> Place:
    """Where to go after saving ``done``: the next step, or back to the check page once the
    person has seen it (GOV.UK "check answers" pattern), unless something is still missing."""
    if answers.reached_check:
        return first_incomplete(answers)
    if done.step is Step.WORKER and done.part in WORKER_PARTS:
        if done.part != WORKER_PARTS[-1]:
            following_part = WORKER_PARTS[WORKER_PARTS.index(done.part) + 1]
            return Place(Step.WORKER, done.worker, following_part)
        if answers.new_worker:  # should not happen: the last page completes the worker
            return first_incomplete(answers)
        return Place(Step.WORKER, len(answers.workers), ANOTHER)
    following = ORDER[min(ORDER.index(done.step) + 1, len(ORDER) - 1)]
    wanted = Place(following)
    return wanted if can_open(answers, wanted) else first_incomplete(answers)


def previous_place(answers: Answers, here: Place) -> Place | None:
    """The back link's target (None on the first step: the start page)."""
    if answers.reached_check and here.step is not Step.CHECK:
        return Place(Step.CHECK)
    if here.step is Step.WORKER:
        if here.part == ANOTHER:
            return Place(Step.WORKER, max(len(answers.workers), 1), WORKER_PARTS[-1])
        if here.part != WORKER_PARTS[0]:
            return Place(Step.WORKER, here.worker,
                         WORKER_PARTS[WORKER_PARTS.index(here.part) - 1])
        if here.worker > 1:
            return Place(Step.WORKER, here.worker - 1, ANOTHER)
    index = ORDER.index(here.step)
    if index == 0:
        return None
    before = ORDER[index - 1]
    if before is Step.WORKER:
        if answers.workers:
            return Place(Step.WORKER, len(answers.workers), ANOTHER)
        return Place(Step.WORKER, 1)
    return Place(before)
