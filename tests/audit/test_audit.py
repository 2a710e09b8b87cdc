"""Changes to organisations and memberships are logged with who/when/old→new and cannot be edited."""

import json

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from tests.factories import make_org, make_user

pytestmark = pytest.mark.usefixtures("app")


def _entries(table):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)).all()


def test_create_update_delete_are_logged_with_old_and_new_values():
    org = make_org(name="Gamle navn kommune")
    db.session.commit()
    org.name = "Nytt navn kommune"
    db.session.commit()
    entries = _entries("organisations")
    assert [e.action for e in entries] == ["create", "update"]
    assert json.loads(entries[1].changes)["name"] == ["Gamle navn kommune", "Nytt navn kommune"]
    assert entries[1].organisation_id == org.id


def test_membership_changes_are_logged_for_the_organisation():
    admin = make_user()
    org = make_org(admins=[admin])
    db.session.commit()
    entry = _entries("memberships")[-1]
    assert entry.action == "create" and entry.organisation_id == org.id


def test_audit_entries_cannot_be_edited():
    make_org()
    db.session.commit()
    entry = _entries("organisations")[0]
    entry.changes = "{}"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()


def test_org_admin_sees_own_log_but_not_others(client, login):
    admin = make_user()
    other = make_user()
    org = make_org(name="Loggkommune", admins=[admin])
    other_org = make_org(admins=[other])
    db.session.commit()
    login(client, admin)
    page = client.get(f"/revisjonslogg/organisasjon/{org.id}")
    assert page.status_code == 200 and "Loggkommune" in page.get_data(as_text=True)
    assert client.get(f"/revisjonslogg/organisasjon/{other_org.id}").status_code == 403
    assert client.get("/revisjonslogg/").status_code == 403


def test_platform_admin_sees_full_log_and_anonymous_is_sent_to_login(client, login):
    root = make_user(admin=True)
    make_org(name="Hvilkensomhelst kommune")
    db.session.commit()
    assert client.get("/revisjonslogg/").status_code in (302, 401)
    login(client, root)
    assert "Hvilkensomhelst kommune" in client.get("/revisjonslogg/").get_data(as_text=True)
