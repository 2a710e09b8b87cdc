"""Rows for the CSV exports: the public needs list and the supplier directory."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from portal.extensions import db
from portal.needs import queries as need_queries
from portal.needs.labels import KIND_LABELS, PROCEDURE_LABELS, STATUS_LABELS
from portal.organisations.models import Organisation
from portal.reference import counties, cpv_label, municipality_name
from portal.suppliers import queries as supplier_queries
from portal.suppliers.choices import SIZE_LABELS

MAX_ROWS = 50_000

NEED_HEADER = [
    _l("ID"), _l("Tittel"), _l("Type"), _l("Status"), _l("Oppdragsgiver"), _l("Organisasjonsnummer"),
    _l("Hoved-CPV"), _l("CPV-beskrivelse"), _l("Andre CPV-koder"), _l("Leveringssted"),
    _l("Estimert verdi fra (NOK)"), _l("Estimert verdi til (NOK)"), _l("Planlagt prosedyre"),
    _l("Planlagt kunngjøring"), _l("Innovasjon"), _l("Publisert"), _l("Kort oppsummering"), _l("Lenke"),
]


def _place(p) -> str:
    return municipality_name(p.municipality) if p.municipality else counties().get(p.county, p.county)


def need_rows(args):
    """Public needs matching the list page's filters (invalid filter values are ignored, as there)."""
    filters = need_queries.parse_filters(args)
    base = current_app.config["BASE_URL"]
    stmt = need_queries.public_needs(filters).limit(MAX_ROWS)
    for need in db.session.scalars(stmt):
        main = need.main_cpv
        yield [
            need.id, need.title, KIND_LABELS.get(need.kind, need.kind), STATUS_LABELS.get(need.status, need.status),
            need.organisation.name, need.organisation.orgnr, main, cpv_label(main) if main else "",
            ", ".join(need.additional_cpvs), ", ".join(_place(p) for p in need.places),
            need.value_min_nok, need.value_max_nok,
            PROCEDURE_LABELS.get(need.procedure, "") if need.procedure else "",
            need.planned_notice_date, bool(need.is_innovation),
            need.published_dt.date() if need.published_dt else None, need.summary, f"{base}/behov/{need.id}",
        ]


SUPPLIER_HEADER = [
    _l("Leverandør"), _l("Organisasjonsnummer"), _l("Størrelse"), _l("Sosial entreprenør"),
    _l("Hele landet"), _l("Kommune"), _l("Områder"), _l("CPV-koder"), _l("Sertifiseringer"),
    _l("Nettsted"), _l("Kontaktperson"), _l("E-post"), _l("Telefon"), _l("Synlig i katalogen"), _l("Lenke"),
]


def _area(a) -> str:
    return municipality_name(a.municipality) if a.municipality else counties().get(a.county, a.county)


def supplier_rows(args, include_hidden: bool):
    """The directory as the viewer sees it (hidden profiles only for those who may see them)."""
    filters, _errors = supplier_queries.parse_filters(args)
    base = current_app.config["BASE_URL"]
    stmt = supplier_queries.with_children(
        supplier_queries.directory_select(filters, include_hidden)
        .order_by(func.lower(Organisation.name), supplier_queries.SupplierProfile.id).limit(MAX_ROWS))
    for p in db.session.scalars(stmt):
        org = p.organisation
        yield [
            org.name, org.orgnr, SIZE_LABELS.get(p.size.value, "") if p.size else "", p.is_social_enterprise,
            p.is_nationwide, municipality_name(org.municipality), ", ".join(_area(a) for a in p.areas),
            ", ".join(p.cpv_codes), ", ".join(c.name for c in p.certifications),
            p.website or org.website, p.contact_name, p.contact_email, p.contact_phone, p.is_public,
            f"{base}/leverandorer/{p.id}",
        ]
