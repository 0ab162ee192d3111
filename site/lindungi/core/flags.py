"""What a reviewer should look at twice in a request: the rules, as codes (no Flask here).

The enrollment submit stores whether a request is flagged (the queue's "flagged" filter), and the
review detail page lists every flag with its message; both use these rules, so the queue and
the detail page never disagree about a request as it was sent. Flags about other requests
(duplicates) can change later: the detail page computes them again on every view.

None of these refuses a request by itself: a NIK from elsewhere does not prove the worker lives
outside Makassar, and the decile is the applicant's own answer until checked against the national
welfare data. The flags only say where to look.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lindungi.core.ages import eligible_birth_dates
from lindungi.core.parameters import ProgramParameters

# "Near" an age limit: within about six months of turning the minimum age or of passing the
# maximum, on the day the request was sent.
NEAR_LIMIT = timedelta(days=183)

# The codes that mark a request as flagged in the queue. Left out: the decile to verify
# ("decile_self_declared") and the decile not given ("decile_missing"), which reviewers check on
# every request anyway; flagging them would flag nearly all.
ATTENTION = frozenset({
    "nik_outside", "age_outside", "age_near_min", "age_near_max", "decile_above",
    "duplicate_here", "duplicate_request", "duplicate_registered", "duplicate_similar",
})


@dataclass(frozen=True)
class WorkerFacts:
    """What the rules read about one worker."""

    nik: str
    birth_date: date
    decile: int | None
    # For the possible-duplicate rule (same KK, date of birth and name under another NIK).
    kk: str = ""
    full_name: str = ""


def age_flag(birth_date: date, on_date: date, params: ProgramParameters) -> str | None:
    """"outside", "near_min", "near_max" or None, for the age on `on_date`."""
    earliest, latest = eligible_birth_dates(on_date, params)
    if birth_date < earliest or birth_date > latest:
        return "outside"
    if birth_date > latest - NEAR_LIMIT:
        return "near_min"
    if birth_date < earliest + NEAR_LIMIT:
        return "near_max"
    return None


def decile_flag(decile: int | None, params: ProgramParameters) -> str:
    if decile is None:
        return "missing"
    return "above" if decile > params.max_decile else "self_declared"


def nik_outside_makassar(nik: str, params: ProgramParameters) -> bool:
    return not nik.startswith(params.makassar_nik_prefix)


def worker_codes(worker: WorkerFacts, on_date: date, params: ProgramParameters) -> list[str]:
    """The flags of one worker that depend on nothing else: NIK region, age, decile."""
    found = []
    if nik_outside_makassar(worker.nik, params):
        found.append("nik_outside")
    age = age_flag(worker.birth_date, on_date, params)
    if age is not None:
        found.append("age_" + age)
    found.append("decile_" + decile_flag(worker.decile, params))
    return found


def niks_given_twice(niks: Iterable[str]) -> set[str]:
    return {nik for nik, count in Counter(niks).items() if count > 1}


def duplicate_code(other_is_registered: bool) -> str:
    """The flag for a NIK that is also in another request."""
    return "duplicate_registered" if other_is_registered else "duplicate_request"


def needs_attention(codes: Iterable[str]) -> bool:
    return any(code in ATTENTION for code in codes)

