"""The organisation-claims migration turns takeovers made under the old rule into requests to join."""

from flask_migrate import upgrade
from sqlalchemy import text

from portal import create_app
from portal.extensions import db
from tests.test_migrations import empty_database_url  # noqa: F401  (fixture)

BEFORE = "ea4046249ea8"
NOW = "2026-12-01 10:00:00+00:00"


def _org(conn, org_id: int, side: str, verification: str, imported: bool) -> None:
    conn.execute(text(
        "INSERT INTO organisations (id, name, orgnr, kind, side, verification, is_imported, created_dt) "
        "VALUES (:id, :name, :orgnr, :kind, :side, :verification, :imported, :now)"),
        {"id": org_id, "name": f"Org {org_id}", "orgnr": f"99000000{org_id}", "side": side,
         "kind": "kommune" if side == "buyer" else "bedrift", "verification": verification,
         "imported": imported, "now": NOW})


def test_old_claims_become_requests_and_rejected_orgs_lose_access(empty_database_url, tmp_path):  # noqa: F811
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_DIR": str(tmp_path),
                      "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            for uid in (1, 2, 3, 4):
                conn.execute(text("INSERT INTO users (id, name, locale, is_platform_admin, created_dt, session_token,"
                                  " failed_logins) VALUES (:id, 'U', 'nb', false, :now, :tok, 0)"),
                             {"id": uid, "now": NOW, "tok": f"tok{uid}"})
            _org(conn, 1, "buyer", "pending", True)      # imported buyer taken over by typing its orgnr
            _org(conn, 2, "supplier", "pending", True)   # imported supplier the old rule set back to pending
            _org(conn, 3, "buyer", "rejected", False)    # rejected, its admin still a member with a key
            _org(conn, 4, "buyer", "pending", False)     # registered by its own people: waits for verification
            for mid, uid, oid in ((1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 4, 4)):
                conn.execute(text("INSERT INTO memberships (id, user_id, organisation_id, role, created_dt) "
                                  "VALUES (:id, :u, :o, 'admin', :now)"), {"id": mid, "u": uid, "o": oid, "now": NOW})
            # Keys and invitations of the rejected organisation, of a taken-over one (they would work
            # again once it is verified) and of an organisation waiting for verification (kept).
            for n, oid in enumerate((3, 1, 4)):
                conn.execute(text("INSERT INTO api_keys (organisation_id, name, key_hash, prefix, created_dt) "
                                  "VALUES (:o, 'k', :h, 'mp_x', :now)"), {"o": oid, "h": str(n) * 64, "now": NOW})
                conn.execute(text("INSERT INTO invitations (organisation_id, email, token_hash, created_dt) "
                                  "VALUES (:o, 'x@example.no', :h, :now)"), {"o": oid, "h": str(n) * 64, "now": NOW})
        upgrade()
        with db.engine.connect() as conn:
            claims = conn.execute(text("SELECT user_id, organisation_id, status FROM organisation_claims "
                                       "ORDER BY user_id")).all()
            members = conn.execute(text("SELECT user_id, organisation_id FROM memberships")).all()
            verification = dict(conn.execute(text("SELECT id, verification FROM organisations")).all())
            key_revoked = {o: r is not None for o, r in conn.execute(
                text("SELECT organisation_id, revoked_dt FROM api_keys"))}
            inv_revoked = {o: r is not None for o, r in conn.execute(
                text("SELECT organisation_id, revoked_dt FROM invitations"))}
        assert [tuple(c) for c in claims] == [(1, 1, "pending"), (2, 2, "pending")]
        assert [tuple(m) for m in members] == [(4, 4)]
        assert verification == {1: "pending", 2: "verified", 3: "rejected", 4: "pending"}
        assert key_revoked == inv_revoked == {3: True, 1: True, 4: False}
        db.engine.dispose()
