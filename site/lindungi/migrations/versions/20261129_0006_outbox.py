"""Outbox: messages to families and their delivery attempts; each request's chosen channel

Requests sent before the contact step asked for a channel get WhatsApp (their phone number is
always there).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 10:42:48.819288
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('received', 'needs_info', 'approved', 'registered', 'rejected', 'review_requested', name='messagekind', native_enum=False, length=40), nullable=False),
    sa.Column('channel', sa.Enum('whatsapp', 'sms', 'email', name='channel', native_enum=False, length=20), nullable=False),
    sa.Column('recipient', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'sent', 'failed', name='messagestate', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=80), nullable=False),
    sa.Column('attempt_count', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['enrollment_request.id'], name=op.f('fk_outbox_message_request_id_enrollment_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_request_id'), ['request_id'], unique=False)
        batch_op.create_index('ix_outbox_message_state_due', ['state', 'next_attempt_at'], unique=False)

    op.create_table('delivery_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.Enum('started', 'sent', 'failed', 'refused', 'not_configured', 'interrupted', 'uncertain', name='attemptoutcome', native_enum=False, length=20), nullable=False),
    sa.Column('error', sa.String(length=200), nullable=False),
    sa.Column('worker', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_delivery_attempt_message_id_outbox_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_attempt'))
    )
    with op.batch_alter_table('delivery_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_attempt_message_id'), ['message_id'], unique=False)

    with op.batch_alter_table('enrollment_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notify_channel', sa.Enum('whatsapp', 'sms', 'email', name='channel', native_enum=False, length=20), server_default='whatsapp', nullable=False))



def downgrade():
    with op.batch_alter_table('enrollment_request', schema=None) as batch_op:
        batch_op.drop_column('notify_channel')

    with op.batch_alter_table('delivery_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_attempt_message_id'))

    op.drop_table('delivery_attempt')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_state_due')
        batch_op.drop_index(batch_op.f('ix_outbox_message_request_id'))

    op.drop_table('outbox_message')
