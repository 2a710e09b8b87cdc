"""Index documents built from needs and supplier profiles: public content only."""

import re
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.reference import county_of, cpv_label
from portal.search.analysis import terms
from portal.text import plain_text as _rendered_text

# Text that Markdown renders as plain paragraphs: no inline or block syntax, entities or odd whitespace.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#~|=\x00-\x09\x0b-\x1f\x7f-\x9f]|[^\S \n]")
_BLOCK = re.compile(r"^ {0,3}(?:[-+]|\d{1,9}[.)])|^ {4}", re.M)


def plain_text(markdown: str | None) -> str:
    """portal.text.plain_text, faster: plain paragraphs (most imported texts) skip the Markdown renderer,
    their rendering is their lines, stripped of spaces, without the blank ones (tested against the renderer).
    """
    text = markdown or ""
    if _MARKUP.search(text) or _BLOCK.search(text):
        return _rendered_text(text)
    return "\n".join(line for line in (x.strip(" ") for x in text.split("\n")) if line).strip()


NEED, SUPPLIER = "need", "supplier"
NO_DATE = 2**62  # sorts last when "planned date" ascends
TOP_TERMS = 40


def key(doc_type: str, obj_id: int) -> str:
    return f"{doc_type}:{obj_id}"


CPV_LEVELS = (2, 3, 8)  # the levels queries use: division and group (cpv_boost_query), the code (matching)


def cpv_prefixes(codes) -> set[str]:
    """Every code with its division and group: 45, 452, 45210000 (class and category are not searched)."""
    return {code[:n] for code in codes for n in CPV_LEVELS}


def cpv_text(codes) -> str:
    return " ".join(f"{cpv_label(c)} {cpv_label(c, 'en')}" for c in codes[:4])


def _ts(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp())


def top_terms(title: str, body: str, cpvtext: str = "") -> list[str]:
    counts = Counter(t for t in terms(body[:800]) if len(t) > 2)
    for t in terms(title):
        counts[t] += 3
    return [t for t, _ in counts.most_common(TOP_TERMS)]


def _join(*parts) -> str:
    """The non-empty parts, one per line, leaving out a part another one already contains (an imported
    summary is the start of the description: indexed twice it would double its weight and its snippet)."""
    texts = [p.strip() for p in parts if p and p.strip()]
    flat = [" ".join(t.split()) for t in texts]
    cores = [f.rstrip("….").rstrip() for f in flat]
    return "\n".join(t for i, t in enumerate(texts)
                     if not any(j != i and len(flat[j]) > len(flat[i]) and cores[i] in flat[j] for j in range(len(texts))))


def need_is_indexable(need) -> bool:
    return need is not None and need.is_public


def need_doc(need) -> dict:
    codes = need.cpv_codes
    counties = {p.county for p in need.places}
    munis = {p.municipality for p in need.places if p.municipality}
    if not need.places and need.organisation.municipality:
        munis = {need.organisation.municipality}
        counties = {county_of(need.organisation.municipality) or ""} - {""}
    body = _join(need.summary, plain_text(need.problem_md), need.effects, need.affected,
                 need.success_criteria, need.lots_notes, need.circular_notes, need.eco_labels,
                 need.social_notes, need.organisation.name)
    ctext = cpv_text(codes)
    return {
        "key": key(NEED, need.id), "type": NEED, "pk": need.id, "external_id": need.external_id,
        "title": need.title, "body": body, "text": f"{need.title}\n{body}\n{ctext}",
        "spell": f"{need.title}\n{body[:600]}",
        "cpv": ",".join(sorted(cpv_prefixes(codes))), "division": ",".join(sorted({c[:2] for c in codes})),
        "kind": need.kind.value, "status": need.status.value,
        "county": ",".join(sorted(counties)), "municipality": ",".join(sorted(munis)),
        "nationwide": "", "size": "", "social": "1" if need.is_reserved_social else "", "cert": "",
        "terms": top_terms(need.title, body, ctext), "org": need.organisation.name,
        "areas": {"counties": sorted({p.county for p in need.places if not p.municipality}),
                  "municipalities": sorted(munis)},
        "published": _ts(need.published_dt or need.created_dt),
        "planned": _ts(need.planned_notice_date) or NO_DATE,
    }


def supplier_is_indexable(profile) -> bool:
    """The directory's rule for everyone: hidden profiles and rejected organisations never reach the index."""
    from portal.suppliers.permissions import is_listed

    return profile is not None and is_listed(profile)


def supplier_doc(profile) -> dict:
    org = profile.organisation
    codes = profile.cpv_codes
    refs = [_join(r.title, r.description) for r in profile.references]
    body = _join(plain_text(profile.capability_md), profile.products_services, profile.social_mission, *refs)
    ctext = cpv_text(codes)
    today = date.today()
    certs = [c.name for c in profile.certifications if not c.is_expired(today)]
    return {
        "key": key(SUPPLIER, profile.id), "type": SUPPLIER, "pk": profile.id, "external_id": org.external_id,
        "title": org.name, "body": body, "text": f"{org.name}\n{body}\n{ctext}",
        "spell": f"{org.name}\n{body[:600]}",
        "cpv": ",".join(sorted(cpv_prefixes(codes))), "division": ",".join(sorted({c[:2] for c in codes})),
        "kind": org.kind.value, "status": "",
        "county": ",".join(sorted({a.county for a in profile.areas})),
        "municipality": ",".join(sorted({a.municipality for a in profile.areas if a.municipality})),
        "nationwide": "1" if profile.is_nationwide else "", "size": profile.size.value if profile.size else "",
        "social": "1" if profile.is_social_enterprise else "", "cert": ",".join(sorted(certs)),
        "terms": top_terms(org.name, body, ctext), "org": org.name,
        "areas": {"counties": sorted(profile.county_numbers), "municipalities": sorted(profile.municipality_numbers)},
        "published": _ts(profile.updated_dt or profile.created_dt), "planned": NO_DATE,
    }


def load_needs(session, ids):
    from portal.needs.models import Need

    return session.scalars(select(Need).where(Need.id.in_(ids)).options(
        selectinload(Need.cpvs), selectinload(Need.places), selectinload(Need.organisation)))


def load_profiles(session, ids):
    from portal.suppliers.models import SupplierProfile

    return session.scalars(select(SupplierProfile).where(SupplierProfile.id.in_(ids)).options(
        selectinload(SupplierProfile.cpvs), selectinload(SupplierProfile.areas),
        selectinload(SupplierProfile.certifications), selectinload(SupplierProfile.references),
        selectinload(SupplierProfile.organisation)))


def build(session, doc_type: str, ids) -> tuple[list[dict], list[str]]:
    """(documents to write, keys to delete) for these objects' current database state."""
    ids = set(ids)
    docs, seen = [], set()
    if doc_type == NEED:
        for need in load_needs(session, ids):
            seen.add(need.id)
            if need_is_indexable(need):
                docs.append(need_doc(need))
    else:
        for profile in load_profiles(session, ids):
            seen.add(profile.id)
            if supplier_is_indexable(profile):
                docs.append(supplier_doc(profile))
    indexed = {d["pk"] for d in docs}
    return docs, [key(doc_type, i) for i in ids if i not in indexed]
