"""Permissions truth table: who may view a draft, edit, publish, cancel and download attachments."""

import pytest
from flask_login import AnonymousUserMixin

from portal.db import utcnow
from portal.needs import permissions as p
from portal.needs.models import NeedCoBuyer, NeedStatus
from portal.organisations.models import OrgKind, VerificationStatus
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need

pytestmark = pytest.mark.usefixtures("app")

ROLES = ["member", "admin", "other_buyer", "co_buyer", "supplier", "anonymous", "platform_admin"]
# role → (view draft, edit, publish draft, cancel published, download draft attachment)
EXPECTED = {
    "member":         (True,  True,  True,  True,  True),
    "admin":          (True,  True,  True,  True,  True),
    "other_buyer":    (False, False, False, False, False),
    "co_buyer":       (True,  False, False, False, True),
    "supplier":       (False, False, False, False, False),
    "anonymous":      (False, False, False, False, False),
    "platform_admin": (False, False, False, True,  False),
}


@pytest.fixture
def world():
    users = {r: make_user() for r in ROLES if r not in ("anonymous", "platform_admin")}
    users["anonymous"] = AnonymousUserMixin()
    users["platform_admin"] = make_user(admin=True)
    owner = make_org(members=[users["member"]], admins=[users["admin"]])
    make_org(admins=[users["other_buyer"]])
    partner = make_org(admins=[users["co_buyer"]])
    make_org(kind=OrgKind.BEDRIFT, admins=[users["supplier"]])
    draft = make_need(owner, status=NeedStatus.DRAFT)
    draft.co_buyers.append(NeedCoBuyer(organisation=partner, confirmed_dt=utcnow()))
    published = make_need(owner, status=NeedStatus.PUBLISHED)
    return users, draft, published


@pytest.mark.parametrize("role", ROLES)
def test_truth_table(world, role):
    users, draft, published = world
    user = users[role]
    actual = (
        p.can_view_need(user, draft),
        p.can_edit_need(user, published),
        p.can_publish_need(user, draft),
        p.can_cancel_need(user, published),
        p.can_download_attachment(user, draft),
    )
    assert actual == EXPECTED[role]
    # Published needs and their attachments are for everyone.
    assert p.can_view_need(user, published) and p.can_download_attachment(user, published)


def test_unconfirmed_co_buyer_sees_no_draft():
    owner_org = make_org()
    invited = make_user()
    partner = make_org(admins=[invited])
    draft = make_need(owner_org, status=NeedStatus.DRAFT)
    draft.co_buyers.append(NeedCoBuyer(organisation=partner))
    assert not p.can_view_need(invited, draft)
    assert p.can_answer_co_buyer(invited, draft.co_buyers[0])


@pytest.mark.parametrize("verification", [VerificationStatus.PENDING, VerificationStatus.REJECTED])
def test_member_of_unverified_buyer_can_do_nothing(verification):
    user = make_user()
    org = make_org(verified=False, admins=[user])
    org.verification = verification
    draft = make_need(org, status=NeedStatus.DRAFT)
    published = make_need(org, status=NeedStatus.PUBLISHED)
    assert not p.can_create_need(user, org) and not p.can_edit_need(user, draft)
    assert not p.can_view_need(user, draft) and not p.can_publish_need(user, draft)
    assert not p.can_delete_draft(user, draft) and not p.can_edit_need(user, published)
    assert not p.can_change_status(user, published) and not p.can_cancel_need(user, published)


def test_final_needs_cannot_be_edited_or_cancelled_again():
    user = make_user()
    org = make_org(members=[user])
    for status in (NeedStatus.CANCELLED, NeedStatus.CLOSED, NeedStatus.AWARDED):
        need = make_need(org, status=status)
        assert not p.can_edit_need(user, need) and not p.can_cancel_need(user, need)
        assert p.can_view_need(AnonymousUserMixin(), need)
