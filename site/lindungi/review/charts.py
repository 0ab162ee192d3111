"""Bars for the server-drawn SVG charts: the template only places them. Lengths are percentages
of the largest value, so the charts stretch to any screen without scaling the text."""

from __future__ import annotations

from dataclasses import dataclass

MIN_VISIBLE_PERCENT = 0.5  # a bar for 1 next to 10,000 is still visible


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: float  # of the largest value, 0..100


def bars(items: list[tuple[str, int]]) -> list[Bar]:
    largest = max((value for _label, value in items), default=0)
    found = []
    for label, value in items:
        percent = 100.0 * value / largest if largest else 0.0
        if value and percent < MIN_VISIBLE_PERCENT:
            percent = MIN_VISIBLE_PERCENT
        found.append(Bar(label, value, round(percent, 1)))
    return found


def largest(items: list[Bar]) -> Bar | None:
    """The bar with the largest value (the first one on a tie), for the chart's description."""
    return max(items, key=lambda bar: bar.value, default=None)
