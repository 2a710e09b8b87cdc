"""Norwegian labels (translatable) for the need enums, shared by forms, pages, API and feed."""

from flask_babel import lazy_gettext as _l

from portal.needs.models import NeedKind, NeedStatus, Procedure, Threshold

STATUS_LABELS = {
    NeedStatus.DRAFT: _l("Utkast"),
    NeedStatus.PUBLISHED: _l("Publisert"),
    NeedStatus.IN_DIALOGUE: _l("I dialog"),
    NeedStatus.ANNOUNCED: _l("Kunngjort"),
    NeedStatus.AWARDED: _l("Tildelt"),
    NeedStatus.CLOSED: _l("Avsluttet"),
    NeedStatus.CANCELLED: _l("Avlyst"),
}
KIND_LABELS = {
    NeedKind.NEED: _l("Behov"),
    NeedKind.PLANNED_PROCUREMENT: _l("Planlagt anskaffelse"),
}
PROCEDURE_LABELS = {
    Procedure.OPEN: _l("Åpen anbudskonkurranse"),
    Procedure.RESTRICTED: _l("Begrenset anbudskonkurranse"),
    Procedure.COMPETITIVE_DIALOGUE: _l("Konkurransepreget dialog"),
    Procedure.NEGOTIATED: _l("Konkurranse med forhandling"),
    Procedure.INNOVATION_PARTNERSHIP: _l("Innovasjonspartnerskap"),
    Procedure.PRE_COMMERCIAL: _l("Førkommersiell anskaffelse"),
    Procedure.SMALL_PURCHASE: _l("Direkteanskaffelse / småinnkjøp"),
}
THRESHOLD_LABELS = {
    Threshold.BELOW: _l("Under nasjonal terskelverdi"),
    Threshold.NATIONAL: _l("Over nasjonal terskelverdi"),
    Threshold.EEA: _l("Over EØS-terskelverdi"),
}
# Published fields whose changes go into the public change history, with their labels.
FIELD_LABELS = {
    "kind": _l("Type"),
    "title": _l("Tittel"),
    "summary": _l("Kort oppsummering"),
    "problem_md": _l("Problembeskrivelse"),
    "effects": _l("Ønskede effekter"),
    "affected": _l("Hvem berøres"),
    "success_criteria": _l("Suksesskriterier"),
    "cpv": _l("CPV-koder"),
    "places": _l("Leveringssted"),
    "value_min_nok": _l("Estimert verdi fra (NOK)"),
    "value_max_nok": _l("Estimert verdi til (NOK)"),
    "threshold": _l("Terskelverdi"),
    "dialogue_start": _l("Dialogperiode fra"),
    "dialogue_end": _l("Dialogperiode til"),
    "planned_notice_date": _l("Planlagt kunngjøring"),
    "planned_contract_start": _l("Planlagt kontraktsstart"),
    "procedure": _l("Planlagt prosedyre"),
    "is_innovation": _l("Innovasjon"),
    "lots_planned": _l("Planlagte delkontrakter"),
    "lots_notes": _l("Om delkontraktene"),
    "env_weight_pct": _l("Vekt på miljø (%)"),
    "eco_labels": _l("Ønskede miljømerker"),
    "circular_notes": _l("Sirkulær økonomi"),
    "wants_apprentices": _l("Krav om lærlinger"),
    "is_reserved_social": _l("Reservert for sosiale entreprenører / arbeidsinkludering"),
    "social_notes": _l("Sosiale krav"),
    "contact_name": _l("Kontaktperson"),
    "contact_email": _l("E-post til kontaktperson"),
    "contact_phone": _l("Telefon til kontaktperson"),
    "deadline": _l("Tilbudsfrist"),
    "doffin_reference": _l("Doffin-referanse"),
    "status": _l("Status"),
    "status_reason": _l("Begrunnelse"),
    "attachments": _l("Vedlegg"),
    "co_buyers": _l("Medkjøpere"),
}


def place_label(code: str | None) -> str:
    """'4601' → 'Bergen', '46' → 'Vestland (hele fylket)'."""
    from flask_babel import gettext as _

    from portal.reference import counties, municipality_name

    if not code:
        return ""
    if len(code) == 2:
        return _("%(county)s (hele fylket)", county=counties().get(code, code))
    return municipality_name(code) or code


def change_value(field: str, raw: str | None) -> str:
    """A value from the change history, shown in the reader's language."""
    from flask_babel import format_decimal
    from flask_babel import gettext as _

    from portal.i18n import oslo_date
    from portal.needs.models import NeedKind, NeedStatus, Procedure, Threshold

    if raw is None or raw == "":
        return "–"
    enums = {"status": (NeedStatus, STATUS_LABELS), "kind": (NeedKind, KIND_LABELS),
             "procedure": (Procedure, PROCEDURE_LABELS), "threshold": (Threshold, THRESHOLD_LABELS)}
    if field in enums:
        cls, labels = enums[field]
        try:
            return str(labels[cls(raw)])
        except ValueError:
            return raw
    if raw in ("true", "false"):
        return _("Ja") if raw == "true" else _("Nei")
    if field in ("value_min_nok", "value_max_nok") and raw.isdigit():
        return format_decimal(int(raw))
    if field in ("dialogue_start", "dialogue_end", "planned_notice_date", "planned_contract_start", "deadline"):
        from datetime import date

        try:
            return oslo_date(date.fromisoformat(raw))
        except ValueError:
            return raw
    if field == "places":
        return ", ".join(place_label(c.strip()) for c in raw.split(","))
    return raw
