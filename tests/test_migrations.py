"""The committed migrations build the schema the models describe (SQLite and PostgreSQL)."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db
from tests.conftest import PG_URL


@pytest.fixture
def empty_database_url(tmp_path):
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    name = f"portal_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_match_models_and_downgrade(empty_database_url, tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_DIR": str(tmp_path),
                      "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
            diff = compare_metadata(ctx, db.metadata)
        assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def _insert(conn, table: str, **values) -> None:
    """Insert a row at an older revision, giving every other NOT NULL column a value of its type."""
    from datetime import UTC, datetime

    from sqlalchemy import Boolean, DateTime, Integer, MetaData, Numeric, Table

    t = Table(table, MetaData(), autoload_with=conn)
    for col in t.columns:
        if col.name in values or col.nullable or col.primary_key or col.server_default is not None:
            continue
        kind = col.type
        values[col.name] = (False if isinstance(kind, Boolean) else datetime.now(UTC)
                            if isinstance(kind, DateTime) else 0 if isinstance(kind, Integer | Numeric) else "x")
    conn.execute(t.insert().values(**values))


def test_rows_survive_every_migration(empty_database_url, tmp_path):
    """A migration that rebuilds a table (SQLite batch mode) must not cascade-delete the rows referring to it."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "INSTANCE_DIR": str(tmp_path),
                      "TESTING": True})
    with app.app_context():
        upgrade(revision="ea4046249ea8")  # the last revision before this round's table rebuilds
        with db.engine.begin() as conn:
            _insert(conn, "users", id=1, name="Kari", email="kari@example.no", locale="nb", session_token="t")
            _insert(conn, "organisations", id=1, name="Bergen kommune", kind="kommune", side="buyer",
                    verification="verified", is_imported=False)
            _insert(conn, "memberships", id=1, user_id=1, organisation_id=1, role="admin")
            _insert(conn, "needs", id=1, organisation_id=1, kind="need", status="published", title="Skyss")
            _insert(conn, "need_cpvs", need_id=1, code="60100000", is_main=True)
        upgrade()
        with db.engine.connect() as conn:
            counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()  # noqa: S608 - fixed names
                      for t in ("users", "organisations", "memberships", "needs", "need_cpvs")}
        assert counts == dict.fromkeys(counts, 1)
        db.engine.dispose()
