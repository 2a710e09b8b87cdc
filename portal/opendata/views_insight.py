"""Innsikt: the public dashboard (/innsikt) and one per buyer organisation."""

from datetime import date, timedelta

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _

from portal.extensions import db
from portal.opendata import charts, insight
from portal.opendata.forms import InsightFilterForm
from portal.organisations.models import Organisation
from portal.reference import counties, cpv_divisions


def _period(form: InsightFilterForm) -> insight.Period:
    today = date.today()
    valid = not form.errors
    end = form.til.data if valid and form.til.data else today
    start = form.fra.data if valid and form.fra.data else end - timedelta(days=364)
    start = max(start, end - timedelta(days=366 * 10))  # ten years at most: bounded chart work
    return insight.Period(start, end)


def _charts(result: insight.Insight) -> dict:
    months = [m for m, *_ in result.by_month]
    share = [round(100 * d / p, 1) if p else 0 for _m, _n, p, d in result.by_month]
    divisions = cpv_divisions()
    return {
        "published": charts.columns(months, [
            ("chart-bar-a", _("Behov"), [n for _m, n, _p, _d in result.by_month]),
            ("chart-bar-b", _("Planlagte anskaffelser"), [p for _m, _n, p, _d in result.by_month]),
        ]),
        "dialogue": charts.columns(months, [("chart-bar-b", _("Andel med markedsdialog"), share)], percent=True,
                                   target=result.target_pct, target_label=_("Mål: %(pct)s %%", pct=result.target_pct)),
        "suppliers": charts.rows([(_("SMB"), result.pct(result.sme) or 0),
                                  (_("Sosiale entreprenører"), result.pct(result.social) or 0),
                                  (_("Lokale (samme fylke som oppdragsgiver)"), result.pct(result.local) or 0)],
                                 percent=True),
        "divisions": charts.rows([(f"{d} {divisions.get(d, '')}", n) for d, n in result.top_divisions]),
        "share": share,
    }


def _render(org: Organisation | None):
    form = InsightFilterForm(request.args)
    form.validate()
    period = _period(form)
    county = form.fylke.data if form.fylke.data in counties() and not form.fylke.errors else None
    target = int(current_app.config.get("INSIGHT_DIALOGUE_TARGET_PCT", insight.DEFAULT_TARGET_PCT))
    result = insight.compute(period, county, org.id if org else None, target_pct=target)
    status = 400 if form.errors else 200
    return render_template("opendata/insight.html", form=form, org=org, period=period, result=result,
                           charts=_charts(result), county_name=counties().get(county or ""),
                           divisions=cpv_divisions()), status


def index():
    return _render(None)


def organisation(org_id: int):
    org = db.session.get(Organisation, org_id)
    if org is None or not org.is_buyer:
        abort(404)
    return _render(org)


def register(bp) -> None:
    bp.add_url_rule("/innsikt", view_func=index)
    bp.add_url_rule("/innsikt/organisasjon/<int:org_id>", view_func=organisation)
