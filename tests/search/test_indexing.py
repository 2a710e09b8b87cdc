"""The index follows the database after commit, through the real services; never the private parts."""

import shutil
import threading

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.needs import services as needs
from portal.search.backend import get_backend
from portal.search.models import SearchIndexQueue
from portal.suppliers import services as suppliers
from tests.factories import make_user
from tests.search.helpers import buyer, published_need, supplier
from tests.suppliers.factories import make_input


def found(q, doc_type="need"):
    return [h.pk for h in get_backend().search(q, doc_type, {}).hits]


def test_publish_makes_a_need_searchable_and_drafts_stay_out(app):
    user, org = buyer()
    draft = needs.create_need(user, org, {"title": "Hemmelig snøbrøyting", "summary": "Utkast",
                                          "problem_md": "Ikke publisert", "cpv_main": "90620000"})
    db.session.commit()
    assert found("snøbrøyting") == []
    needs.publish_need(user, draft)
    db.session.commit()
    assert found("snøbrøyting") == [draft.id]
    assert db.session.scalar(select(func.count()).select_from(SearchIndexQueue)) == 0


def test_edit_and_cancel_update_the_index(app):
    user, org = buyer()
    need = published_need(user, org, "Sirkusklovner til bydelsfesten")
    needs.update_need(user, need, {"title": "Tryllekunstner til bydelsfesten"})
    db.session.commit()
    assert found("tryllekunstner") == [need.id] and found("sirkusklovner") == []
    # A cancelled need stays findable (public history) with its status as a facet.
    needs.cancel_need(user, need, "Budsjettet ble kuttet")
    db.session.commit()
    res = get_backend().search("tryllekunstner", "need", {"status": ["cancelled"]})
    assert [h.pk for h in res.hits] == [need.id]


def test_deleted_draft_and_hidden_profile_leave_the_index(app):
    profile = supplier("Skjult Renhold AS", "Vi gjør renhold.")
    assert found("renhold", "supplier") == [profile.id]
    data = {"is_public": False, "capability_md": "Vi gjør renhold.", "cpv": ["90910000"]}
    suppliers.update_profile(None, profile, data)
    db.session.commit()
    assert found("renhold", "supplier") == []
    suppliers.update_profile(None, profile, data | {"is_public": True})
    db.session.commit()
    assert found("renhold", "supplier") == [profile.id]


def test_organisation_rename_reaches_the_supplier_document(app):
    profile = supplier("Gammelt Navn AS", "Vi leverer kaffe.")
    profile.organisation.name = "Nytt Navn AS"
    db.session.commit()
    hits = get_backend().search("kaffe", "supplier", {}).hits
    assert hits[0].title == "Nytt Navn AS"


def test_confidential_input_is_never_indexed(app, client):
    user, org = buyer()
    need = published_need(user, org, "Kantinedrift")
    profile = supplier("Kokk AS", "Mat og kantine.")
    author = make_user()
    make_input(need, profile.organisation, author, text="Vår hemmelige pris er zebrakrone", confidential=True)
    make_input(need, profile.organisation, author, text="Åpent innspill om zebrakrone", published=True)
    db.session.commit()
    assert found("zebrakrone") == [] and found("zebrakrone", "supplier") == []
    assert "zebrakrone" not in client.get("/sok?q=zebrakrone").text.split('id="results-heading"', 1)[1]


def test_concurrent_writers_lose_nothing(app):
    user, org = buyer()
    ids = [published_need(user, org, f"Konkurrent behov nummer{i} ovnsrens").id for i in range(3)]
    errors = []

    def worker(i):
        try:
            with app.app_context():
                from portal.needs.models import Need

                need = db.session.get(Need, ids[i % 3])
                needs.update_need(user, need, {"summary": f"Oppdatering fra tråd nummer{i} ovnsrens"})
                db.session.commit()
                db.session.remove()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    from portal.search.queue import process_queue

    process_queue()  # what the next request would do if a write had waited too long
    assert sorted(found("ovnsrens")) == sorted(ids)
    assert db.session.scalar(select(func.count()).select_from(SearchIndexQueue)) == 0


@pytest.mark.config(SEARCH_WRITE_TIMEOUT=0.2)
def test_locked_index_keeps_the_update_queued_and_never_fails_the_user(app, client):
    from portal.search.index import open_index
    from portal.search.queue import process_queue

    user, org = buyer()
    published_need(user, org, "Første behov om asfalt")
    ix = open_index()
    lock = ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        need = published_need(user, org, "Andre behov om asfalt")  # commit succeeds
        assert db.session.scalar(select(func.count()).select_from(SearchIndexQueue)) == 1
        health = client.get("/healthz").json
        assert health["status"] == "degraded" and "locked" in health["search"]["detail"]
    finally:
        lock.release()
    process_queue()
    assert need.id in found("asfalt")
    assert client.get("/healthz").json["status"] == "ok"


def test_deleted_index_shows_a_message_and_reindex_repairs_it(app, client, runner):
    from portal.search.index import reset_searcher

    user, org = buyer()
    need = published_need(user, org, "Levering av skolemat")
    supplier("Matleverandøren AS", "Skolemat og catering.")
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    reset_searcher()
    page = client.get("/sok?q=skolemat")
    assert page.status_code == 200 and "Søket er midlertidig utilgjengelig" in page.text
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["status"] == "degraded"
    assert "missing" in health.json["search"]["detail"]
    assert client.get("/api/v1/search?q=skolemat").status_code == 503
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indekserte 2 dokumenter" in result.output
    assert found("skolemat") == [need.id]
    health = client.get("/healthz").json
    assert health["status"] == "ok"
    assert health["search"]["index"] == {"needs": 1, "suppliers": 1, "documents": 2}


