"""Benchmark helpers: an app on a temporary database, Doffin notices loaded as needs, judged suppliers."""

import json
import math
import random
import re
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert, select

from portal import create_app
from portal.db import utcnow
from portal.extensions import db
from portal.reference import county_of, municipalities, normalise_cpv

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
NOTICES = SHARED / "doffin_notices_2020.json"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def load_notices() -> list[dict]:
    path = NOTICES if NOTICES.exists() else Path(__file__).resolve().parents[2] / "portal/data/doffin_notices_2020.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [n for n in rows if normalise_cpv(n.get("cpv_main") or "")]


@contextmanager
def bench_app(tmp: Path, **config):
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "INSTANCE_DIR": str(tmp),
                      "SEARCH_INDEX_DIR": str(tmp / "index"), "UPLOAD_DIR": str(tmp / "uploads"),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}", "RATELIMIT_ENABLED": False,
                      "MAIL_BACKEND": "console", "SEARCH_INDEX_AFTER_COMMIT": False} | config)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


_MUNI_BY_NAME = None


def place_to_municipality(place: str | None) -> str | None:
    global _MUNI_BY_NAME
    if _MUNI_BY_NAME is None:
        _MUNI_BY_NAME = {name.lower(): num for num, (name, _) in municipalities().items()}
    return _MUNI_BY_NAME.get((place or "").strip().lower())


def insert_needs(rows: list[dict], rng: random.Random | None = None) -> list[int]:
    """Bulk-insert notices as published needs (with CPV codes and place); return their ids in order."""
    from portal.needs.models import Need, NeedCpv, NeedKind, NeedPlace, NeedStatus
    from portal.organisations.models import Organisation, OrgKind, OrgSide, VerificationStatus

    buyers = {}
    for n in rows:
        buyers.setdefault(n["buyer"] or "Ukjent oppdragsgiver", None)
    existing = {o.name: o.id for o in db.session.scalars(select(Organisation).where(Organisation.side == OrgSide.BUYER))}
    new = [b for b in buyers if b not in existing]
    if new:
        db.session.execute(insert(Organisation), [
            {"name": b, "kind": OrgKind.KOMMUNE, "side": OrgSide.BUYER, "verification": VerificationStatus.VERIFIED,
             "is_imported": True} for b in new])
        existing = {o.name: o.id for o in db.session.scalars(
            select(Organisation).where(Organisation.side == OrgSide.BUYER))}
    now = utcnow()
    first = (db.session.scalar(select(Need.id).order_by(Need.id.desc()).limit(1)) or 0) + 1
    needs, cpvs, places = [], [], []
    for i, n in enumerate(rows):
        nid = first + i
        needs.append({"id": nid, "organisation_id": existing[n["buyer"] or "Ukjent oppdragsgiver"],
                      "kind": NeedKind.PLANNED_PROCUREMENT, "status": NeedStatus.PUBLISHED,
                      "title": n["title"][:200], "summary": (n["description"] or "")[:600],
                      "problem_md": n["description"] or "", "is_imported": True, "published_dt": now})
        codes = [normalise_cpv(n["cpv_main"])] + [normalise_cpv(c) for c in n.get("cpv_additional") or []]
        seen = set()
        for j, code in enumerate(c for c in codes if c):
            if code not in seen:
                seen.add(code)
                cpvs.append({"need_id": nid, "code": code, "is_main": j == 0})
        muni = n.get("municipality") or place_to_municipality(n.get("place"))
        if muni:
            places.append({"need_id": nid, "county": county_of(muni), "municipality": muni})
    for chunk in range(0, len(needs), 5000):
        db.session.execute(insert(Need), needs[chunk:chunk + 5000])
    for chunk in range(0, len(cpvs), 20000):
        db.session.execute(insert(NeedCpv), cpvs[chunk:chunk + 20000])
    if places:
        db.session.execute(insert(NeedPlace), places)
    db.session.commit()
    return [first + i for i in range(len(rows))]


