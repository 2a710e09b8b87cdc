"""Services: drafts, publication, lifecycle, change history, co-buyers (without HTTP)."""

import pytest

from portal.extensions import db
from portal.needs import services
from portal.needs.models import NeedChange, NeedStatus
from portal.needs.services import NeedError
from portal.organisations.models import OrgKind
from tests.conftest import mail_text
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need

pytestmark = pytest.mark.usefixtures("app")

COMPLETE = {"title": "Færre fallulykker", "summary": "Eldre faller hjemme.", "problem_md": "**Mange** faller.",
            "cpv_main": "85000000-9", "cpv_additional": ["33000000"], "places": ["4601", "15"]}


def test_create_draft_stores_cpv_without_check_digit_and_places():
    user = make_user()
    org = make_org(members=[user])
    need = services.create_need(user, org, COMPLETE)
    assert need.status == NeedStatus.DRAFT and not need.is_public
    assert need.main_cpv == "85000000" and need.additional_cpvs == ["33000000"]
    assert [(p.county, p.municipality) for p in need.places] == [("46", "4601"), ("15", None)]
    assert need.changes == []


def test_supplier_cannot_create_need():
    user = make_user()
    org = make_org(kind=OrgKind.BEDRIFT, members=[user])
    with pytest.raises(NeedError):
        services.create_need(user, org, COMPLETE)


def test_invalid_cpv_and_place_are_refused():
    user = make_user()
    org = make_org(members=[user])
    with pytest.raises(NeedError) as err:
        services.create_need(user, org, {**COMPLETE, "cpv_main": "12345678"})
    assert err.value.field == "cpv_main"
    with pytest.raises(NeedError) as err:
        services.create_need(user, org, {**COMPLETE, "places": ["9999"]})
    assert err.value.field == "places"


def test_value_range_must_be_ordered():
    user = make_user()
    org = make_org(members=[user])
    with pytest.raises(NeedError) as err:
        services.create_need(user, org, {**COMPLETE, "value_min_nok": 500, "value_max_nok": 100})
    assert err.value.field == "value_max_nok"


def test_publish_requires_verified_buyer():
    user = make_user()
    org = make_org(verified=False, members=[user])
    need = services.create_need(user, org, COMPLETE)
    with pytest.raises(NeedError):
        services.publish_need(user, need)
    assert need.status == NeedStatus.DRAFT


def test_publish_requires_a_complete_need():
    user = make_user()
    org = make_org(members=[user])
    need = services.create_need(user, org, {"title": "Bare tittel"})
    with pytest.raises(NeedError) as err:
        services.publish_need(user, need)
    assert "problembeskrivelse" in err.value.message


def test_edits_are_recorded_only_after_publication():
    user = make_user()
    org = make_org(members=[user])
    need = services.create_need(user, org, COMPLETE)
    services.update_need(user, need, {"title": "Nytt navn i utkast"})
    assert need.changes == []
    services.publish_need(user, need)
    assert need.status == NeedStatus.PUBLISHED and need.published_dt is not None
    services.update_need(user, need, {"title": "Endelig navn", "summary": need.summary,
                                      "cpv_main": "85000000", "cpv_additional": [], "places": ["4601"]})
    db.session.commit()
    rows = db.session.scalars(db.select(NeedChange).order_by(NeedChange.field)).all()
    assert [(c.field, c.old, c.new) for c in rows] == [
        ("cpv", "85000000, 33000000", "85000000"),
        ("places", "4601, 15", "4601"),
        ("title", "Nytt navn i utkast", "Endelig navn"),
    ]


def test_saving_unchanged_fields_records_nothing():
    user = make_user()
    org = make_org(members=[user])
    need = make_need(org, value_min_nok=100)
    services.update_need(user, need, {"title": need.title, "value_min_nok": 100, "cpv_main": "60100000",
                                      "cpv_additional": [], "places": ["4601"], "effects": ""})
    assert need.changes == []


def test_lifecycle_requires_doffin_reference_and_cancel_reason():
    user = make_user()
    org = make_org(members=[user])
    need = make_need(org)
    services.change_status(user, need, NeedStatus.IN_DIALOGUE)
    with pytest.raises(NeedError) as err:
        services.change_status(user, need, NeedStatus.ANNOUNCED)
    assert err.value.field == "doffin_reference"
    services.change_status(user, need, NeedStatus.ANNOUNCED, doffin_reference="2024-100200")
    with pytest.raises(NeedError) as err:
        services.change_status(user, need, NeedStatus.CANCELLED, reason="  ")
    assert err.value.field == "reason"
    services.change_status(user, need, NeedStatus.CANCELLED, reason="Budsjettet ble kuttet")
    assert need.status == NeedStatus.CANCELLED and need.status_reason == "Budsjettet ble kuttet"
    assert {c.field for c in need.changes} >= {"status", "doffin_reference", "status_reason"}
    with pytest.raises(NeedError):
        services.update_need(user, need, {"title": "Etter avlysning"})


@pytest.mark.parametrize("start, target", [
    (NeedStatus.PUBLISHED, NeedStatus.AWARDED),
    (NeedStatus.DRAFT, NeedStatus.IN_DIALOGUE),
    (NeedStatus.CLOSED, NeedStatus.PUBLISHED),
])
def test_impossible_transitions_are_refused(start, target):
    org = make_org()
    need = make_need(org, status=start)
    with pytest.raises(NeedError):
        services.change_status(None, need, target, reason="x", doffin_reference="x")


def test_co_buyer_invitation_mail_and_confirmation(app, mailbox):
    from portal.notifications.services import send_pending

    owner, other_admin = make_user(), make_user(email="admin@nabo.no")
    org = make_org(members=[owner])
    neighbour = make_org(name="Nabokommune", admins=[other_admin], members=[make_user(email="member@nabo.no")])
    need = make_need(org)
    with app.test_request_context():  # mail templates use the request's context processors
        co_buyer = services.invite_co_buyer(owner, need, neighbour)
    db.session.commit()
    send_pending()
    invites = mailbox.to("admin@nabo.no")
    assert len(invites) == 1 and mailbox.to("member@nabo.no") == []
    assert f"/behov/medkjoper/{co_buyer.id}" in mail_text(invites[0])
    assert need.confirmed_co_buyers == []
    services.confirm_co_buyer(other_admin, co_buyer)
    assert need.confirmed_co_buyers == [co_buyer]
    assert any(c.field == "co_buyers" and c.new == "Nabokommune" for c in need.changes)


def test_unverified_org_cannot_be_co_buyer():
    org = make_org()
    need = make_need(org)
    with pytest.raises(NeedError):
        services.invite_co_buyer(None, need, make_org(verified=False))
    with pytest.raises(NeedError):
        services.invite_co_buyer(None, need, org)
