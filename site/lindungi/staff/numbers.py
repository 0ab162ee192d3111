"""Record ids in staff URLs and query strings: ASCII digits only, and never larger than the
database's integer column.

Werkzeug's `<int:...>` matches any Unicode digit ("/staf/akun/١٢" is account 12) and any length;
a 20-digit id overflows SQLite's INTEGER and PostgreSQL's int4 and the lookup fails with a 500.
Staff routes use `<id:...>` instead (registered on the app as IdConverter): anything else is
simply not a route, so a 404. Query strings go through `parse_id`, which gives None.
"""

from __future__ import annotations

import re

from werkzeug.routing import BaseConverter, ValidationError

# Primary keys are INTEGER columns: 32-bit on PostgreSQL.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(text: str | None) -> int | None:
    """A positive record id from text, or None for anything else."""
    if text is None or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


class IdConverter(BaseConverter):
    """`<id:name>`: 1 to MAX_ID in ASCII digits; anything else does not match (404)."""

    regex = r"[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError
        return number

    def to_url(self, value: object) -> str:
        return str(int(value))
