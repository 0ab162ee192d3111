"""Which published counts are hidden so that no small group of people can be picked out.

Rule (statistical disclosure control, applied to every table of public figures):
1. Primary suppression: a count from 1 to 9 is not shown. Zero is shown (it describes nobody).
2. Secondary suppression: every table of counts is published with a total, so a column with a
   single hidden cell would give that cell away (total minus the shown cells). When a column has
   exactly one hidden cell, its smallest shown non-zero cell is hidden too (a zero one if there
   is no other); two hidden cells can only be known as a sum.
3. A median (days to a decision) is shown only when it is taken over at least 10 decisions.
A total is a count like the others: under 10, it is not shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

THRESHOLD = 10

K = TypeVar("K", bound=Hashable)


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def protect_total(value: int) -> int | None:
    return None if is_small(value) else value


def protect_column(values: Mapping[K, int]) -> dict[K, int | None]:
    """The column's cells as they may be published (None: not shown), given that their sum is
    published (or could be worked out from another table)."""
    shown: dict[K, int | None] = {key: None if is_small(v) else v for key, v in values.items()}
    hidden = [key for key, v in shown.items() if v is None]
    if len(hidden) == 1:
        others = [(v, i, key) for i, (key, v) in enumerate(shown.items()) if v is not None]
        nonzero = [item for item in others if item[0] > 0]
        choice = min(nonzero or others, default=None)
        if choice is not None:
            shown[choice[2]] = None
    return shown


def protect_median(median: float | None, decisions: int) -> float | None:
    return median if median is not None and decisions >= THRESHOLD else None