def insert_suppliers(rows) -> list[int]:
    """Bulk-insert (name, text, codes, areas) as public supplier profiles; return profile ids in order."""
    from portal.organisations.models import Organisation, OrgKind, OrgSide, VerificationStatus
    from portal.suppliers.models import SupplierArea, SupplierCpv, SupplierProfile

    first_org = (db.session.scalar(select(Organisation.id).order_by(Organisation.id.desc()).limit(1)) or 0) + 1
    first = (db.session.scalar(select(SupplierProfile.id).order_by(SupplierProfile.id.desc()).limit(1)) or 0) + 1
    orgs, profiles, cpvs, areas = [], [], [], []
    for i, (name, text, codes, where) in enumerate(rows):
        social = "Sosial entreprenør" in text
        orgs.append({"id": first_org + i, "name": name, "side": OrgSide.SUPPLIER, "is_imported": True,
                     "kind": OrgKind.SOSIAL_ENTREPRENOR if social else OrgKind.BEDRIFT,
                     "verification": VerificationStatus.VERIFIED})
        profiles.append({"id": first + i, "organisation_id": first_org + i, "capability_md": text,
                         "is_public": True, "is_nationwide": "*" in where, "is_social_enterprise": social})
        cpvs += [{"profile_id": first + i, "code": c, "division": c[:2]} for c in dict.fromkeys(codes)]
        for a in where:
            if a.startswith("fylke:"):
                areas.append({"profile_id": first + i, "county": a[6:], "municipality": None})
            elif a != "*":
                areas.append({"profile_id": first + i, "county": county_of(a), "municipality": a})
    for chunk in range(0, len(orgs), 5000):
        db.session.execute(insert(Organisation), orgs[chunk:chunk + 5000])
        db.session.execute(insert(SupplierProfile), profiles[chunk:chunk + 5000])
    for chunk in range(0, len(cpvs), 20000):
        db.session.execute(insert(SupplierCpv), cpvs[chunk:chunk + 20000])
    for chunk in range(0, len(areas), 20000):
        db.session.execute(insert(SupplierArea), areas[chunk:chunk + 20000])
    db.session.commit()
    return [first + i for i in range(len(rows))]


def ndcg(ranked: list, gains: dict, k: int = 10) -> float:
    dcg = sum(gains.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list, gains: dict, k: int = 20) -> float:
    rel = {d for d, g in gains.items() if g > 0}
    return len(rel & set(ranked[:k])) / len(rel) if rel else 0.0


def rr(ranked: list, relevant: set) -> float:
    return next((1 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t) * 1000


WORD_RE = re.compile(r"[^\W\d_]{4,}")


def typo(word: str, rng: random.Random) -> str:
    """One transposition or deletion inside the word (never the first letter)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def write_section(name: str, text: str) -> None:
    """Replace the block between <!-- name --> markers in docs/PERFORMANCE.md."""
    path = DOCS / "PERFORMANCE.md"
    content = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    if start in content and end in content:
        before, rest = content.split(start, 1)
        content = before + block + rest.split(end, 1)[1]
    else:
        content = content.rstrip() + "\n\n" + block + "\n"
    path.write_text(content, encoding="utf-8")


def synthesise(notices, n, rng):
    vocab = sorted({w.lower() for x in notices for w in WORD_RE.findall(x["title"])})
    munis = sorted(municipalities())
    out = []
    for i in range(n):
        base = notices[i % len(notices)]
        extra = " ".join(rng.choice(vocab) for _ in range(3))
        out.append(base | {"title": f"{base['title']} {extra}"[:200], "municipality": rng.choice(munis),
                           "description": f"{base['description']} {extra}"})
    return out


def supplier_rows(notices, n, rng):
    munis = sorted(municipalities())
    rows = []
    for i in range(n):
        base = notices[(i * 7) % len(notices)]
        codes = [base["cpv_main"]] + list(base.get("cpv_additional") or [])[:3]
        where = ["*"] if rng.random() < 0.1 else [rng.choice(munis) for _ in range(rng.randint(1, 4))]
        rows.append((f"Leverandør {i} {base['buyer'] or ''}"[:190],
                     f"Vi leverer {base['title']}. {base['description'][:600]}", [c[:8] for c in codes], where))
    return rows
