"""Demo data for `make run`: the 2020 Doffin notices as published planned procurements."""

from datetime import date, timedelta
from pathlib import Path

import click
from flask_babel import force_locale

from portal.importing import run_import
from portal.needs.importer import import_doffin_notice, read_doffin

PROJECT = Path(__file__).resolve().parents[2]
CANDIDATES = [
    PROJECT.parent / "shared" / "data" / "doffin_notices_2020.json",
    PROJECT / "portal" / "data" / "doffin_notices_2020.json",
]


def load() -> None:
    """Demo needs for Demo kommune, then the Doffin notices (../shared when present, else portal/data)."""
    with force_locale("nb"):
        _demo_buyer_needs()
    _load_doffin()


def _load_doffin() -> None:
    path = next((p for p in CANDIDATES if p.exists()), None)
    if path is None:
        click.echo("no Doffin notices found: no demo needs loaded")
        return
    with force_locale("nb"):
        report = run_import(read_doffin(path), import_doffin_notice, "demo needs")
    report.echo()


def _demo_buyer_needs() -> None:
    """A published need with every part filled in, and a draft, for the demo buyer (if any)."""
    from portal.needs import services

    try:
        from portal.organisations.demo import buyer_org
    except ImportError:
        return
    org = buyer_org()
    if org is None:
        return
    need = services.create_need(None, org, {
        "kind": "need", "title": "Færre fallulykker blant hjemmeboende eldre",
        "summary": "Vi vil redusere fallulykker hos eldre som bor hjemme, og ser etter nye løsninger.",
        "problem_md": "Hvert år faller **over 300** hjemmeboende eldre i kommunen.\n\n"
                      "- mange blir liggende lenge før de får hjelp\n- bruddskader gir lange sykehusopphold",
        "effects": "Færre fall, raskere hjelp, tryggere hverdag.", "affected": "Eldre, pårørende, hjemmetjenesten.",
        "success_criteria": "30 % færre fallulykker innen to år.", "cpv_main": "85000000",
        "cpv_additional": ["33196000"], "places": ["0301"], "value_min_nok": 800_000, "value_max_nok": 2_000_000,
        "threshold": "national", "procedure": "innovation_partnership", "is_innovation": True, "lots_planned": 2,
        "env_weight_pct": 30, "wants_apprentices": True, "contact_name": "Ingrid Innkjøper",
        "contact_email": "innkjoper@demo-kommune.no",
    })
    services.publish_need(None, need)
    services.update_need(None, need, {"planned_notice_date": date.today() + timedelta(days=90)})
    services.create_need(None, org, {"title": "Utkast: digitale skolebøker", "summary": "Bare et utkast."})
