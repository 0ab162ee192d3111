"""Site settings (contact channels, promises, look) and the demo-content flag

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

DEMO_TABLES = ("article", "page", "partner_hospital")


def upgrade():
    op.create_table(
        "site_setting",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["staff_user.id"],
                                name=op.f("fk_site_setting_updated_by_id_staff_user")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_site_setting")),
    )
    for table in DEMO_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("is_demo", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade():
    for table in DEMO_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("is_demo")
    op.drop_table("site_setting")
