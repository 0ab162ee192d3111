"""What the property tests send and what they check afterwards.

Sent: a form as the browser would post it (the defaults its page shows), with some fields
replaced by hostile values (NUL and other control characters, Unicode digits, very long strings,
a file where text belongs), some dropped, some repeated, and unknown parameters added.
Checked: nothing stored holds a control character, and no NIK or KK is other than 16 ASCII
digits, read through the models (sealed columns decrypted)."""

from __future__ import annotations

import json
import re
from io import BytesIO
from typing import Any

import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from lindungi.extensions import db
from tests.security.discovery import FormSpec

# Per form and per query route, on SQLite and on PostgreSQL alike.
EXAMPLES = 300
# derandomize: the same examples on every run, so CI never fails on a new draw; no deadline,
# since a shared two-core machine makes single requests slow now and then; no shrinking (minutes
# of requests): a failure shows the example as drawn.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.reuse, Phase.generate])

CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, 0x85, 0x9F])
TRICKY = st.sampled_from([
    "\x00", "7371\x00", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "７３７１０１１２０８８００００１", "𝟕𝟑𝟕𝟏",
    "١٢٣", "１２３",
    "7371011208800001\x00", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd",
    "\ufeff", "\U0001f600", "-1", "0", "99999999999999999999999", "1e309", "NaN", "2026-02-30",
    "x" * 5000, "٣" * 70000, "a\r\nb", " ", "", "\u202egnp.exe", "on", "y", "true", "None",
])
TEXT = st.one_of(
    TRICKY,
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROLS), max_size=40),
    st.text(alphabet="0123456789١٢٣٤٥٦٧٨٩٠１２３", min_size=1, max_size=20),
    st.builds(lambda a, b: a * b, TRICKY, st.integers(1, 3)),
    st.builds(lambda a, b: a + b, st.sampled_from(["Siti ", "7371", "LM-"]), TRICKY),
)
# A file where text is expected (or random bytes where a picture is): marked, opened when sent.
FILE = st.builds(lambda data: ("file", data), st.binary(max_size=64) | st.just(
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40))
# A JSON body instead of a form (numbers, nulls, lists and objects where text belongs).
JSON_VALUE = st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans(),
                       st.lists(st.integers(), max_size=2), st.dictionaries(TEXT, TEXT, max_size=1),
                       TEXT)
ENCODINGS = st.sampled_from(["form", "form", "form", "form", "json"])
KEEP, DROP = "keep", "drop"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_IDENTITY = re.compile("[0-9]{16}")
IDENTITY_NAMES = {"nik", "kk"}


def field_values(options: list[str]) -> st.SearchStrategy[Any]:
    """One field: left as shown, dropped, replaced once or several times."""
    single = TEXT | FILE | (st.sampled_from(options) if options else TEXT)
    return st.one_of(st.just(KEEP), st.just(DROP), single,
                     st.lists(single, min_size=2, max_size=3))


def submissions(spec: FormSpec) -> st.SearchStrategy[MultiDict[str, Any]]:
    changeable = [f for f in spec.fields if f.name != "csrf_token"]
    per_field = st.fixed_dictionaries({f.name: field_values(f.options) for f in changeable})
    names = [f.name for f in changeable] or ["q"]
    extras = st.lists(st.tuples(st.sampled_from([*names, "_method", "endpoint", "lang",
                                                 "csrf_token", "next"]), TEXT), max_size=3)
    return st.builds(lambda chosen, more: _combine(spec, chosen, more), per_field, extras)


def _combine(spec: FormSpec, chosen: dict[str, Any], more: list[tuple[str, str]]
             ) -> MultiDict[str, Any]:
    values = spec.defaults()
    for name, choice in chosen.items():
        if choice == KEEP:
            continue
        values.poplist(name)
        if choice != DROP:
            for value in choice if isinstance(choice, list) else [choice]:
                values.add(name, value)
    for name, value in more:
        values.add(name, value)
    return values


def as_sent(values: MultiDict[str, Any]) -> MultiDict[str, Any]:
    """The values with file markers opened as uploads (fresh streams for every request)."""
    sent: MultiDict[str, Any] = MultiDict()
    for name, value in values.items(multi=True):
        if isinstance(value, tuple):
            value = FileStorage(BytesIO(value[1]), "upload.png")
        sent.add(name, value)
    return sent


def multipart(values: MultiDict[str, Any]) -> tuple[bytes, str]:
    """The body and content type, encoded in memory (the test client would spool a large body
    to a temporary file that nobody closes when the server refuses it unread)."""
    boundary, body = encode_multipart(as_sent(values))
    return body, f'multipart/form-data; boundary="{boundary}"'


def as_json(values: MultiDict[str, Any], data: Any) -> str:
    """The values as a JSON object, some replaced by `data` (wrong types)."""
    def plain(value: Any) -> Any:
        return value[1].decode("latin-1") if isinstance(value, tuple) else value

    body: dict[str, Any] = {name: ([plain(i) for i in items] if len(items) > 1 else plain(items[0]))
                            for name, items in values.lists() if name != "csrf_token"}
    if isinstance(data, dict):
        body.update(data)
    else:
        body[next(iter(body), "q")] = data
    return json.dumps(body)


def has_files(values: MultiDict[str, Any]) -> bool:
    return any(isinstance(v, tuple) for _, v in values.items(multi=True))


def row_counts(app: Flask) -> dict[str, int]:
    """Every table's row count, in one statement."""
    names = [table.name for table in db.metadata.sorted_tables]
    statement = sa.select(*[sa.select(sa.func.count()).select_from(sa.table(name))
                            .scalar_subquery() for name in names])
    with app.app_context():
        row = db.session.execute(statement).one()
        db.session.remove()
    return dict(zip(names, row, strict=True))


def stored_problems(app: Flask, tables: set[str] | None = None) -> list[str]:
    """Control characters anywhere, or an identity number that is not 16 ASCII digits, in any
    row of any model (sealed and JSON columns read as the app reads them); only of the models
    stored in `tables` when given (the tables an example wrote: the others are as checked)."""
    problems: list[str] = []
    with app.app_context():
        for mapper in db.Model.registry.mappers:
            if tables is not None and not {t.name for t in mapper.tables} & tables:
                continue
            model = mapper.class_
            for row in db.session.scalars(sa.select(model)):
                for column in mapper.column_attrs:
                    _check(getattr(row, column.key), f"{model.__name__}.{column.key}",
                           column.key, problems)
        db.session.remove()
    return problems


def _check(value: Any, where: str, name: str, problems: list[str]) -> None:
    if isinstance(value, str):
        if _CONTROL.search(value):
            problems.append(f"control character in {where}: {value[:60]!r}")
        if name in IDENTITY_NAMES and value and not _IDENTITY.fullmatch(value):
            problems.append(f"{where} is not 16 ASCII digits: {value[:30]!r}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, f"{where} key", "", problems)
            _check(item, f"{where}.{key}", str(key), problems)
    elif isinstance(value, list):
        for item in value:
            _check(item, f"{where}[]", name, problems)


def is_error_page(response: Any) -> bool:
    """A refusal: a 4xx, or the form shown again with its error summary."""
    if response.status_code >= 400:
        return True
    if response.status_code != 200 or response.mimetype != "text/html":
        return False
    text = response.get_data(as_text=True)
    return "error-summary" in text or "<title>Error:" in text or "<title>Galat:" in text
