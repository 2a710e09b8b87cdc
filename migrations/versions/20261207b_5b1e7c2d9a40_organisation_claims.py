"""organisation claims: nobody acts for an organisation until it is verified

Revision ID: 5b1e7c2d9a40
Revises: 5e1c0a7d9b42
Create Date: 2026-12-07 23:52:00

Data: memberships made under the old rule, where typing the orgnr of an imported organisation
made you its admin at once, become pending claims (a request to join that the platform admins
decide) and are removed; an imported supplier the old rule had set back to pending is verified
again (the import had verified it). Rejected organisations keep no members, API keys, open
invitations: they are removed or revoked, as rejecting does now.
"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

import portal.db


# revision identifiers, used by Alembic.
revision = '5b1e7c2d9a40'
down_revision = '5e1c0a7d9b42'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'declined', name='claimstatus', native_enum=False, length=32), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_dt', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_dt', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_organisation_claims_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_claims_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_organisation_claims_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_claims'))
    )
    with op.batch_alter_table('organisation_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_claims_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_claims_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_claims_user_id'), ['user_id'], unique=False)
    _old_claims_to_requests()


def _old_claims_to_requests():
    conn = op.get_bind()
    now = datetime.now(UTC)
    orgs = sa.table('organisations', sa.column('id'), sa.column('side'), sa.column('verification'),
                    sa.column('verified_dt'), sa.column('is_imported'))
    members = sa.table('memberships', sa.column('id'), sa.column('user_id'), sa.column('organisation_id'),
                       sa.column('created_dt', portal.db.UTCDateTime(timezone=True)))
    claims = sa.table('organisation_claims', sa.column('user_id'), sa.column('organisation_id'),
                      sa.column('status'), sa.column('created_dt', portal.db.UTCDateTime(timezone=True)))
    keys = sa.table('api_keys', sa.column('organisation_id'), sa.column('revoked_dt', portal.db.UTCDateTime(timezone=True)))
    invitations = sa.table('invitations', sa.column('organisation_id'), sa.column('accepted_dt'),
                           sa.column('revoked_dt', portal.db.UTCDateTime(timezone=True)))

    claimed = conn.execute(
        sa.select(members.c.id, members.c.user_id, members.c.organisation_id, members.c.created_dt, orgs.c.side)
        .join(orgs, orgs.c.id == members.c.organisation_id)
        .where(orgs.c.is_imported.is_(True), orgs.c.verification == 'pending')).all()
    for _id, user_id, org_id, created_dt, _side in claimed:
        conn.execute(claims.insert().values(user_id=user_id, organisation_id=org_id, status='pending',
                                            created_dt=created_dt or now))
    if claimed:
        conn.execute(members.delete().where(members.c.id.in_([row[0] for row in claimed])))
    supplier_ids = {row[2] for row in claimed if row[4] == 'supplier'}
    if supplier_ids:
        conn.execute(orgs.update().where(orgs.c.id.in_(supplier_ids))
                     .values(verification='verified', verified_dt=now))

    rejected = sa.select(orgs.c.id).where(orgs.c.verification == 'rejected').scalar_subquery()
    conn.execute(members.delete().where(members.c.organisation_id.in_(rejected)))
    # Keys and invitations made by a rejected organisation, or by whoever took over an imported one
    # under the old rule, would work again the moment the organisation is verified: revoke them all.
    taken_over = sa.select(orgs.c.id).where(orgs.c.id.in_({row[2] for row in claimed} or {-1}))
    for org_ids in (rejected, taken_over.scalar_subquery()):
        conn.execute(keys.update().where(keys.c.organisation_id.in_(org_ids), keys.c.revoked_dt.is_(None))
                     .values(revoked_dt=now))
        conn.execute(invitations.update().where(invitations.c.organisation_id.in_(org_ids),
                                                invitations.c.accepted_dt.is_(None),
                                                invitations.c.revoked_dt.is_(None))
                     .values(revoked_dt=now))


def downgrade():
    # Pending claims are not turned back into memberships: that access was the security hole.
    with op.batch_alter_table('organisation_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_claims_user_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_claims_status'))
        batch_op.drop_index(batch_op.f('ix_organisation_claims_organisation_id'))

    op.drop_table('organisation_claims')
