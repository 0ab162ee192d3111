"""The figures page's chart: requests received per month, as bars for the server-drawn SVG."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from lindungi.public_figures.models import FigureRow
from lindungi.review.charts import Bar, bars


def month_label(key: str, locale: str) -> str:
    year, month = (int(part) for part in key.split("-"))
    return format_date(date(year, month, 1), "MMM yyyy", locale=locale) if locale else key


def month_bars(rows: list[FigureRow], locale: str) -> list[Bar]:
    """Bars of the months whose count is shown; a hidden count gets no bar (the table says)."""
    return bars([(month_label(row.key, locale), row.received) for row in rows
                 if row.received is not None])
