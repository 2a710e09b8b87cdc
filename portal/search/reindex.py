"""Rebuild the whole index from the database (`flask search reindex`).

Rows are read with Core selects in id-ordered chunks (no ORM objects: loading them was a third of
the build time) and handed to need_doc/supplier_doc as light objects with the same attributes.
"""

from collections import defaultdict
from datetime import date
from types import SimpleNamespace as NS

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.db import db
from portal.search import index as ix_mod
from portal.search.analysis import warm_up
from portal.search.documents import need_doc, supplier_doc
from portal.search.models import SearchIndexQueue

CHUNK = 2000
# Posting pool of each writer process, in Whoosh's estimate (~150 B per posting; the real size is ~1.6×).
# 2,048 keeps 100k documents (60k per process, ~120 postings each) in memory: ~1.7 GB RSS per process.
# A smaller pool spills sorted runs to disk and merges them back, pickle by pickle: at 256 that took
# 1.9 instead of 1.2 ms CPU per document. SEARCH_REINDEX_LIMIT_MB lowers it on small machines.
LIMIT_MB = 2048


def count_public(session) -> tuple[int, int]:
    """(public needs, visible supplier profiles) in the database."""
    from portal.needs.models import Need, NeedStatus
    from portal.suppliers.models import SupplierProfile
    from portal.suppliers.queries import listed

    needs = session.scalar(select(func.count()).select_from(Need).where(Need.status != NeedStatus.DRAFT))
    sups = session.scalar(select(func.count()).select_from(SupplierProfile).where(listed()))
    return needs or 0, sups or 0


def _grouped(session, stmt) -> dict:
    out = defaultdict(list)
    for row in session.execute(stmt):
        out[row[0]].append(row)
    return out


def _chunks(session, stmt, ident):
    """Rows of `stmt` in chunks of CHUNK, by ascending id."""
    last = 0
    while True:
        rows = session.execute(stmt.where(ident > last).order_by(ident).limit(CHUNK)).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


class _Cert(NS):
    def is_expired(self, today=None) -> bool:
        return self.valid_until is not None and self.valid_until < (today or date.today())


def iter_needs(session):
    from portal.needs.models import Need, NeedCpv, NeedPlace, NeedStatus
    from portal.organisations.models import Organisation

    cols = [c for c in Need.__table__.c if c.key not in {"created_by_id", "status_reason"}]
    stmt = (select(*cols, Organisation.name.label("org_name"), Organisation.municipality.label("org_muni"))
            .join(Organisation, Organisation.id == Need.organisation_id).where(Need.status != NeedStatus.DRAFT))
    for rows in _chunks(session, stmt, Need.id):
        lo, hi = rows[0].id, rows[-1].id
        cpvs = _grouped(session, select(NeedCpv.need_id, NeedCpv.code, NeedCpv.is_main)
                        .where(NeedCpv.need_id.between(lo, hi))
                        .order_by(NeedCpv.need_id, NeedCpv.is_main.desc(), NeedCpv.code))
        places = _grouped(session, select(NeedPlace.need_id, NeedPlace.county, NeedPlace.municipality)
                          .where(NeedPlace.need_id.between(lo, hi)).order_by(NeedPlace.need_id, NeedPlace.id))
        for r in rows:
            codes = cpvs.get(r.id, ())
            main = next((c.code for c in codes if c.is_main), None)
            need = NS(**r._mapping, organisation=NS(name=r.org_name, municipality=r.org_muni),
                      places=[NS(county=p.county, municipality=p.municipality) for p in places.get(r.id, ())],
                      cpv_codes=([main] if main else []) + [c.code for c in codes if not c.is_main])
            yield need_doc(need)


def iter_profiles(session):
    from portal.organisations.models import Organisation
    from portal.suppliers.models import (
        Certification,
        SupplierArea,
        SupplierCpv,
        SupplierProfile,
        SupplierReference,
    )
    from portal.suppliers.queries import listed

    P = SupplierProfile
    stmt = (select(P.id, P.capability_md, P.products_services, P.social_mission, P.size, P.is_nationwide,
                   P.is_social_enterprise, P.created_dt, P.updated_dt, Organisation.name, Organisation.kind,
                   Organisation.external_id)
            .join(Organisation, Organisation.id == P.organisation_id)
            .where(listed()))
    for rows in _chunks(session, stmt, P.id):
        lo, hi = rows[0].id, rows[-1].id
        cpvs = _grouped(session, select(SupplierCpv.profile_id, SupplierCpv.code)
                        .where(SupplierCpv.profile_id.between(lo, hi)).order_by(SupplierCpv.profile_id, SupplierCpv.code))
        areas = _grouped(session, select(SupplierArea.profile_id, SupplierArea.county, SupplierArea.municipality)
                         .where(SupplierArea.profile_id.between(lo, hi))
                         .order_by(SupplierArea.profile_id, SupplierArea.id))
        certs = _grouped(session, select(Certification.profile_id, Certification.name, Certification.valid_until)
                         .where(Certification.profile_id.between(lo, hi))
                         .order_by(Certification.profile_id, Certification.name))
        refs = _grouped(session, select(SupplierReference.profile_id, SupplierReference.title,
                                        SupplierReference.description)
                        .where(SupplierReference.profile_id.between(lo, hi))
                        .order_by(SupplierReference.profile_id, SupplierReference.id.desc()))
        for r in rows:
            where = areas.get(r.id, ())
            profile = NS(
                id=r.id, capability_md=r.capability_md, products_services=r.products_services,
                social_mission=r.social_mission, size=r.size, is_nationwide=r.is_nationwide,
                is_social_enterprise=r.is_social_enterprise, created_dt=r.created_dt, updated_dt=r.updated_dt,
                organisation=NS(name=r.name, kind=r.kind, external_id=r.external_id),
                cpv_codes=[c.code for c in cpvs.get(r.id, ())],
                areas=[NS(county=a.county, municipality=a.municipality) for a in where],
                county_numbers=[a.county for a in where if not a.municipality],
                municipality_numbers=[a.municipality for a in where if a.municipality],
                certifications=[_Cert(name=c.name, valid_until=c.valid_until) for c in certs.get(r.id, ())],
                references=[NS(title=x.title, description=x.description) for x in refs.get(r.id, ())])
            yield supplier_doc(profile)


def iter_docs(session):
    """Every public need and visible supplier profile as an index document."""
    yield from iter_needs(session)
    yield from iter_profiles(session)


def reindex(progress=None, procs: int = 1) -> int:
    """Replace the index with every public document; return the number indexed."""
    warm_up()  # before the writer forks its processes, so they share the warm caches
    with Session(db.engine) as session:
        max_queued = session.scalar(select(func.max(SearchIndexQueue.id))) or 0
        total = sum(count_public(session))
        ix = ix_mod.create_index()
        kwargs = {"limitmb": current_app.config.get("SEARCH_REINDEX_LIMIT_MB", LIMIT_MB)}
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
