"""Rules of the review screens that need no request: flags, chart bars, weeks, decisions."""

from __future__ import annotations

from datetime import date

import pytest

from lindungi.core.flags import age_flag, decile_flag, nik_outside_makassar
from lindungi.core.parameters import DEFAULT
from lindungi.enrollment.models import RequestStatus
from lindungi.review import operations
from lindungi.review.charts import bars, largest
from lindungi.review.stats import week_starts

SENT = date(2026, 2, 13)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2008, 2, 14), "outside"),   # 17, one day short of 18
        (date(2008, 2, 13), "near_min"),  # 18 today
        (date(2007, 8, 20), "near_min"),  # turned 18 under six months ago
        (date(2007, 8, 1), None),         # turned 18 more than six months ago
        (date(1990, 6, 1), None),
        (date(1960, 9, 1), None),         # 65, reaches 66 in more than six months
        (date(1960, 8, 1), "near_max"),   # 65, reaches 66 within six months
        (date(1960, 2, 14), "near_max"),  # 65, turns 66 tomorrow
        (date(1960, 2, 13), "outside"),   # 66 today
    ],
)
def test_age_flag(birth: date, expected: str | None) -> None:
    assert age_flag(birth, SENT, DEFAULT) == expected


def test_age_flag_follows_the_configured_limits() -> None:
    params = DEFAULT.with_overrides(min_age=17, max_age=60)
    assert age_flag(date(2008, 12, 1), SENT, params) == "near_min"  # 17 since December
    assert age_flag(date(1962, 1, 1), SENT, params) == "outside"


@pytest.mark.parametrize(("decile", "expected"),
                         [(None, "missing"), (1, "self_declared"), (4, "self_declared"),
                          (5, "above"), (10, "above")])
def test_decile_flag(decile: int | None, expected: str) -> None:
    assert decile_flag(decile, DEFAULT) == expected


def test_nik_outside_makassar() -> None:
    assert not nik_outside_makassar("7371011506850001", DEFAULT)
    assert nik_outside_makassar("7306011506850001", DEFAULT)  # Gowa


def test_bars_are_shares_of_the_largest() -> None:
    found = bars([("a", 50), ("b", 100), ("c", 0), ("d", 1_000_000)])
    assert [b.percent for b in found] == [0.5, 0.5, 0.0, 100.0]  # tiny but visible
    assert bars([("a", 0)])[0].percent == 0.0
    assert largest(found).label == "d"
    assert largest([]) is None


def test_week_starts_are_mondays_ending_this_week() -> None:
    weeks = week_starts(date(2026, 2, 13), 3)
    assert weeks == [date(2026, 1, 26), date(2026, 2, 2), date(2026, 2, 9)]
    assert week_starts(date(2026, 2, 9), 1) == [date(2026, 2, 9)]


@pytest.mark.parametrize(
    ("decision", "allowed_from"),
    [
        ("start_review", {"received", "needs_info"}),
        ("approve", {"received", "in_review", "needs_info"}),
        ("ask_info", {"received", "in_review", "needs_info"}),
        ("reject", {"received", "in_review", "needs_info", "approved"}),
        ("register", {"approved"}),
    ],
)
def test_decisions_allowed_by_status(decision: str, allowed_from: set[str]) -> None:
    class Request:
        status: RequestStatus

    for status in RequestStatus:
        request = Request()
        request.status = status
        assert operations.allowed(request, decision) is (status.value in allowed_from)


def test_code_labels_come_from_the_enrollment_choices(monkeypatch) -> None:
    import sys
    import types

    from lindungi.review import labels

    assert labels.code_label("NO_SUCH_TABLE", "spouse") == "spouse"
    fake = types.ModuleType(labels.CHOICES_MODULE)
    fake.HEIR_RELATIONSHIPS = {"spouse": "Husband or wife"}
    monkeypatch.setitem(sys.modules, labels.CHOICES_MODULE, fake)
    assert labels.code_label("HEIR_RELATIONSHIPS", "spouse") == "Husband or wife"
    assert labels.code_label("HEIR_RELATIONSHIPS", "cousin") == "cousin"