def test_index_from_an_older_version_is_reported_and_rebuilt_only_when_outdated(app, client, runner):
    from pathlib import Path

    from portal.search.index import VERSION_FILE

    user, org = buyer()
    need = published_need(user, org, "Levering av skolemat")
    assert client.get("/healthz").json["search"]["status"] == "ok"
    result = runner.invoke(args=["search", "reindex", "--if-outdated"])
    assert result.exit_code == 0 and "er oppdatert" in result.output  # nothing to do
    Path(app.config["SEARCH_INDEX_DIR"], VERSION_FILE).unlink()  # as an index built before version 4
    health = client.get("/healthz").json
    assert health["status"] == "degraded" and "older version" in health["search"]["detail"]
    result = runner.invoke(args=["search", "reindex", "--if-outdated"])
    assert result.exit_code == 0 and "Indekserte 1 dokumenter" in result.output, result.output
    assert found("skolemat") == [need.id]
    assert client.get("/healthz").json["status"] == "ok"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # Whoosh leaks the bad file
def test_corrupt_index_degrades(app, client):
    from pathlib import Path

    from portal.search.index import reset_searcher

    user, org = buyer()
    published_need(user, org, "Noe å finne")
    for toc in Path(app.config["SEARCH_INDEX_DIR"]).glob("*.toc"):
        toc.write_bytes(b"garbage")
    reset_searcher()
    assert client.get("/healthz").json["status"] == "degraded"
    assert "Søket er midlertidig utilgjengelig" in client.get("/sok?q=noe").text


def test_process_queue_command_reports(runner, app):
    result = runner.invoke(args=["search", "process-queue"])
    assert result.exit_code == 0 and "venter" in result.output


def test_savepoints_wait_for_the_outer_commit(app, monkeypatch):
    import portal.search.queue as queue

    calls = []
    real = queue.process_queue
    monkeypatch.setattr(queue, "process_queue", lambda *a, **k: calls.append(1) or real(*a, **k))
    user, org = buyer()
    with db.session.begin_nested():  # as `flask import` does per row
        needs.create_need(user, org, {"title": "Importert bryggerenovering", "summary": "x", "problem_md": "y",
                                      "cpv_main": "45000000"})
    assert calls == []
    db.session.commit()
    assert calls == [1]


def test_reindex_reads_the_same_documents_as_the_update_path(app):
    from datetime import date, timedelta

    from sqlalchemy.orm import Session

    from portal.search.documents import NEED, SUPPLIER, build
    from portal.search.reindex import iter_docs
    from portal.suppliers.models import Certification, SupplierReference

    user, org = buyer()
    published_need(user, org, "Renholdstjenester for **skoler**", problem="- rådhuset\n- &amp; biblioteket",
                   places=("4601", "0301"), cpv_additional=["90911200", "90919200"])
    published_need(user, org, "Ladestasjoner", places=())
    needs.create_need(user, org, {"title": "Utkast", "summary": "x", "problem_md": "y", "cpv_main": "90620000"})
    profile = supplier("Vask AS", "Vi vasker *alt*.\n\nOgså vinduer.", cpv=("90911200", "90910000"),
                       municipalities=("4601", "5001"), social=True)
    db.session.add_all([Certification(profile_id=profile.id, name="ISO 14001"),
                        Certification(profile_id=profile.id, name="Svanemerket",
                                      valid_until=date.today() - timedelta(days=1)),
                        SupplierReference(profile_id=profile.id, title="Skolevask", description="Tre skoler"),
                        SupplierReference(profile_id=profile.id, title="Kontorvask", description="")])
    supplier("Skjult AS", "Ikke synlig", is_public=False)
    db.session.commit()
    with Session(db.engine) as session:
        fast = list(iter_docs(session))
        from portal.needs.models import Need
        from portal.suppliers.models import SupplierProfile

        need_ids = session.scalars(select(Need.id)).all()
        profile_ids = session.scalars(select(SupplierProfile.id)).all()
        orm = build(session, NEED, need_ids)[0] + build(session, SUPPLIER, profile_ids)[0]
    assert len(fast) == 3
    assert sorted(fast, key=lambda d: d["key"]) == sorted(orm, key=lambda d: d["key"])


def test_a_summary_repeating_the_description_is_indexed_and_shown_once(app):
    user, org = buyer()
    description = "Kommunen trenger  renhold av\nskoler og barnehager, med miljømerkede produkter. " * 3
    need = published_need(user, org, "Renhold av skoler", summary=description[:60].strip() + "…",
                          problem=description)
    hit = get_backend().search("miljømerkede", "need", {}, "relevance", 1, 10).hits[0]
    assert hit.pk == need.id
    assert hit.fields["body"].count("Kommunen trenger") == 3  # the description's own three, no summary copy
    other = published_need(user, org, "Renhold av barnehager", summary="Kort om behovet.", problem=description)
    hits = {h.pk: h for h in get_backend().search("miljømerkede", "need", {}, "relevance", 1, 10).hits}
    assert hits[other.id].fields["body"].startswith("Kort om behovet.")
