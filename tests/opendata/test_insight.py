"""Innsikt figures on a small hand-made data set (exact numbers), and the pages."""

from datetime import UTC, date, datetime, timedelta

import pytest

from portal.dialogue.models import Booking, MeetingSlot, Registration, RegistrationStatus
from portal.extensions import db
from portal.needs.models import NeedKind, NeedStatus
from portal.opendata.insight import Period, compute
from portal.organisations.models import OrgKind
from portal.suppliers.models import Interest, NeedInput, SizeClass, SupplierProfile
from tests.factories import make_org
from tests.opendata.data import announce, dt, make_event, make_need

PERIOD = Period(date(2025, 1, 1), date(2025, 6, 30))


def _supplier(name, municipality, size, social=False, kind=OrgKind.BEDRIFT):
    org = make_org(name=name, kind=kind, municipality=municipality)
    db.session.add(SupplierProfile(organisation=org, size=size, is_social_enterprise=social))
    return org


@pytest.fixture
def world(app):
    a = make_org(name="Oslo kommune", municipality="0301")
    b = make_org(name="Bergen kommune", municipality="4601")
    n1 = make_need(a, title="N1", cpvs=("90910000",), places=("03",), published=dt(2025, 2, 10))
    n2 = make_need(a, title="N2", kind=NeedKind.PLANNED_PROCUREMENT, cpvs=("90911200",), published=dt(2025, 3, 1))
    n3 = make_need(a, title="N3", kind=NeedKind.PLANNED_PROCUREMENT, cpvs=("45000000",), published=dt(2025, 3, 15))
    n4 = make_need(b, title="N4", kind=NeedKind.PLANNED_PROCUREMENT, cpvs=("45000000",), places=("46",),
                   published=dt(2025, 4, 1))
    # 22:00 UTC on 31 December is still 2024 in Oslo: outside the period.
    n5 = make_need(b, title="N5", cpvs=("72000000",), published=datetime(2024, 12, 31, 22, 0, tzinfo=UTC))
    make_need(a, title="Utkast", status=NeedStatus.DRAFT, kind=NeedKind.PLANNED_PROCUREMENT)
    announce(n2, dt(2025, 3, 21))   # 20 days
    announce(n3, dt(2025, 4, 24))   # 40 days
    announce(n4, dt(2025, 4, 11))   # 10 days
    e2 = make_event(n2, starts=dt(2025, 3, 10))
    e4 = make_event(n4, status="cancelled", starts=dt(2025, 4, 5))
    s1 = _supplier("S1", "0301", SizeClass.SMALL)
    s2 = _supplier("S2", "4601", SizeClass.LARGE, kind=OrgKind.SOSIAL_ENTREPRENOR)
    s3 = _supplier("S3", "4601", SizeClass.MEDIUM, social=True)
    s4 = _supplier("S4", "0301", SizeClass.MICRO)
    s5 = _supplier("S5", "0301", SizeClass.MICRO)
    db.session.add_all([
        Interest(need=n1, organisation=s1),
        Registration(event=e2, organisation=s1, status=RegistrationStatus.CONFIRMED, active=True),
        NeedInput(need=n3, organisation=s2, text="Innspill"),
        Interest(need=n5, organisation=s4),
    ])
    cancelled = Registration(event=e2, organisation=s5, status=RegistrationStatus.CONFIRMED)
    db.session.add(cancelled)
    db.session.flush()
    cancelled.status, cancelled.active = RegistrationStatus.CANCELLED, None  # as cancel_registration does
    slot = MeetingSlot(event=e4, starts_dt=dt(2025, 4, 5, 10), ends_dt=dt(2025, 4, 5, 11))
    db.session.add(slot)
    db.session.flush()
    db.session.add(Booking(slot=slot, event=e4, organisation=s3, active=True))
    db.session.commit()
    return {"a": a, "b": b, "needs": (n1, n2, n3, n4, n5)}


