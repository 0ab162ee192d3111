"""Eligibility of one worker for city-paid cover: pure rules, every applicable reason collected.

The result is "likely" eligible at best: residence, decile and other cover are self-declared here,
and staff verify them against Disdukcapil, the national welfare data and BPJS Ketenagakerjaan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from lindungi.core import occupations, places
from lindungi.core.ages import age_on, within_age_limits
from lindungi.core.i18n import N_
from lindungi.core.parameters import DEFAULT, ProgramParameters


class Outcome(StrEnum):
    LIKELY_ELIGIBLE = "likely_eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_CHECK = "needs_check"


class ReasonKind(StrEnum):
    MET = "met"  # a condition the worker meets
    NOT_MET = "not_met"  # a condition that rules the worker out
    CHECK = "check"  # staff must confirm it before approval
    STEP = "step"  # a next step, not a condition


# Every sentence the checker can show, by reason code (variants get a suffix after "/").
# Written for someone on a phone, often answering for a parent: "the worker", never jargon alone.
MESSAGES: dict[str, str] = {
    "residence": N_(
        "The program is only for people who live in Kota Makassar, "
        "with a Makassar address on their KTP."
    ),
    "residence_ok": N_("Lives in Kota Makassar."),
    "residence_ok/kecamatan": N_("Lives in Kota Makassar (Kecamatan %(kecamatan)s)."),
    "age": N_(
        "The program is for workers aged %(min_age)s to %(max_age)s. "
        "From the answers given, the worker is %(age)s."
    ),
    "age_ok": N_("Is between %(min_age)s and %(max_age)s years old."),
    "occupation_other": N_(
        "Staff will ask about the work, to confirm it is informal work and not a salaried job."
    ),
    "religious_work_ok": N_(
        "Does religious work, such as imam, marbot or Quran teacher: the program includes it."
    ),
    "informal_work_ok": N_("Does informal work: the program is for informal workers."),
    "civil_servant": N_(
        "Civil servants (ASN), soldiers (TNI) and police officers (Polri) have their own "
        "accident and death cover, so this program is not for them."
    ),
    "employer_covered": N_(
        "Workers who earn a salary and are registered by their employer already have "
        "BPJS Ketenagakerjaan cover through that employer."
    ),
    "already_member": N_(
        "The worker is already a BPJS Ketenagakerjaan member, so there is nothing new to enroll."
    ),
    "no_other_cover_ok": N_(
        "Is not a civil servant, soldier or police officer, "
        "and has no BPJS Ketenagakerjaan cover yet."
    ),
    "no_other_cover_ok/membership_unknown": N_(
        "Is not a civil servant, soldier or police officer, "
        "and is not registered by an employer."
    ),
    "membership_unknown": N_(
        "It is not known whether the worker is already a BPJS Ketenagakerjaan member. "
        "Staff will check this with BPJS Ketenagakerjaan before enrolling anyone."
    ),
    "decile_unknown": N_(
        "The household's welfare decile (desil) is not known. That is fine: "
        "staff will look it up in the national welfare data."
    ),
    "decile": N_(
        "The program is for households in welfare deciles %(min_decile)s to %(max_decile)s. "
        "The answer given was decile %(decile)s."
    ),
    "decile_ok": N_(
        "The household is in welfare decile %(decile)s, within deciles %(min_decile)s to "
        "%(max_decile)s. Staff will confirm this in the national welfare data."
    ),
    "request_enrollment": N_(
        "Request enrollment with the form on this site. Have the worker's KTP and family card "
        "(KK) ready. Staff will check the details and contact you. The city pays the "
        "contributions: there is nothing to pay, to anyone."
    ),
    "request_enrollment_check": N_(
        "You can still request enrollment. Staff will check the details before approving it, "
        "then contact you."
    ),
    "request_enrollment_check/decile": N_(
        "You can still request enrollment. Staff will look up the welfare decile and check the "
        "other details before approving it, then contact you."
    ),
    "check_existing_cover": N_(
        "To check existing cover, use the JMO app (Jamsostek Mobile, formerly BPJSTKU), visit a "
        "BPJS Ketenagakerjaan branch office with the KTP, or call %(call_centre)s."
    ),
    "decile_question": N_(
        "The decile comes from the national welfare data. If you think it is wrong, ask at the "
        "kelurahan office how the data can be checked."
    ),
    "join_independently": N_(
        "The worker can still join BPJS Ketenagakerjaan as a self-employed (BPU) member and pay "
        "the monthly contribution themselves. Ask at a BPJS Ketenagakerjaan branch office or "
        "call %(call_centre)s."
    ),
}


@dataclass(frozen=True)
class Reason:
    """``message`` is a msgid; the web layer renders ``gettext(message) % params``."""

    code: str
    message: str
    params: dict[str, int | str] = field(default_factory=dict)
    kind: ReasonKind = ReasonKind.MET


@dataclass(frozen=True)
class Assessment:
    """``reasons`` holds every condition that was weighed: what rules the worker out first, then
    what staff must check, then what is met. Open checks are left out once the worker is ruled
    out: they no longer matter."""

    outcome: Outcome
    reasons: list[Reason]
    next_steps: list[Reason]

    def of_kind(self, kind: ReasonKind) -> list[Reason]:
        return [r for r in self.reasons if r.kind is kind]


@dataclass(frozen=True)
class WorkerAnswers:
    """The checker's answers. Give ``birth_date`` or ``age`` (years); the birth date wins if both
    are given. ``decile`` None and ``is_already_member`` None mean "don't know". Forms validate
    first: impossible values here are programming errors and raise ValueError."""

    lives_in_makassar: bool
    kecamatan_code: str | None
    birth_date: date | None
    age: int | None
    occupation: str
    is_civil_servant_or_military: bool
    is_salaried_registered_by_employer: bool
    is_already_member: bool | None
    decile: int | None

    def __post_init__(self) -> None:
        if self.birth_date is None and self.age is None:
            raise ValueError("give birth_date or age")
        if self.age is not None and not 0 <= self.age <= 150:
            raise ValueError(f"impossible age {self.age}")
        if self.decile is not None and not 1 <= self.decile <= 10:
            raise ValueError(f"decile must be 1..10, got {self.decile}")
        if not occupations.is_known(self.occupation):
            raise ValueError(f"unknown occupation {self.occupation!r}")
        if self.kecamatan_code and places.kecamatan_by_code(self.kecamatan_code) is None:
            raise ValueError(f"unknown kecamatan {self.kecamatan_code!r}")


def _reason(kind: ReasonKind, key: str, **params: int | str) -> Reason:
    return Reason(key.split("/")[0], MESSAGES[key], params, kind)


def _residence(a: WorkerAnswers) -> Reason:
    if not a.lives_in_makassar:
        return _reason(ReasonKind.NOT_MET, "residence")
    kecamatan = places.kecamatan_by_code(a.kecamatan_code) if a.kecamatan_code else None
    if kecamatan is None:
        return _reason(ReasonKind.MET, "residence_ok")
    return _reason(ReasonKind.MET, "residence_ok/kecamatan", kecamatan=kecamatan.name)


def _stated_age(a: WorkerAnswers, today: date) -> int:
    # A birth date gives the exact age today; years alone are taken as stated, even at the limits.
    if a.birth_date is not None:
        return age_on(a.birth_date, today)  # ValueError for a birth date after today
    if a.age is None:
        raise ValueError("give birth_date or age")
    return a.age


def _age(a: WorkerAnswers, today: date, p: ProgramParameters) -> Reason:
    age = _stated_age(a, today)
    limits = {"min_age": p.min_age, "max_age": p.max_age}
    if not within_age_limits(age, p):
        return _reason(ReasonKind.NOT_MET, "age", age=age, **limits)
    return _reason(ReasonKind.MET, "age_ok", **limits)


def _work(a: WorkerAnswers) -> Reason:
    if a.occupation == occupations.OTHER:
        return _reason(ReasonKind.CHECK, "occupation_other")
    if occupations.is_religious(a.occupation):
        return _reason(ReasonKind.MET, "religious_work_ok")
    return _reason(ReasonKind.MET, "informal_work_ok")


def _other_cover(a: WorkerAnswers) -> list[Reason]:
    flags = {
        "civil_servant": a.is_civil_servant_or_military,
        "employer_covered": a.is_salaried_registered_by_employer,
        "already_member": a.is_already_member is True,
    }
    reasons = [_reason(ReasonKind.NOT_MET, code) for code, flag in flags.items() if flag]
    if reasons:
        return reasons
    if a.is_already_member is None:
        # "Don't know" is not a "no": say only what is known, and let staff look the rest up.
        return [
            _reason(ReasonKind.CHECK, "membership_unknown"),
            _reason(ReasonKind.MET, "no_other_cover_ok/membership_unknown"),
        ]
    return [_reason(ReasonKind.MET, "no_other_cover_ok")]


def _decile(a: WorkerAnswers, p: ProgramParameters) -> Reason:
    if a.decile is None:
        return _reason(ReasonKind.CHECK, "decile_unknown")
    params = {"min_decile": p.min_decile, "max_decile": p.max_decile, "decile": a.decile}
    if not p.min_decile <= a.decile <= p.max_decile:
        return _reason(ReasonKind.NOT_MET, "decile", **params)
    return _reason(ReasonKind.MET, "decile_ok", **params)


def _next_steps(outcome: Outcome, reasons: list[Reason], p: ProgramParameters) -> list[Reason]:
    if outcome is Outcome.LIKELY_ELIGIBLE:
        return [_reason(ReasonKind.STEP, "request_enrollment")]
    if outcome is Outcome.NEEDS_CHECK:
        checks = {r.code for r in reasons if r.kind is ReasonKind.CHECK}
        key = "request_enrollment_check"
        if "decile_unknown" in checks:
            key += "/decile"
        steps = [_reason(ReasonKind.STEP, key)]
        if "membership_unknown" in checks:
            steps.append(_check_cover_step(p))
        return steps
    return _not_eligible_steps({r.code for r in reasons if r.kind is ReasonKind.NOT_MET}, p)


def _check_cover_step(p: ProgramParameters) -> Reason:
    return _reason(ReasonKind.STEP, "check_existing_cover", call_centre=p.call_centre)


def _not_eligible_steps(codes: set[str], p: ProgramParameters) -> list[Reason]:
    steps = []
    if codes & {"already_member", "employer_covered"}:
        steps.append(_check_cover_step(p))
    if "decile" in codes:
        steps.append(_reason(ReasonKind.STEP, "decile_question"))
    # Only when nothing else rules the worker out: age limits may apply to self-paid cover too,
    # and civil servants or covered employees do not need it.
    if codes <= {"residence", "decile"}:
        steps.append(_reason(ReasonKind.STEP, "join_independently", call_centre=p.call_centre))
    return steps


def _outcome(reasons: list[Reason]) -> Outcome:
    kinds = {r.kind for r in reasons}
    if ReasonKind.NOT_MET in kinds:
        return Outcome.NOT_ELIGIBLE
    if ReasonKind.CHECK in kinds:
        return Outcome.NEEDS_CHECK
    return Outcome.LIKELY_ELIGIBLE


_ORDER = {ReasonKind.NOT_MET: 0, ReasonKind.CHECK: 1, ReasonKind.MET: 2}


def _shown(outcome: Outcome, reasons: list[Reason]) -> list[Reason]:
    """Every reason, most important first: what rules the worker out, what staff must check,
    what is met. Once the worker is ruled out, open checks no longer matter and are left out."""
    if outcome is Outcome.NOT_ELIGIBLE:
        reasons = [r for r in reasons if r.kind is not ReasonKind.CHECK]
    return sorted(reasons, key=lambda r: _ORDER[r.kind])  # stable: question order within a kind


def assess(answers: WorkerAnswers, today: date, params: ProgramParameters = DEFAULT) -> Assessment:
    """Assess one worker on ``today`` (the city's date, Asia/Makassar), collecting every reason
    that applies rather than stopping at the first."""
    reasons = [
        _residence(answers),
        _age(answers, today, params),
        _work(answers),
        *_other_cover(answers),
        _decile(answers, params),
    ]
    outcome = _outcome(reasons)
    shown = _shown(outcome, reasons)
    return Assessment(outcome, shown, _next_steps(outcome, shown, params))
