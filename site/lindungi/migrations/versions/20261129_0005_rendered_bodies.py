"""Rendered bodies stored with article and page texts

Markdown is rendered and sanitised when a text is saved; pages show the stored HTML. Rows
saved before this migration have none and are rendered when shown until saved again (or
`flask content render` fills them in).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("article_text") as batch:
        batch.add_column(sa.Column("rendered", sa.JSON(), nullable=True))
    with op.batch_alter_table("page_text") as batch:
        batch.add_column(sa.Column("rendered", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("page_text") as batch:
        batch.drop_column("rendered")
    with op.batch_alter_table("article_text") as batch:
        batch.drop_column("rendered")