def test_figures_for_the_whole_country(world):
    r = compute(PERIOD)
    assert (r.needs, r.planned) == (1, 3)
    assert (r.planned_with_dialogue, r.dialogue_share) == (1, 33.3)
    assert r.target_pct == 30
    assert (r.suppliers, r.sme, r.social, r.local) == (3, 2, 2, 2)
    assert (r.announced, r.median_days) == (3, 20)
    assert r.top_divisions == [("45", 2), ("90", 2)]
    months = {m: rest for m, *rest in r.by_month}
    assert list(months) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert months["2025-02"] == [1, 0, 0] and months["2025-03"] == [0, 2, 1] and months["2025-04"] == [0, 1, 0]


def test_figures_for_a_county_and_for_one_buyer(world):
    r = compute(PERIOD, county="46")
    assert (r.needs, r.planned, r.planned_with_dialogue, r.dialogue_share) == (0, 1, 0, 0.0)
    assert (r.suppliers, r.sme, r.social, r.local) == (1, 1, 1, 1)
    r = compute(PERIOD, county="03")  # N2 has no places: it counts in its buyer's county
    assert (r.needs, r.planned, r.planned_with_dialogue) == (1, 2, 1)
    assert (r.suppliers, r.local, r.median_days) == (2, 1, 30)
    r = compute(PERIOD, org_id=world["b"].id)
    assert (r.needs, r.planned, r.suppliers, r.median_days) == (0, 1, 1, 10)
    wider = compute(Period(date(2024, 12, 1), date(2025, 6, 30)), org_id=world["b"].id)
    assert (wider.needs, wider.suppliers, wider.top_divisions) == (1, 2, [("45", 1), ("72", 1)])


def test_empty_period_has_no_shares(world):
    r = compute(Period(date(2030, 1, 1), date(2030, 1, 31)))
    assert (r.needs, r.planned, r.dialogue_share, r.median_days, r.suppliers) == (0, 0, None, None, 0)


def test_public_page_shows_figures_charts_and_tables(client, world):
    resp = client.get("/innsikt?fra=2025-01-01&til=2025-06-30")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'id="k-planned">3<' in html
    assert 'id="k-dialogue">33,3 %<' in html
    assert 'id="k-median">20<' in html
    assert 'id="k-suppliers">3<' in html
    assert html.count('role="img"') == 4
    assert "<desc id=" in html and "Mål: 30 %" in html
    assert "style=" not in html
    assert "<caption>" in html


def test_county_filter_and_bad_input(client, world):
    html = client.get("/innsikt?fra=2025-01-01&til=2025-06-30&fylke=46").get_data(as_text=True)
    assert 'id="k-planned">1<' in html and "Vestland" in html
    resp = client.get("/innsikt?fra=2025-13-01&til=x&fylke=99")
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Skriv datoen som åååå-mm-dd" in html and "Velg et fylke fra listen." in html
    resp = client.get("/innsikt?fra=2025-06-01&til=2025-01-01")
    assert "Til-datoen må være etter fra-datoen." in resp.get_data(as_text=True)


@pytest.mark.config(INSIGHT_DIALOGUE_TARGET_PCT=50)
def test_organisation_page_and_404s(client, world):
    resp = client.get(f"/innsikt/organisasjon/{world['b'].id}?fra=2025-01-01&til=2025-06-30")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "Innsikt for Bergen kommune" in html and 'id="k-planned">1<' in html and "Mål: 50 %" in html
    supplier = make_org(kind=OrgKind.BEDRIFT)
    db.session.commit()
    for org_id in (supplier.id, 999999, 2**40):
        assert client.get(f"/innsikt/organisasjon/{org_id}").status_code == 404


def test_default_period_is_the_last_year(client, world, app):
    recent = make_need(world["a"], title="Nytt", published=datetime.now(UTC) - timedelta(days=3))
    db.session.commit()
    html = client.get("/innsikt").get_data(as_text=True)
    assert recent.id and 'id="k-needs">1<' in html
