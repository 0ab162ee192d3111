"""Seal personal data at rest; a blind index for the NIK

NIK, KK, date of birth, phones and mother's maiden name in the request tables, the whole draft,
and the queue's saved search become sealed text (AES-256-GCM with the key id in each value, see
lindungi.protection.crypto); enrollment_worker gets nik_index (HMAC of the NIK) and open_nik
holds the index instead of the NIK. Existing rows are converted in place with the app's keys
(LINDUNGI_DATA_KEYS, LINDUNGI_INDEX_KEY), so those must be set before upgrading a database that
holds requests. Downgrading opens everything again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# table -> sealed columns, with the purpose each is sealed for (protection.columns types).
SEALED = {
    "enrollment_worker": ("nik", "kk", "birth_date", "mother_maiden_name", "heir_phone_e164"),
    "enrollment_request": ("phone_e164",),
    "enrollment_draft": ("data",),
    "queue_search": ("text",),
}
# The column types before this revision (and after a downgrade).
PLAIN_TYPES = {
    ("enrollment_worker", "nik"): sa.String(length=16),
    ("enrollment_worker", "kk"): sa.String(length=16),
    ("enrollment_worker", "birth_date"): sa.Date(),
    ("enrollment_worker", "mother_maiden_name"): sa.String(length=120),
    ("enrollment_worker", "heir_phone_e164"): sa.String(length=20),
    ("enrollment_request", "phone_e164"): sa.String(length=20),
    ("enrollment_draft", "data"): sa.JSON(),
    ("queue_search", "text"): sa.String(length=80),
}
POSTGRES_USING = {"birth_date": "birth_date::date", "data": "data::json"}
BATCH = 500


def _keyring():
    from lindungi.protection.columns import keyring

    return keyring()


def _rows(connection, table_name, columns):
    table = sa.table(table_name, sa.column("id"), *(sa.column(name) for name in columns))
    last = None
    while True:
        query = sa.select(table).order_by(table.c.id).limit(BATCH)
        if last is not None:
            query = query.where(table.c.id > last)
        rows = connection.execute(query).mappings().all()
        if not rows:
            return
        yield table, rows
        last = rows[-1]["id"]


def _convert(table_name, columns, change, extra=None, read_also=()):
    """Rewrite every row's `columns` through change(value, purpose) (None stays None), and
    set what extra(row) returns."""
    connection = op.get_bind()
    for table, rows in _rows(connection, table_name, (*columns, *read_also)):
        for row in rows:
            values = {name: None if row[name] is None else change(str(row[name]),
                                                                  f"{table_name}.{name}")
                      for name in columns}
            if extra is not None:
                values.update(extra(row))
            connection.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))


def _has_rows():
    connection = op.get_bind()
    return any(connection.execute(sa.text(f"SELECT 1 FROM {name} LIMIT 1")).first()  # noqa: S608
               for name in SEALED)


def upgrade():
    ring = _keyring() if _has_rows() else None
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nik_index", sa.String(length=64), nullable=True))
        batch_op.drop_index("ix_enrollment_worker_nik")
        batch_op.alter_column("open_nik", existing_type=sa.String(length=16),
                              type_=sa.String(length=64), existing_nullable=True)
    for table_name, columns in SEALED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, existing_type=PLAIN_TYPES[table_name, column],
                                      type_=sa.Text(), existing_nullable=False)
    if ring is not None:
        def index(row):
            nik_index = ring.blind_index(str(row["nik"]), "nik")
            return {"nik_index": nik_index,
                    "open_nik": nik_index if row["open_nik"] is not None else None}

        _convert("enrollment_worker", SEALED["enrollment_worker"], ring.seal, extra=index,
                 read_also=("open_nik", "nik_index"))
        for table_name in ("enrollment_request", "enrollment_draft", "queue_search"):
            _convert(table_name, SEALED[table_name], ring.seal)
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.alter_column("nik_index", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index("ix_enrollment_worker_nik_index", ["nik_index"], unique=False)


def _birth_date_back_to_date():
    """Text to Date through a new column filled with date values (no CAST on SQLite)."""
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date_plain", sa.Date(), nullable=True))
    connection = op.get_bind()
    table = sa.table("enrollment_worker", sa.column("id"), sa.column("birth_date"),
                     sa.column("birth_date_plain", sa.Date()))
    for row in connection.execute(sa.select(table.c.id, table.c.birth_date)).all():
        connection.execute(sa.update(table).where(table.c.id == row.id).values(
            birth_date_plain=date.fromisoformat(str(row.birth_date))))
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.drop_column("birth_date")
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.alter_column("birth_date_plain", new_column_name="birth_date",
                              existing_type=sa.Date(), nullable=False)


def downgrade():
    ring = _keyring() if _has_rows() else None
    if ring is not None:
        def plain_open_nik(row):
            return {"open_nik": None if row["open_nik"] is None
                    else ring.open(row["nik"], "enrollment_worker.nik")}

        _convert("enrollment_worker", SEALED["enrollment_worker"], ring.open,
                 extra=plain_open_nik, read_also=("open_nik",))
        for table_name in ("enrollment_request", "enrollment_draft", "queue_search"):
            _convert(table_name, SEALED[table_name], ring.open)
    for table_name, columns in SEALED.items():
        with op.batch_alter_table(table_name, schema=None) as batch_op:
            for column in columns:
                if (table_name, column) == ("enrollment_worker", "birth_date"):
                    continue  # below: SQLite's CAST(... AS DATE) would keep only the year
                using = POSTGRES_USING.get(column)
                batch_op.alter_column(column, existing_type=sa.Text(),
                                      type_=PLAIN_TYPES[table_name, column],
                                      existing_nullable=False,
                                      **({"postgresql_using": using} if using else {}))
    _birth_date_back_to_date()
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollment_worker_nik_index")
        batch_op.alter_column("open_nik", existing_type=sa.String(length=64),
                              type_=sa.String(length=16), existing_nullable=True)
        batch_op.create_index("ix_enrollment_worker_nik", ["nik"], unique=False)
        batch_op.drop_column("nik_index")
