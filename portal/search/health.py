"""Search-index health for /healthz: the index compared with the database."""

from flask import current_app
from sqlalchemy.orm import Session
from whoosh import index
from whoosh.query import Term

from portal.db import db
from portal.search.index import SCHEMA_VERSION, built_version


def is_locked(path: str | None = None) -> bool:
    """Whether a writer holds the index lock now (a normal write takes well under a second)."""
    path = path or current_app.config["SEARCH_INDEX_DIR"]
    try:
        lock = index.open_dir(path).lock("WRITELOCK")
    except Exception:
        return False
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True


def index_status() -> dict:
    """ok, or degraded with a message: missing/corrupt/locked index, counts that differ, a stuck queue."""
    from portal.search.queue import failed_count, pending_count
    from portal.search.reindex import count_public

    path = current_app.config["SEARCH_INDEX_DIR"]
    out: dict = {"status": "ok"}
    try:
        with Session(db.engine) as session:
            needs, suppliers = count_public(session)
        out["database"] = {"needs": needs, "suppliers": suppliers}
        out["pending"] = pending_count()
    except Exception as exc:  # the database part is reported by /healthz itself
        return {"status": "degraded", "detail": f"database: {type(exc).__name__}"}
    try:
        if not index.exists_in(path):
            out.update(status="degraded", detail="index missing: run `flask search reindex`")
            return out
        ix = index.open_dir(path)
        with ix.searcher() as s:
            out["index"] = {"needs": _count(s, "need"), "suppliers": _count(s, "supplier"),
                            "documents": s.doc_count()}
    except Exception as exc:  # a broken index must degrade, not fail the probe
        out.update(status="degraded", detail=f"index unreadable ({type(exc).__name__}): run `flask search reindex`")
        return out
    problems = []
    if (built := built_version(path)) != SCHEMA_VERSION:
        problems.append(f"index built by an older version of the portal (schema {built or '< 4'}, "
                        f"now {SCHEMA_VERSION}): run `flask search reindex`")
    if out["index"]["needs"] != needs or out["index"]["suppliers"] != suppliers:
        problems.append("index and database differ")
    failed = failed_count()
    if failed:
        problems.append(f"{failed} index updates failed and wait for a retry (`flask search process-queue`)")
    if is_locked(path):
        problems.append("index is locked by a writer")
    if problems:
        out.update(status="degraded", detail="; ".join(problems))
    return out


def _count(searcher, doc_type: str) -> int:
    return len(searcher.search(Term("type", doc_type), limit=None, scored=False, terms=False))
