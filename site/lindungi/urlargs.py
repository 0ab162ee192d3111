"""Numbers in URLs: record ids in paths and query strings, and page numbers. ASCII digits only
and bounded, so "/staf/berita/١٢", "?page=٢" or a 20-digit id is a 404 (or None), never another
object and never an OverflowError from the database driver.

Werkzeug's own `<int:...>` matches any Unicode digit ("/staf/akun/١٢" would be account 12) and
any length; create_app installs IdConverter as the app's `int` converter instead, so every route
with `<int:...>` is covered.
"""

from __future__ import annotations

import re

from flask import abort, request
from werkzeug.routing import BaseConverter, ValidationError

# Primary keys are INTEGER columns: 32-bit on PostgreSQL.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def bounded_int(text: str | None, maximum: int) -> int | None:
    """The number in `text` when it is 1..maximum in plain digits, else None."""
    if text is None or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None


def parse_id(text: str | None) -> int | None:
    """A positive record id from text, or None for anything else."""
    return bounded_int(text, MAX_ID)


def page_number(name: str = "page", maximum: int = 100_000, *, lenient: bool = False) -> int:
    """The page asked for (1 when absent). Anything else that is not a page is a 404, or page 1
    when `lenient` (staff lists, see lindungi.pagination)."""
    raw = request.args.get(name)
    if raw is None:
        return 1
    value = bounded_int(raw, maximum)
    if value is None:
        if lenient:
            return 1
        abort(404)
    return value


class IdConverter(BaseConverter):
    """`<int:name>`: 1 to MAX_ID in ASCII digits without a leading zero (one object, one
    address: "0012" is not object 12); anything else does not match (404)."""

    regex = r"[1-9][0-9]{0,9}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError
        return number

    def to_url(self, value: object) -> str:
        return str(int(value))
