"""login failures table replaces the per-user lockout columns

Revision ID: 5b1e0c7d9a21
Revises: 5b1e7c2d9a40
Create Date: 2026-12-07 23:55:00.000000

"""
from alembic import op
import sqlalchemy as sa

import portal.db


# revision identifiers, used by Alembic.
revision = '5b1e0c7d9a21'
down_revision = '5b1e7c2d9a40'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_failures',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_dt', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('wait_until_dt', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failures_last_dt'), ['last_dt'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until_dt')
        batch_op.drop_column('failed_logins')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until_dt', portal.db.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failures_last_dt'))

    op.drop_table('login_failures')
