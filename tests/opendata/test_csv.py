"""CSV exports: same filters as the pages, permissions, BOM, formula injection."""

import csv
import io

from portal.extensions import db
from portal.needs.models import NeedKind, NeedStatus
from portal.opendata.csvutil import csv_text, safe_cell
from portal.organisations.models import OrgKind
from portal.suppliers.models import SizeClass, SupplierProfile
from tests.factories import make_org, make_user
from tests.opendata.data import make_need


def _rows(resp):
    raw = resp.get_data()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_safe_cell_escapes_formulas_but_not_numbers():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [safe_cell(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "ok")] == ["'+1", "'-1", "'@SUM(A1)", "'\tx", "ok"]
    assert safe_cell(-5) == "-5"
    assert safe_cell(None) == ""
    assert csv_text(["a"], [["æ;ø"]]) == '\ufeffa\r\n"æ;ø"\r\n'


def test_needs_csv_uses_list_filters_and_hides_drafts(client, app):
    oslo = make_org(name="Oslo kommune", municipality="0301")
    make_need(oslo, title="=cmd|' /C calc'!A0", cpvs=("90910000",), places=("03",))
    make_need(oslo, title="Veibygging", cpvs=("45000000",), places=("03",), kind=NeedKind.PLANNED_PROCUREMENT,
              value_min_nok=100, value_max_nok=200)
    make_need(oslo, title="Hemmelig utkast", status=NeedStatus.DRAFT)
    db.session.commit()
    resp = client.get("/behov/eksport.csv")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = _rows(resp)
    assert rows[0][:4] == ["ID", "Tittel", "Type", "Status"]
    titles = {r[1] for r in rows[1:]}
    assert titles == {"'=cmd|' /C calc'!A0", "Veibygging"}
    filtered = _rows(client.get("/behov/eksport.csv?cpv=45&kind=planned_procurement"))
    assert [r[1] for r in filtered[1:]] == ["Veibygging"]
    assert filtered[1][2] == "Planlagt anskaffelse"
    assert filtered[1][10:12] == ["100", "200"]
    # Unknown filter values are ignored as on the list page, never a 500.
    assert client.get("/behov/eksport.csv?county=99&value_min=abc").status_code == 200


def _profile(org, public=True, social=False, size=SizeClass.SMALL, email="kontakt@firma.no"):
    p = SupplierProfile(organisation=org, is_public=public, is_social_enterprise=social, size=size,
                        contact_email=email, contact_name="@Ola")
    db.session.add(p)
    db.session.flush()
    return p


def test_suppliers_csv_respects_visibility_and_filters(client, app, login):
    _profile(make_org(name="Åpen AS", kind=OrgKind.BEDRIFT))
    _profile(make_org(name="Skjult AS", kind=OrgKind.BEDRIFT), public=False)
    _profile(make_org(name="Sosial SA", kind=OrgKind.SOSIAL_ENTREPRENOR), social=True)
    buyer_user = make_user()
    buyer = make_org(kind=OrgKind.KOMMUNE, members=[buyer_user])
    db.session.commit()
    rows = _rows(client.get("/leverandorer/eksport.csv"))
    assert [r[0] for r in rows[1:]] == ["Sosial SA", "Åpen AS"] or [r[0] for r in rows[1:]] == ["Åpen AS", "Sosial SA"]
    assert rows[1][10] == "'@Ola"
    assert [r[0] for r in _rows(client.get("/leverandorer/eksport.csv?social_enterprise=true"))[1:]] == ["Sosial SA"]
    login(client, buyer_user, buyer)
    names = {r[0] for r in _rows(client.get("/leverandorer/eksport.csv"))[1:]}
    assert names == {"Åpen AS", "Skjult AS", "Sosial SA"}
