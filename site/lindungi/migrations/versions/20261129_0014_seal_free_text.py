"""Seal the free text about a family's case

The reviewer's message to the applicant, the applicant's answer, and staff notes can hold
anything a person writes (a NIK or a phone number included), so they are sealed like the
identity fields (AES-256-GCM with the key id in each value). The columns stay TEXT; existing
rows are sealed in place with the app's keys (LINDUNGI_DATA_KEYS), which must be set before
upgrading a database that holds requests. Downgrading opens them again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# table -> the columns sealed by this revision; each is sealed for "table.column".
SEALED = {
    "enrollment_request": ("public_message",),
    "status_change": ("public_message", "internal_note"),
    "internal_note": ("body",),
}
BATCH = 500


def _keyring():
    from lindungi.protection.columns import keyring

    return keyring()


def _convert(change):
    """Rewrite every row's sealed columns through change(value, purpose), in id order."""
    connection = op.get_bind()
    for table_name, columns in SEALED.items():
        table = sa.table(table_name, sa.column("id"), *(sa.column(name) for name in columns))
        last = None
        while True:
            query = sa.select(table).order_by(table.c.id).limit(BATCH)
            if last is not None:
                query = query.where(table.c.id > last)
            rows = connection.execute(query).mappings().all()
            if not rows:
                break
            for row in rows:
                values = {name: None if row[name] is None
                          else change(str(row[name]), f"{table_name}.{name}")
                          for name in columns}
                connection.execute(sa.update(table).where(table.c.id == row["id"])
                                   .values(**values))
            last = rows[-1]["id"]


def _has_rows():
    connection = op.get_bind()
    return any(connection.execute(sa.text(f"SELECT 1 FROM {name} LIMIT 1")).first()  # noqa: S608
               for name in SEALED)


def upgrade():
    if _has_rows():
        _convert(_keyring().seal)


def downgrade():
    if _has_rows():
        _convert(_keyring().open)
