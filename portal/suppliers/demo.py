"""Demo suppliers for `make run`, loaded from portal/data/demo_suppliers.jsonl through the import code."""

from datetime import date
from pathlib import Path

from portal.extensions import db
from portal.importing import read_jsonl, run_import
from portal.suppliers import services
from portal.suppliers.importer import import_supplier

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo_suppliers.jsonl"


def _demo_profile() -> None:
    """Fill the profile of the demo supplier organisation that has a login."""
    try:
        from portal.organisations.demo import supplier_org
    except ImportError:
        return
    org = supplier_org()
    if org is None:
        return
    profile = services.get_or_create_profile(org)
    services.update_profile(None, profile, {
        "capability_md": (
            "Demo Leverandør AS er en **sosial entreprenør** i Bergen. Vi driver renhold, enkel "
            "vedlikeholdsservice og kantinedrift for offentlige virksomheter.\n\n"
            "- 35 ansatte, hvorav 20 i arbeidstrening\n- Egne arbeidsledere med fagbrev\n"
            "- Leverer i hele Vestland"
        ),
        "products_services": "Daglig renhold\nVaktmestertjenester\nKantine og møtemat",
        "cpv": ["90910000", "50700000", "55520000"],
        "nationwide": False, "counties": ["46"], "municipalities": [],
        "size": "small", "is_social_enterprise": True,
        "social_mission": "Vi gir folk som står utenfor arbeidslivet en vei inn i fast jobb.",
        "target_groups": ["arbeidsinkludering", "unge"], "is_reserved_eligible": True,
        "languages": ["nb", "en", "pl"], "website": "https://www.demo-leverandor.no",
        "contact_name": "Lars Leverandør", "contact_email": "leverandor@demo-leverandor.no",
        "contact_phone": "55 00 00 00", "is_public": True,
        "certifications": {"miljofyrtarn": date(2027, 6, 30), "svanemerket": date(2024, 1, 31)},
    })
    if not profile.references:
        services.add_reference(None, profile, {
            "title": "Renhold av tre barnehager", "customer": "Bergen kommune", "is_public_buyer": True,
            "year": 2023, "description": "Daglig renhold og hovedrengjøring, 2 200 m².",
        })


def load() -> None:
    """Import the demo suppliers (idempotent) and complete the demo supplier's own profile."""
    report = run_import(read_jsonl(DEMO_FILE), import_supplier, "demo suppliers")
    report.echo()
    _demo_profile()
    db.session.flush()
