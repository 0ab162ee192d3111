"""The rule that hides small counts in the public figures (core.disclosure)."""

from __future__ import annotations

import itertools

import pytest

from lindungi.core.disclosure import THRESHOLD, protect_column, protect_median, protect_total


def test_counts_under_ten_are_hidden_and_zero_and_ten_are_shown() -> None:
    assert protect_total(9) is None and protect_total(1) is None
    assert protect_total(0) == 0 and protect_total(10) == 10


def test_a_single_hidden_cell_takes_the_smallest_shown_cell_with_it() -> None:
    shown = protect_column({"a": 3, "b": 40, "c": 12, "d": 0, "e": 25})
    assert shown == {"a": None, "b": 40, "c": None, "d": 0, "e": 25}


def test_two_hidden_cells_need_no_more() -> None:
    assert protect_column({"a": 3, "b": 4, "c": 50}) == {"a": None, "b": None, "c": 50}


def test_a_zero_is_hidden_only_when_nothing_else_can_be() -> None:
    assert protect_column({"a": 5, "b": 0}) == {"a": None, "b": None}


def test_the_median_needs_ten_decisions() -> None:
    assert protect_median(4.5, THRESHOLD - 1) is None
    assert protect_median(4.5, THRESHOLD) == 4.5


# Every column of up to four cells over values around the threshold.
COLUMNS = [dict(enumerate(cells)) for size in range(1, 5)
           for cells in itertools.product((0, 1, 9, 10, 11, 40), repeat=size)]


@pytest.mark.parametrize("values", [COLUMNS], ids=["all-small-columns"])
def test_no_hidden_cell_can_be_worked_out_from_the_total(values: list[dict[int, int]]) -> None:
    for column in values:
        _check(column)


def _check(values: dict[int, int]) -> None:
    shown = protect_column(values)
    hidden = [key for key, value in shown.items() if value is None]
    assert all(shown[key] is None for key, value in values.items() if 0 < value < THRESHOLD)
    assert all(shown[key] == value for key, value in values.items() if shown[key] is not None)
    # One hidden cell would be the total minus the others (unless the column is that cell).
    assert len(hidden) != 1 or len(values) == 1
