from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

import pytest

from lindungi.core.parameters import DEFAULT
from lindungi.core.rules import (
    MESSAGES,
    Assessment,
    Outcome,
    ReasonKind,
    WorkerAnswers,
    assess,
)

TODAY = date(2026, 3, 15)


def answers(**changes: Any) -> WorkerAnswers:
    """A likely-eligible street vendor aged 30 in Rappocini; tests state only what differs."""
    base = WorkerAnswers(
        lives_in_makassar=True,
        kecamatan_code="73.71.13",
        birth_date=None,
        age=30,
        occupation="street_vendor",
        is_civil_servant_or_military=False,
        is_salaried_registered_by_employer=False,
        is_already_member=False,
        decile=3,
    )
    return dataclasses.replace(base, **changes)


def codes(result: Assessment) -> set[str]:
    return {r.code for r in result.reasons}


def failing(result: Assessment) -> set[str]:
    return {r.code for r in result.of_kind(ReasonKind.NOT_MET)}


def step_codes(result: Assessment) -> set[str]:
    return {s.code for s in result.next_steps}


@pytest.mark.parametrize(
    ("changes", "outcome", "reason_codes"),
    [
        ({}, Outcome.LIKELY_ELIGIBLE, {"residence_ok", "age_ok", "informal_work_ok",
                                       "no_other_cover_ok", "decile_ok"}),
        ({"occupation": "marbot"}, Outcome.LIKELY_ELIGIBLE, {"religious_work_ok"}),
        ({"age": 70}, Outcome.NOT_ELIGIBLE, {"age"}),
        ({"age": 17}, Outcome.NOT_ELIGIBLE, {"age"}),
        ({"decile": 6}, Outcome.NOT_ELIGIBLE, {"decile"}),
        ({"is_civil_servant_or_military": True}, Outcome.NOT_ELIGIBLE, {"civil_servant"}),
        ({"is_salaried_registered_by_employer": True}, Outcome.NOT_ELIGIBLE, {"employer_covered"}),
        ({"lives_in_makassar": False, "kecamatan_code": None}, Outcome.NOT_ELIGIBLE, {"residence"}),
        ({"is_already_member": True}, Outcome.NOT_ELIGIBLE, {"already_member"}),
        ({"decile": None}, Outcome.NEEDS_CHECK, {"decile_unknown", "age_ok"}),
        ({"occupation": "other"}, Outcome.NEEDS_CHECK, {"occupation_other", "decile_ok"}),
        # Years only, right at the limits: taken as stated.
        ({"age": 18}, Outcome.LIKELY_ELIGIBLE, {"age_ok"}),
        ({"age": 65}, Outcome.LIKELY_ELIGIBLE, {"age_ok"}),
        ({"age": 66}, Outcome.NOT_ELIGIBLE, {"age"}),
        ({"decile": 1}, Outcome.LIKELY_ELIGIBLE, {"decile_ok"}),
        ({"decile": 4}, Outcome.LIKELY_ELIGIBLE, {"decile_ok"}),
        ({"decile": 5}, Outcome.NOT_ELIGIBLE, {"decile"}),
        ({"occupation": "guru_mengaji"}, Outcome.LIKELY_ELIGIBLE, {"religious_work_ok"}),
        ({"kecamatan_code": "73.71.15"}, Outcome.LIKELY_ELIGIBLE, {"residence_ok"}),
        ({"is_already_member": None}, Outcome.NEEDS_CHECK, {"membership_unknown",
                                                            "no_other_cover_ok"}),
        ({"is_already_member": None, "decile": None}, Outcome.NEEDS_CHECK,
         {"membership_unknown", "decile_unknown"}),
        ({"is_already_member": None, "is_civil_servant_or_military": True},
         Outcome.NOT_ELIGIBLE, {"civil_servant"}),
    ],
)  # fmt: skip
def test_outcomes(changes: dict[str, Any], outcome: Outcome, reason_codes: set[str]) -> None:
    result = assess(answers(**changes), TODAY)
    assert result.outcome is outcome
    assert reason_codes <= codes(result)


