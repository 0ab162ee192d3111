"""Full-text index for SQLite (FTS5)

On PostgreSQL, search uses to_tsvector over search_document at query time; SQLite needs its
FTS5 virtual table, which models cannot describe.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(FTS_DDL)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
