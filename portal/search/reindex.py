"""Rebuild the whole index from the database (`flask search reindex`)."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.db import db
from portal.search import index as ix_mod
from portal.search.documents import (
    load_needs,
    load_profiles,
    need_doc,
    need_is_indexable,
    supplier_doc,
    supplier_is_indexable,
)
from portal.search.models import SearchIndexQueue

CHUNK = 1000


def count_public(session) -> tuple[int, int]:
    """(public needs, visible supplier profiles) in the database."""
    from portal.needs.models import Need, NeedStatus
    from portal.organisations.models import Organisation, OrgSide
    from portal.suppliers.models import SupplierProfile

    needs = session.scalar(select(func.count()).select_from(Need).where(Need.status != NeedStatus.DRAFT))
    sups = session.scalar(select(func.count()).select_from(SupplierProfile)
                          .join(Organisation, Organisation.id == SupplierProfile.organisation_id)
                          .where(SupplierProfile.is_public.is_(True), Organisation.side == OrgSide.SUPPLIER))
    return needs or 0, sups or 0


def _chunks(session, model, loader, ident):
    last = 0
    while True:
        ids = session.scalars(select(ident).where(ident > last).order_by(ident).limit(CHUNK)).all()
        if not ids:
            return
        yield from loader(session, ids)
        session.expunge_all()
        last = ids[-1]


def iter_docs(session):
    from portal.needs.models import Need
    from portal.suppliers.models import SupplierProfile

    for need in _chunks(session, Need, load_needs, Need.id):
        if need_is_indexable(need):
            yield need_doc(need)
    for profile in _chunks(session, SupplierProfile, load_profiles, SupplierProfile.id):
        if supplier_is_indexable(profile):
            yield supplier_doc(profile)


def reindex(progress=None, procs: int = 1) -> int:
    """Replace the index with every public document; return the number indexed."""
    with Session(db.engine) as session:
        max_queued = session.scalar(select(func.max(SearchIndexQueue.id))) or 0
        total = sum(count_public(session))
        ix = ix_mod.create_index()
        kwargs = {"limitmb": 256}
        if procs > 1:
            kwargs.update(procs=procs, multisegment=True)
        w = ix.writer(**kwargs)
        n = 0
        bar = progress(total=total, unit="dok") if progress else None
        try:
            for doc in iter_docs(session):
                w.add_document(**doc)
                n += 1
                if bar:
                    bar.update(1)
        except BaseException:
            w.cancel()
            raise
        finally:
            if bar:
                bar.close()
        w.commit()
        session.execute(SearchIndexQueue.__table__.delete().where(SearchIndexQueue.id <= max_queued))
        session.commit()
    ix_mod.reset_searcher()
    return n