def test_not_eligible_lists_failing_reasons_first_then_met_ones() -> None:
    result = assess(answers(age=70, decile=None), TODAY)
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert [r.code for r in result.reasons] == [
        "age", "residence_ok", "informal_work_ok", "no_other_cover_ok",
    ]  # fmt: skip
    assert "decile_unknown" not in codes(result)  # the open check no longer matters
    assert result.of_kind(ReasonKind.CHECK) == []


def test_needs_check_lists_checks_first_then_met_ones() -> None:
    result = assess(answers(decile=None, occupation="other"), TODAY)
    kinds = [r.kind for r in result.reasons]
    assert kinds == sorted(kinds, key=[ReasonKind.CHECK, ReasonKind.MET].index)
    assert [r.code for r in result.of_kind(ReasonKind.CHECK)] == [
        "occupation_other", "decile_unknown",
    ]  # fmt: skip
    assert {"residence_ok", "age_ok", "no_other_cover_ok"} <= codes(result)


def test_every_condition_is_weighed_once() -> None:
    result = assess(answers(), TODAY)
    assert [r.code for r in result.reasons] == [
        "residence_ok", "age_ok", "informal_work_ok", "no_other_cover_ok", "decile_ok",
    ]  # fmt: skip
    assert all(r.kind is ReasonKind.MET for r in result.reasons)


def test_every_failing_rule_is_listed() -> None:
    result = assess(
        answers(
            lives_in_makassar=False,
            kecamatan_code=None,
            age=70,
            decile=8,
            is_civil_servant_or_military=True,
            is_salaried_registered_by_employer=True,
            is_already_member=True,
        ),
        TODAY,
    )
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert failing(result) == {
        "residence", "age", "decile", "civil_servant", "employer_covered", "already_member",
    }  # fmt: skip
    assert codes(result) - failing(result) == {"informal_work_ok"}


def test_age_and_decile_params() -> None:
    result = assess(answers(age=70, decile=6), TODAY)
    by_code = {r.code: r for r in result.reasons}
    assert by_code["age"].params == {"min_age": 18, "max_age": 65, "age": 70}
    assert by_code["decile"].params == {"min_decile": 1, "max_decile": 4, "decile": 6}


def test_likely_eligible_next_step_is_enrollment() -> None:
    result = assess(answers(), TODAY)
    assert step_codes(result) == {"request_enrollment"}
    assert all(s.kind is ReasonKind.STEP for s in result.next_steps)


def test_needs_check_orders_checks_first_and_mentions_decile() -> None:
    result = assess(answers(decile=None), TODAY)
    assert result.reasons[0].code == "decile_unknown"
    assert [s.code for s in result.next_steps] == ["request_enrollment_check"]
    assert "decile" in result.next_steps[0].message
    other = assess(answers(occupation="other"), TODAY)
    assert "decile" not in other.next_steps[0].message


def test_already_member_next_step_explains_checking_cover() -> None:
    result = assess(answers(is_already_member=True), TODAY)
    step = next(s for s in result.next_steps if s.code == "check_existing_cover")
    assert step.params == {"call_centre": "175"}
    assert "JMO" in step.message and "BPJSTKU" in step.message
    assert "join_independently" not in step_codes(result)


@pytest.mark.parametrize(
    ("changes", "steps"),
    [
        ({"lives_in_makassar": False, "kecamatan_code": None}, {"join_independently"}),
        ({"decile": 7}, {"decile_question", "join_independently"}),
        ({"age": 70}, set()),
        ({"is_civil_servant_or_military": True}, set()),
        ({"is_salaried_registered_by_employer": True}, {"check_existing_cover"}),
    ],
)
def test_not_eligible_next_steps(changes: dict[str, Any], steps: set[str]) -> None:
    assert step_codes(assess(answers(**changes), TODAY)) == steps


