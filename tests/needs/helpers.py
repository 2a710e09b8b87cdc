"""Small factories for needs (flush, never commit)."""

from portal.db import utcnow
from portal.extensions import db
from portal.needs.models import Need, NeedCpv, NeedKind, NeedPlace, NeedStatus
from portal.reference import county_of


def make_need(org, title="Bedre skoleskyss", status=NeedStatus.PUBLISHED, cpv=("60100000",), places=("4601",),
              kind=NeedKind.NEED, **fields):
    need = Need(organisation=org, title=title, status=status, kind=kind, summary=fields.pop("summary", "Kort om behovet"),
                problem_md=fields.pop("problem_md", "Elevene venter for lenge."), **fields)
    need.cpvs = [NeedCpv(code=c, is_main=(i == 0)) for i, c in enumerate(cpv)]
    need.places = [NeedPlace(county=p, municipality=None) if len(p) == 2 else NeedPlace(county=county_of(p), municipality=p)
                   for p in places]
    if status != NeedStatus.DRAFT:
        need.published_dt = fields.get("published_dt") or utcnow()
    db.session.add(need)
    db.session.flush()
    return need
