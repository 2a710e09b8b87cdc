"""`flask backup` / `flask restore` round trip: rows, uploads and a rebuilt search index."""

import shutil
from pathlib import Path

from sqlalchemy import func, select

from portal.auth.models import User
from portal.extensions import db
from tests.factories import make_org, make_user
from tests.needs.helpers import make_need


def test_backup_restore_round_trip(app, runner, tmp_path):
    user = make_user(email="kari@example.no")
    make_org(name="Bergen kommune", admins=[user])
    db.session.commit()
    upload = Path(app.config["UPLOAD_DIR"]) / "abc123"
    upload.write_bytes(b"%PDF-1.4 test")
    created = user.created_dt

    archive = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert archive.exists()

    # Lose everything, then restore.
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    upload.unlink()

    result = runner.invoke(args=["restore", "--yes", str(archive)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    restored = db.session.scalar(select(User).where(User.email == "kari@example.no"))
    assert restored is not None and restored.created_dt == created
    assert restored.memberships[0].organisation.name == "Bergen kommune"
    assert upload.read_bytes() == b"%PDF-1.4 test"
    # New rows still get fresh ids after the restore (sequences moved on PostgreSQL).
    newcomer = make_user(email="ny@example.no")
    db.session.commit()
    assert newcomer.id > restored.id
    assert db.session.scalar(select(func.count(User.id))) == 2


def test_restore_asks_before_replacing(runner, tmp_path):
    archive = tmp_path / "b.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    result = runner.invoke(args=["restore", str(archive)], input="n\n")
    assert result.exit_code != 0 and "Aborted" in result.output


def _search_titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get(f"/api/v1/search?q={q}&type=need").json["results"]]


def test_restore_into_a_fresh_instance_rebuilds_the_search_index(app, client, runner, tmp_path):
    buyer = make_org(name="Bergen kommune", kind="kommune", verified=True)
    make_need(buyer, title="Snøbrøyting ved sykehjemmet", summary="Brøyting og strøing hver vinter")
    db.session.commit()
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert _search_titles(client, "snøbrøyting") == ["Snøbrøyting ved sykehjemmet"]
    archive = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0

    # A fresh instance: empty database, no search index at all.
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    Path(app.config["SEARCH_INDEX_DIR"]).mkdir()

    result = runner.invoke(args=["restore", "--yes", str(archive)])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt: 1 documents" in result.output
    assert _search_titles(client, "snøbrøyting") == ["Snøbrøyting ved sykehjemmet"]
