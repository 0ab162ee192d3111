"""Key rotation: every sealed value not sealed with the current key is opened with the key it
names and sealed again with the current one; the blind indexes (the NIK; KK, date of birth and
name) are computed again (so a new INDEX_KEY takes effect too). Works on raw rows in batches,
whatever the models load.

After `flask --app lindungi keys rotate` has run, the old key can leave LINDUNGI_DATA_KEYS.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from lindungi.extensions import db
from lindungi.protection.columns import (
    NIK_PURPOSE,
    PERSON_PURPOSE,
    Sealed,
    keyring,
    person_text,
)
from lindungi.protection.crypto import KeyRing

BATCH = 500


@dataclass
class RotationReport:
    rows: dict[str, int] = field(default_factory=dict)  # rows rewritten, per table
    values: int = 0  # sealed values rewritten

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def sealed_columns() -> dict[str, list[tuple[str, str]]]:
    """Every table with sealed columns: [(column, purpose)], read from the models."""
    found: dict[str, list[tuple[str, str]]] = {}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Sealed):
                found.setdefault(table.name, []).append((column.name, column.type.purpose))
    return found


def _batches(table: sa.TableClause, key: sa.ColumnClause[object]
             ) -> Iterator[list[sa.RowMapping]]:
    last = None
    while True:
        # Locked on PostgreSQL until the commit, so no edit made meanwhile is overwritten.
        query = sa.select(table).order_by(key).limit(BATCH).with_for_update()
        if last is not None:
            query = query.where(key > last)
        rows = db.session.execute(query).mappings().all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1][key.name]


def _changes(row: sa.RowMapping, columns: list[tuple[str, str]], ring: KeyRing,
             report: RotationReport) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name, purpose in columns:
        value = row[name]
        if value is not None and not ring.is_current(value):
            changes[name] = ring.seal(ring.open(value, purpose), purpose)
            report.values += 1
    if "nik_index" in row:
        index = ring.blind_index(ring.open(row["nik"], "enrollment_worker.nik"), NIK_PURPOSE)
        if row["nik_index"] != index:
            changes["nik_index"] = index
        if row["open_nik"] is not None and row["open_nik"] != index:
            changes["open_nik"] = index
        person = _person_index(row, ring)
        if row["person_index"] != person:
            changes["person_index"] = person
    return changes


def _person_index(row: sa.RowMapping, ring: KeyRing) -> str | None:
    """As EnrollmentWorker's before-insert/update hook computes it, from the raw row."""
    if row["kk"] is None or row["birth_date"] is None or not row["full_name"]:
        return None
    kk = ring.open(row["kk"], "enrollment_worker.kk")
    born = date.fromisoformat(ring.open(row["birth_date"], "enrollment_worker.birth_date"))
    if not kk:
        return None
    return ring.blind_index(person_text(kk, born, row["full_name"]), PERSON_PURPOSE)


def rotate() -> RotationReport:
    """Rewrite what the current keys would write differently (flushes; the caller commits)."""
    ring = keyring()
    report = RotationReport()
    for table_name, columns in sealed_columns().items():
        key_name = db.metadata.tables[table_name].primary_key.columns.values()[0].name
        extra = (("nik_index", "open_nik", "person_index", "full_name")
                 if table_name == "enrollment_worker" else ())
        names = [key_name, *(name for name, _purpose in columns), *extra]
        table = sa.table(table_name, *(sa.column(name) for name in names))
        for rows in _batches(table, table.c[key_name]):
            for row in rows:
                changes = _changes(row, columns, ring, report)
                if changes:
                    db.session.execute(sa.update(table)
                                       .where(table.c[key_name] == row[key_name])
                                       .values(**changes))
                    report.rows[table_name] = report.rows.get(table_name, 0) + 1
    return report
