"""Factories for supplier profiles, needs (rows created directly) and inputs."""

from portal.db import utcnow
from portal.extensions import db
from portal.organisations.models import OrgKind
from portal.suppliers import services
from tests.factories import make_org, make_user


def make_supplier(name=None, members=(), admins=(), verified=True, social=False, **profile_data):
    """A supplier organisation with a profile; `profile_data` goes to services.update_profile."""
    kind = OrgKind.SOSIAL_ENTREPRENOR if social else OrgKind.BEDRIFT
    org = make_org(name=name, kind=kind, verified=verified, members=members, admins=admins, municipality="4601")
    profile = services.get_or_create_profile(org)
    data = {"is_public": True, "is_social_enterprise": social} | profile_data
    services.update_profile(None, profile, data)
    return profile


def make_need(org, status="published", title="Renhold av rådhuset"):
    from portal.needs.models import Need, NeedStatus

    need = Need(organisation=org, title=title, status=NeedStatus(status), summary="Kort om behovet",
                published_dt=None if status == "draft" else utcnow())
    db.session.add(need)
    db.session.flush()
    return need


def make_input(need, supplier_org, author, text="Et innspill", confidential=False, published=False):
    from portal.suppliers.models import NeedInput

    inp = NeedInput(need=need, organisation=supplier_org, author_id=author.id, text=text,
                    is_confidential=confidential, is_published=published)
    db.session.add(inp)
    db.session.flush()
    return inp


def world():
    """A verified buyer owning a need in dialogue, two supplier organisations, outsiders."""
    w = type("World", (), {})()
    w.buyer_user = make_user(name="Berit Innkjøper")
    w.buyer = make_org(name="Bergen kommune", admins=[w.buyer_user])
    w.other_buyer_user = make_user(name="Ola Annen")
    w.other_buyer = make_org(name="Oslo kommune", admins=[w.other_buyer_user])
    w.author = make_user(name="Anne Forfatter")
    w.colleague = make_user(name="Kari Kollega")
    w.supplier = make_supplier(name="Fjord Renhold AS", admins=[w.author], members=[w.colleague]).organisation
    w.rival_user = make_user(name="Rolf Rival")
    w.rival = make_supplier(name="Rival Renhold AS", admins=[w.rival_user]).organisation
    w.need = make_need(w.buyer, status="in_dialogue")
    return w
