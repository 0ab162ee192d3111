"""What the property tests send: text with control characters, Unicode digits, long strings and
repeated parameters, into the fields a page's own form has (read from its HTML)."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from lindungi.extensions import db
from tests.support.checking import soup_of

EXAMPLES = 300
# derandomize: the same examples on every run, so CI never fails on a new draw; no deadline,
# since a shared two-core machine makes single requests slow now and then.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, 0x85, 0x9F])
TRICKY = st.sampled_from([
    "\x00", "7371\x00", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "７３７１", "𝟕𝟑𝟕𝟏", "<script>alert(1)</script>",
    "' OR 1=1 --", "%00", "../../etc/passwd", "\ufeff", "\ud7ff", "\U0001f600", "-1",
    "99999999999999999999999", "1e309", "NaN", "2026-02-30", "x" * 5000, "a\r\nb", " ",
])
TEXT = st.one_of(
    TRICKY,
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROLS), max_size=40),
    st.text(alphabet="0123456789١٢٣٤٥٦٧٨٩٠", min_size=1, max_size=20),
    st.builds(lambda a, b: a * b, TRICKY, st.integers(1, 3)),
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def form_fields(page_html: str, action: str) -> list[str]:
    """The names of the fields of the form posting to `action` (without the CSRF token)."""
    soup = soup_of_html(page_html)
    for form in soup.find_all("form"):
        if form.get("action", "").split("?")[0] == action:
            names = [tag.get("name") for tag in form.find_all(["input", "select", "textarea"])]
            return sorted({n for n in names if n and n != "csrf_token"})
    raise AssertionError(f"no form posting to {action}")


def soup_of_html(text: str):  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser")


def values_for(names: list[str]) -> st.SearchStrategy[MultiDict[str, str]]:
    """Some of the fields, each once or repeated, with hostile values; sometimes an unknown one."""
    field = st.tuples(st.sampled_from([*names, "_method", "endpoint", "lang"]), TEXT)
    return st.lists(field, max_size=len(names) + 3).map(MultiDict)


def stored_text_is_clean(app: Flask) -> None:
    """No control character in any text column of any table (nothing invalid stored)."""
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
            if not columns:
                continue
            for row in db.session.execute(sa.select(*columns)):
                for value in row:
                    assert not (isinstance(value, str) and _CONTROL.search(value)), (
                        f"control character stored in {table.name}")


__all__ = ["FUZZ", "form_fields", "soup_of", "stored_text_is_clean", "values_for"]
