"""Anonymous statistics kept after deletion; consent given on the workers' behalf

enrollment_statistic counts deleted requests and workers by month, kecamatan and status (the
retention purge and the admins' erase tool fill it). enrollment_request.consent_on_behalf says
whether the applicant agreed for the workers rather than for himself.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "enrollment_statistic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("kecamatan_code", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("workers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_statistic")),
        sa.UniqueConstraint("month", "kecamatan_code", "status", name="uq_enrollment_statistic"),
    )
    with op.batch_alter_table("enrollment_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_on_behalf", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    # Older requests: the applicant who was not the worker agreed for the workers.
    op.execute("UPDATE enrollment_request SET consent_on_behalf = NOT for_self")
    with op.batch_alter_table("enrollment_request", schema=None) as batch_op:
        batch_op.alter_column("consent_on_behalf", server_default=None,
                              existing_type=sa.Boolean(), existing_nullable=False)


def downgrade():
    with op.batch_alter_table("enrollment_request", schema=None) as batch_op:
        batch_op.drop_column("consent_on_behalf")
    op.drop_table("enrollment_statistic")
