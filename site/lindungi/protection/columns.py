"""Column types that seal personal data on the way into the database and open it on the way out,
and the blind index of a NIK, with the keys of the running app (LINDUNGI_DATA_KEYS,
LINDUNGI_INDEX_KEY; see protection.crypto).

Models read and write plain values; only the database holds sealed text. A sealed column cannot
be compared in SQL (every sealing is different): comparing one raises, so a query can never
silently find nothing. Exact look-ups go through a blind-index column instead.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.types import TypeDecorator

from lindungi.protection.crypto import KeyConfigError, KeyRing

EXTENSION = "lindungi.keys"
NIK_PURPOSE = "nik"
PERSON_PURPOSE = "person"

MISSING_KEYS = (
    "LINDUNGI_DATA_KEYS and LINDUNGI_INDEX_KEY are not set, so personal data cannot be stored "
    "or read. `make run` writes development keys to instance/config.py; in production set them "
    "from your secret store (`flask --app lindungi keys new` prints a fresh pair)."
)


def init_app(app: Flask) -> None:
    """Parse the keys once at start-up (a malformed key stops the app with a message)."""
    data_keys, index_key = app.config.get("DATA_KEYS"), app.config.get("INDEX_KEY")
    app.extensions[EXTENSION] = (
        KeyRing.parse(data_keys, index_key) if data_keys or index_key else None
    )


def keyring() -> KeyRing:
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        raise KeyConfigError(MISSING_KEYS)
    return found


def nik_index(nik: str) -> str:
    """The blind index of a NIK (EnrollmentWorker.nik_index and open_nik hold it)."""
    return keyring().blind_index(nik, NIK_PURPOSE)


def person_text(kk: str, birth_date: date, full_name: str) -> str:
    """What makes two workers probably the same person whatever NIK was typed: the family card,
    the date of birth and the name (case and spacing ignored)."""
    return "|".join((kk, birth_date.isoformat(), " ".join(full_name.casefold().split())))


def person_index(kk: str, birth_date: date, full_name: str) -> str:
    """The blind index of a worker's KK, date of birth and name (EnrollmentWorker.person_index):
    the possible-duplicate flag finds the same person under another NIK without opening rows."""
    return keyring().blind_index(person_text(kk, birth_date, full_name), PERSON_PURPOSE)


class Sealed(TypeDecorator[Any]):
    """Text in the database; the Python value is whatever `_dump`/`_load` convert."""

    impl = sa.Text
    cache_ok = True

    class comparator_factory(TypeDecorator.Comparator[Any]):
        def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
            if op in (sa.sql.operators.is_, sa.sql.operators.is_not):
                return super().operate(op, *other, **kwargs)
            raise TypeError("a sealed column cannot be compared in SQL: use its blind index")

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose

    def _dump(self, value: Any) -> str:
        return str(value)

    def _load(self, text: str) -> Any:
        return text

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        return keyring().seal(self._dump(value), self.purpose)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        return self._load(keyring().open(value, self.purpose))


# cache_ok on each class: SQLAlchemy reads it from the class itself, not from a base.
class SealedText(Sealed):
    cache_ok = True


class SealedDate(Sealed):
    cache_ok = True

    def _dump(self, value: date) -> str:
        return value.isoformat()

    def _load(self, text: str) -> date:
        return date.fromisoformat(text)


class SealedJSON(Sealed):
    cache_ok = True

    def _dump(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def _load(self, text: str) -> Any:
        return json.loads(text)
