"""Staff two-factor sign-in, recovery codes, forced password change

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 13:35:29.012439

The wrong-password counter on the account row goes: a pause of the whole account let a stranger
lock staff out. Failed sign-ins are now counted per client address and account in the rate
limiter's storage (staff.signin).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"],
                                name=op.f("fk_staff_recovery_code_staff_id_staff_user"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_recovery_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_recovery_code_code_hash")),
    )
    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_recovery_code_staff_id"), ["staff_id"],
                              unique=False)

    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("totp_secret", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("totp_enabled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("locked_until")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.alter_column("must_change_password", server_default=None)


def downgrade():
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enabled_at")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("must_change_password")

    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_recovery_code_staff_id"))
    op.drop_table("staff_recovery_code")
