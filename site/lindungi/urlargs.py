"""Numbers read from query strings: ASCII digits only and bounded, so "?page=٢" or a 20-digit
page number is a 404, never an OverflowError from the database driver."""

from __future__ import annotations

import re

from flask import abort, request

_DIGITS = re.compile(r"[0-9]{1,9}")


def bounded_int(text: str | None, maximum: int) -> int | None:
    """The number in `text` when it is 1..maximum in plain digits, else None."""
    if text is None or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None


def page_number(name: str = "page", maximum: int = 100_000) -> int:
    """The page asked for (1 when absent); anything else that is not a page is a 404."""
    raw = request.args.get(name)
    if raw is None:
        return 1
    value = bounded_int(raw, maximum)
    if value is None:
        abort(404)
    return value
