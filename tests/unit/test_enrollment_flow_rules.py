"""Step order, the draft's JSON form, and the eligibility checker's prefill."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lindungi.enrollment.answers import (
    Answers,
    Applicant,
    Consent,
    Contact,
    Worker,
    WorkerDefaults,
    defaults_from_query,
)
from lindungi.enrollment.flow import (
    ANOTHER,
    Place,
    Step,
    can_open,
    first_incomplete,
    next_place,
    previous_place,
)
from lindungi.enrollment.settings import MAX_WORKERS, NOTICE_VERSION

WORKER = Worker(
    full_name="Siti Aminah", nik="7371015208800001", kk="7371010101100001",
    birth_date=date(1980, 8, 12), sex="F", address="Jalan", kecamatan_code="73.71.01",
    kelurahan_code="73.71.01.1001", occupation="fisher", income_band="under_1m",
    already_member=False, heir_name="Budi", heir_relationship="spouse", decile=3,
)


def _answers(upto: Step, workers: int = 1) -> Answers:
    answers = Answers()
    steps = list(Step)
    if steps.index(upto) > 0:
        answers.applicant = Applicant(for_self=True)
    if steps.index(upto) > 1:
        answers.workers = [WORKER] * workers
        answers.more_answered = True
    if steps.index(upto) > 2:
        answers.contact = Contact("+6281234567890", "", "id")
    if steps.index(upto) > 3:
        answers.consent = Consent(NOTICE_VERSION, datetime(2026, 11, 20, 2))
    return answers


@pytest.mark.parametrize("step", list(Step))
def test_first_incomplete_is_the_step_not_yet_done(step: Step) -> None:
    assert first_incomplete(_answers(step)).step is step


def test_an_old_consent_is_incomplete() -> None:
    answers = _answers(Step.CHECK)
    answers.consent = Consent("2020-01-01", datetime(2026, 11, 20))
    assert first_incomplete(answers) == Place(Step.CONSENT)


@pytest.mark.parametrize(("upto", "place", "allowed"), [
    (Step.APPLICANT, Place(Step.APPLICANT), True),
    (Step.APPLICANT, Place(Step.WORKER, 1), False),
    (Step.WORKER, Place(Step.WORKER, 1), True),
    (Step.WORKER, Place(Step.WORKER, 2), False),
    (Step.WORKER, Place(Step.CONTACT), False),
    (Step.CONTACT, Place(Step.WORKER, 2), True),
    (Step.CONTACT, Place(Step.WORKER, 3), False),
    (Step.CONTACT, Place(Step.WORKER, 0), False),
    (Step.CONTACT, Place(Step.CONSENT), False),
    (Step.CHECK, Place(Step.CHECK), True),
])
def test_can_open(upto: Step, place: Place, allowed: bool) -> None:
    assert can_open(_answers(upto), place) is allowed


def test_no_worker_page_beyond_the_maximum() -> None:
    answers = _answers(Step.CHECK, workers=MAX_WORKERS)
    assert can_open(answers, Place(Step.WORKER, MAX_WORKERS))
    assert not can_open(answers, Place(Step.WORKER, MAX_WORKERS + 1))


def test_next_and_previous_follow_the_order_then_return_to_check() -> None:
    answers = _answers(Step.CHECK, workers=2)
    assert next_place(answers, Place(Step.APPLICANT)) == Place(Step.WORKER, 1)
    assert next_place(answers, Place(Step.WORKER, 2)) == Place(Step.WORKER, 2, "birth")
    assert next_place(answers, Place(Step.WORKER, 2, "heir")) == Place(Step.WORKER, 2, ANOTHER)
    assert next_place(answers, Place(Step.WORKER, 2, ANOTHER)) == Place(Step.CONTACT)
    assert previous_place(answers, Place(Step.CONTACT)) == Place(Step.WORKER, 2, ANOTHER)
    assert previous_place(answers, Place(Step.WORKER, 2, ANOTHER)) == Place(
        Step.WORKER, 2, "heir")
    assert previous_place(answers, Place(Step.WORKER, 2, "birth")) == Place(Step.WORKER, 2)
    assert previous_place(answers, Place(Step.WORKER, 2)) == Place(Step.WORKER, 1, ANOTHER)
    assert previous_place(answers, Place(Step.APPLICANT)) is None
    answers.reached_check = True
    assert next_place(answers, Place(Step.APPLICANT)) == Place(Step.CHECK)
    assert previous_place(answers, Place(Step.CONTACT)) == Place(Step.CHECK)


def test_next_never_skips_a_missing_step() -> None:
    answers = _answers(Step.APPLICANT)
    answers.reached_check = True
    assert next_place(answers, Place(Step.CONTACT)) == Place(Step.APPLICANT)


def test_a_new_worker_opens_page_by_page() -> None:
    answers = _answers(Step.WORKER)
    assert first_incomplete(answers) == Place(Step.WORKER, 1, "identity")
    assert not can_open(answers, Place(Step.WORKER, 1, "birth"))
    answers.new_worker = {"full_name": "A", "nik": "x", "kk": "y", "mother_maiden_name": ""}
    assert first_incomplete(answers) == Place(Step.WORKER, 1, "birth")
    assert can_open(answers, Place(Step.WORKER, 1, "birth"))
    assert not can_open(answers, Place(Step.WORKER, 1, "address"))
    assert not can_open(answers, Place(Step.WORKER, 1, ANOTHER))


def test_another_worker_is_asked_before_contact() -> None:
    answers = _answers(Step.CONTACT)
    answers.more_answered = False
    assert first_incomplete(answers) == Place(Step.WORKER, 1, ANOTHER)
    assert not can_open(answers, Place(Step.CONTACT))
    # An unfinished second worker holds the contact step back until finished or given up.
    answers.more_answered = True
    answers.new_worker = {"full_name": "A", "nik": "x", "kk": "y", "mother_maiden_name": ""}
    assert first_incomplete(answers) == Place(Step.WORKER, 2, "birth")


def test_answers_survive_json() -> None:
    answers = _answers(Step.CHECK, workers=2)
    answers.token, answers.reached_check = "t" * 43, True
    answers.defaults = WorkerDefaults("73.71.05", "fisher", 2, False)
    answers.new_worker = {"full_name": "Andi", "birth_date": "1975-01-30"}
    assert Answers.from_json(answers.to_json()) == answers


def test_a_draft_in_another_shape_is_refused() -> None:
    with pytest.raises(ValueError):
        Answers.from_json({"format": 0})


@pytest.mark.parametrize(("query", "expected"), [
    ({"kecamatan": "73.71.05", "occupation": "fisher", "decile": "3", "member": "no"},
     WorkerDefaults("73.71.05", "fisher", 3, False)),
    ({"kecamatan": "73.71.99", "occupation": "fisher"}, WorkerDefaults("", "fisher")),
    ({"decile": "١"}, None), ({"decile": "0"}, None), ({"decile": "11"}, None),
    ({"member": "yes"}, None), ({}, None),
])
def test_prefill_from_the_eligibility_checker(query, expected) -> None:
    assert defaults_from_query(query) == expected
