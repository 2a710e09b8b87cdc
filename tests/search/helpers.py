"""Needs and supplier profiles created through the real services, for the search tests."""

from portal.extensions import db
from portal.needs import services as needs
from tests.factories import make_org, make_user
from tests.suppliers.factories import make_supplier


def buyer(name="Bergen kommune", municipality="4601"):
    user = make_user()
    return user, make_org(name=name, admins=[user], municipality=municipality)


def published_need(user, org, title, summary="Kort om behovet", problem="Vi trenger hjelp.", cpv="90910000",
                   places=("4601",), commit=True, **extra):
    data = {"title": title, "summary": summary, "problem_md": problem, "cpv_main": cpv,
            "places": list(places)} | extra
    need = needs.create_need(user, org, data)
    needs.publish_need(user, need)
    if commit:
        db.session.commit()
    return need


def supplier(name, text, cpv=("90910000",), municipalities=("4601",), nationwide=False, social=False,
             commit=True, **extra):
    profile = make_supplier(name=name, social=social, capability_md=text, cpv=list(cpv),
                            municipalities=list(municipalities), nationwide=nationwide, **extra)
    if commit:
        db.session.commit()
    return profile
