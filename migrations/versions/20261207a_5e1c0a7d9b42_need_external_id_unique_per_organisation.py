"""need external_id unique per organisation

Revision ID: 5e1c0a7d9b42
Revises: ea4046249ea8
Create Date: 2026-12-07 23:50:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5e1c0a7d9b42'
down_revision = 'ea4046249ea8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_constraint('uq_needs_external_id', type_='unique')
        batch_op.create_unique_constraint('uq_needs_organisation_id_external_id', ['organisation_id', 'external_id'])


def downgrade():
    # Fails if two organisations now use the same external id: that data did not fit the old rule.
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_constraint('uq_needs_organisation_id_external_id', type_='unique')
        batch_op.create_unique_constraint('uq_needs_external_id', ['external_id'])