@pytest.mark.parametrize(
    ("birth_date", "outcome"),
    [
        (date(2008, 3, 16), Outcome.NOT_ELIGIBLE),  # the day before the 18th birthday
        (date(2008, 3, 15), Outcome.LIKELY_ELIGIBLE),  # the 18th birthday
        (date(1960, 3, 16), Outcome.LIKELY_ELIGIBLE),  # the last day at 65
        (date(1960, 3, 15), Outcome.NOT_ELIGIBLE),  # the 66th birthday
    ],
)
def test_age_boundaries_by_birth_date(birth_date: date, outcome: Outcome) -> None:
    result = assess(answers(birth_date=birth_date, age=None), TODAY)
    assert result.outcome is outcome


def test_birth_date_wins_over_years() -> None:
    result = assess(answers(birth_date=date(1950, 1, 1), age=30), TODAY)
    assert failing(result) == {"age"}


def test_membership_unknown_is_checked_and_explained() -> None:
    result = assess(answers(is_already_member=None), TODAY)
    check = result.of_kind(ReasonKind.CHECK)
    assert [r.code for r in check] == ["membership_unknown"]
    met = next(r for r in result.reasons if r.code == "no_other_cover_ok")
    assert "cover yet" not in met.message  # "don't know" is not a "no"
    assert [s.code for s in result.next_steps] == [
        "request_enrollment_check", "check_existing_cover",
    ]  # fmt: skip
    assert result.next_steps[1].params == {"call_centre": "175"}


@pytest.mark.parametrize(
    ("age", "outcome"),
    [(15, Outcome.NOT_ELIGIBLE), (16, Outcome.LIKELY_ELIGIBLE), (60, Outcome.LIKELY_ELIGIBLE),
     (61, Outcome.NOT_ELIGIBLE)],
)
def test_overridden_age_limits_in_years(age: int, outcome: Outcome) -> None:
    params = DEFAULT.with_overrides(min_age=16, max_age=60)
    assert assess(answers(age=age), TODAY, params).outcome is outcome


@pytest.mark.parametrize(
    ("birth_date", "outcome"),
    [
        (date(2010, 3, 15), Outcome.LIKELY_ELIGIBLE),  # 16th birthday
        (date(2010, 3, 16), Outcome.NOT_ELIGIBLE),
        (date(1965, 3, 16), Outcome.LIKELY_ELIGIBLE),  # last day at 60
        (date(1965, 3, 15), Outcome.NOT_ELIGIBLE),  # 61st birthday
    ],
)
def test_overridden_age_limits(birth_date: date, outcome: Outcome) -> None:
    params = DEFAULT.with_overrides(min_age=16, max_age=60)
    result = assess(answers(birth_date=birth_date, age=None), TODAY, params)
    assert result.outcome is outcome
    if outcome is Outcome.NOT_ELIGIBLE:
        assert result.reasons[0].params["min_age"] == 16
        assert result.reasons[0].params["max_age"] == 60


def test_kecamatan_name_in_residence_reason() -> None:
    result = assess(answers(), TODAY)
    residence = next(r for r in result.reasons if r.code == "residence_ok")
    assert residence.params == {"kecamatan": "Rappocini"}
    unknown = assess(answers(kecamatan_code=None), TODAY)
    assert next(r for r in unknown.reasons if r.code == "residence_ok").params == {}


@pytest.mark.parametrize(
    "changes",
    [
        {"age": None, "birth_date": None},
        {"age": -1},
        {"decile": 0},
        {"decile": 11},
        {"occupation": "astronaut"},
        {"kecamatan_code": "73.71.99"},
    ],
)
def test_impossible_answers_raise(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        answers(**changes)


def test_birth_date_after_today_raises() -> None:
    with pytest.raises(ValueError):
        assess(answers(birth_date=date(2026, 3, 16), age=None), TODAY)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_messages_render_with_their_params(key: str) -> None:
    # Every placeholder is a named %-placeholder and no URL is invented.
    message = MESSAGES[key]
    names = set(re.findall(r"%\((\w+)\)s", message))
    assert message.count("%") == len(re.findall(r"%\(\w+\)s", message))
    assert (message % dict.fromkeys(names, "x")) if names else message
    assert "http" not in message and "www" not in message and ".id" not in message
