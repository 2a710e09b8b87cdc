"""Search-index health for /healthz."""

from flask import current_app
from whoosh import index


def index_status() -> dict:
    """Whether the index exists and opens; later: compared with the database."""
    path = current_app.config["SEARCH_INDEX_DIR"]
    try:
        if not index.exists_in(path):
            return {"status": "missing", "detail": "run `flask search reindex`"}
        ix = index.open_dir(path)
        with ix.searcher() as s:
            docs = s.doc_count()
        return {"status": "ok", "documents": docs}
    except Exception as exc:  # a broken index must degrade, not fail the probe
        return {"status": "error", "detail": type(exc).__name__}
