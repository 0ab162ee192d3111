"""Blind index of a worker's KK, date of birth and name; staff members' language

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 500


def _backfill():
    """Existing workers get their index, computed with the running app's keys (opened in
    memory, never written back in the clear)."""
    from datetime import date

    from lindungi.protection.columns import PERSON_PURPOSE, keyring, person_text

    connection = op.get_bind()
    table = sa.table("enrollment_worker", sa.column("id"), sa.column("kk"),
                     sa.column("birth_date"), sa.column("full_name"),
                     sa.column("person_index"))
    if connection.execute(sa.select(table.c.id).limit(1)).first() is None:
        return
    ring = keyring()
    last = None
    while True:
        query = sa.select(table).order_by(table.c.id).limit(BATCH)
        if last is not None:
            query = query.where(table.c.id > last)
        rows = connection.execute(query).mappings().all()
        if not rows:
            return
        for row in rows:
            kk = ring.open(row["kk"], "enrollment_worker.kk") if row["kk"] else ""
            if not (kk and row["birth_date"] and row["full_name"]):
                continue
            born = date.fromisoformat(ring.open(row["birth_date"], "enrollment_worker.birth_date"))
            index = ring.blind_index(person_text(kk, born, row["full_name"]), PERSON_PURPOSE)
            connection.execute(sa.update(table).where(table.c.id == row["id"])
                               .values(person_index=index))
        last = rows[-1]["id"]


def upgrade():
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_index", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_enrollment_worker_person_index"), ["person_index"],
                              unique=False)
    _backfill()
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=2), server_default="id",
                                      nullable=False))


def downgrade():
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("enrollment_worker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_worker_person_index"))
        batch_op.drop_column("person_index")
