"""Every state change of a need: verb_noun(actor, obj, data); flushes, never commits."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.services import export_section, export_time, external_url
from portal.db import db, utcnow
from portal.needs.models import (
    Need,
    NeedAttachment,
    NeedChange,
    NeedCoBuyer,
    NeedCpv,
    NeedKind,
    NeedPlace,
    NeedStatus,
    Procedure,
    Threshold,
)
from portal.notifications.services import queue_mail
from portal.organisations.models import MemberRole, Membership, Organisation
from portal.reference import counties, county_of, municipalities, normalise_cpv
from portal.uploads import delete_stored, store_document

# Plain columns a buyer edits; each change after publication goes into the change history.
SCALAR_FIELDS = (
    "kind", "title", "summary", "problem_md", "effects", "affected", "success_criteria",
    "value_min_nok", "value_max_nok", "threshold", "dialogue_start", "dialogue_end",
    "planned_notice_date", "planned_contract_start", "procedure", "is_innovation",
    "lots_planned", "lots_notes", "env_weight_pct", "eco_labels", "circular_notes",
    "wants_apprentices", "is_reserved_social", "social_notes", "contact_name", "contact_email",
    "contact_phone", "deadline",
)
ENUMS = {"kind": NeedKind, "threshold": Threshold, "procedure": Procedure}
NEXT_STATUSES = {
    NeedStatus.PUBLISHED: {NeedStatus.IN_DIALOGUE, NeedStatus.ANNOUNCED, NeedStatus.CLOSED, NeedStatus.CANCELLED},
    NeedStatus.IN_DIALOGUE: {NeedStatus.ANNOUNCED, NeedStatus.CLOSED, NeedStatus.CANCELLED},
    NeedStatus.ANNOUNCED: {NeedStatus.AWARDED, NeedStatus.CLOSED, NeedStatus.CANCELLED},
}


class NeedError(ValueError):
    """A change that cannot be made; `field` names the form field the message belongs to."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self._message = message  # may be lazy: translated when shown
        self.field = field

    @property
    def message(self) -> str:
        return str(self._message)

    def __str__(self) -> str:
        return self.message


class _Joined:
    """Lazy ", ".join of lazy strings (translated only when the message is shown)."""

    def __init__(self, items):
        self.items = items

    def __str__(self) -> str:
        return ", ".join(str(i) for i in self.items)


def changed(need: Need) -> None:
    """Called after every change to a need (the search domain hooks indexing in here)."""


def _text(value) -> str | None:
    """A value as stored in the change history (raw: enum values, ISO dates, true/false)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value.value if hasattr(value, "value") else value)


def _record(actor, need: Need, field: str, old, new) -> None:
    if need.is_public:
        # One time for every field of one service call (rows not yet flushed): one change, one OCDS release.
        when = next((c.changed_dt for c in need.changes if c.id is None), None) or utcnow()
        need.changes.append(NeedChange(field=field, old=_text(old), new=_text(new),
                                       user_id=getattr(actor, "id", None), changed_dt=when))


def _clean(field: str, value):
    if field in ENUMS:
        return ENUMS[field](value) if value else None
    if isinstance(value, str):
        value = value.strip()
        if field in ("title", "contact_name"):
            value = " ".join(value.split())
    if field in ("is_innovation", "wants_apprentices", "is_reserved_social"):
        return bool(value)
    return value


def _check(need: Need) -> None:
    if not (need.title or "").strip():
        raise NeedError(_l("Skriv en tittel."), "title")
    if need.value_min_nok is not None and need.value_max_nok is not None and need.value_min_nok > need.value_max_nok:
        raise NeedError(_l("«Fra»-beløpet kan ikke være større enn «til»-beløpet."), "value_max_nok")
    if need.dialogue_start and need.dialogue_end and need.dialogue_start > need.dialogue_end:
        raise NeedError(_l("Dialogperioden må slutte etter at den starter."), "dialogue_end")
    if need.env_weight_pct is not None and not 0 <= need.env_weight_pct <= 100:
        raise NeedError(_l("Vekten må være mellom 0 og 100 prosent."), "env_weight_pct")


def _cpv_list(main: str | None, additional) -> list[str]:
    codes = []
    for raw in ([main] if main else []) + list(additional or []):
        code = normalise_cpv(raw)
        if code is None:
            raise NeedError(_l("«%(code)s» er ikke en CPV-kode.", code=raw), "cpv_main" if raw == main else "cpv_additional")
        if code not in codes:
            codes.append(code)
    return codes


def _set_cpvs(actor, need: Need, main: str | None, additional) -> None:
    codes = _cpv_list(main, additional)
    main_code = codes[0] if codes and main else None
    rest = sorted(c for c in codes if c != main_code)
    if main_code == need.main_cpv and rest == sorted(need.additional_cpvs):
        return
    old = ", ".join(need.cpv_codes)
    # Reuse rows by code so the unique (need_id, code) never sees a delete-after-insert.
    existing = {c.code: c for c in need.cpvs}
    rows = []
    for code in ([main_code] if main_code else []) + rest:
        row = existing.get(code) or NeedCpv(code=code)
        row.is_main = code == main_code
        rows.append(row)
    need.cpvs = rows
    _record(actor, need, "cpv", old, ", ".join(([main_code] if main_code else []) + rest))


def place_codes(need: Need) -> list[str]:
    return [p.municipality or p.county for p in need.places]


def _set_places(actor, need: Need, codes) -> None:
    wanted = []
    for code in codes or []:
        code = str(code).strip()
        if code not in counties() and code not in municipalities():
            raise NeedError(_l("«%(code)s» er ikke en kommune eller et fylke.", code=code), "places")
        if code not in wanted:
            wanted.append(code)
    if wanted == place_codes(need):
        return
    old = ", ".join(place_codes(need))
    existing = {p.municipality or p.county: p for p in need.places}
    need.places = [
        existing.get(c) or (NeedPlace(county=c, municipality=None) if len(c) == 2
                            else NeedPlace(county=county_of(c), municipality=c))
        for c in wanted
    ]
    _record(actor, need, "places", old, ", ".join(wanted))


def apply_fields(actor, need: Need, data: dict) -> None:
    """Set fields from `data` (only the keys present), recording changes when public."""
    for field in SCALAR_FIELDS:
        if field in data:
            new = _clean(field, data[field])
            old = getattr(need, field)
            if old != new and not (old in (None, "") and new in (None, "")):
                setattr(need, field, new)
                _record(actor, need, field, old, new)
    if "cpv_main" in data or "cpv_additional" in data:
        main = data.get("cpv_main", need.main_cpv)
        additional = data.get("cpv_additional", need.additional_cpvs)
        _set_cpvs(actor, need, main, additional)
    if "places" in data:
        _set_places(actor, need, data["places"])
    _check(need)


def create_need(actor, org: Organisation, data: dict) -> Need:
    """Start a draft for `org`."""
    if not org.is_buyer:
        raise NeedError(_l("Bare oppdragsgivere kan melde behov."))
    need = Need(organisation=org, status=NeedStatus.DRAFT, created_by_id=getattr(actor, "id", None),
                title="", kind=NeedKind.NEED)
    apply_fields(actor, need, data)
    db.session.add(need)
    db.session.flush()
    changed(need)
    return need


def update_need(actor, need: Need, data: dict) -> Need:
    """Change fields; after publication each change is recorded in the public history."""
    if need.status.is_final:
        raise NeedError(_l("Behovet er avsluttet og kan ikke endres."))
    apply_fields(actor, need, data)
    db.session.flush()
    changed(need)
    return need


def publish_need(actor, need: Need) -> Need:
    """Draft → published; only for a verified buyer organisation and a complete need."""
    org = need.organisation
    if need.status != NeedStatus.DRAFT:
        raise NeedError(_l("Behovet er allerede publisert."))
    if not (org.is_buyer and org.is_verified):
        raise NeedError(_l("Organisasjonen må være verifisert som oppdragsgiver før den kan publisere."))
    missing = [label for field, label in (
        ("title", _l("tittel")), ("summary", _l("kort oppsummering")), ("problem_md", _l("problembeskrivelse")),
    ) if not (getattr(need, field) or "").strip()]
    if not need.main_cpv:
        missing.append(_l("hoved-CPV-kode"))
    if missing:
        raise NeedError(_l("Fyll ut før publisering: %(fields)s.", fields=_Joined(missing)))
    now = utcnow()
    need.status, need.published_dt, need.status_changed_dt = NeedStatus.PUBLISHED, now, now
    db.session.flush()
    changed(need)
    return need


def change_status(actor, need: Need, status: NeedStatus, reason: str | None = None,
                  doffin_reference: str | None = None) -> Need:
    """Move a public need along its lifecycle; Doffin reference and cancel reason are required."""
    status = NeedStatus(status)
    if status not in NEXT_STATUSES.get(need.status, set()):
        raise NeedError(_l("Denne statusendringen er ikke mulig nå."), "status")
    reason = (reason or "").strip() or None
    doffin_reference = (doffin_reference or "").strip() or None
    if status == NeedStatus.ANNOUNCED:
        if not doffin_reference:
            raise NeedError(_l("Skriv Doffin-referansen til kunngjøringen."), "doffin_reference")
        _record(actor, need, "doffin_reference", need.doffin_reference, doffin_reference)
        need.doffin_reference = doffin_reference
    if status == NeedStatus.CANCELLED and not reason:
        raise NeedError(_l("Skriv hvorfor behovet avlyses."), "reason")
    _record(actor, need, "status", need.status, status)
    if reason:
        _record(actor, need, "status_reason", need.status_reason, reason)
        need.status_reason = reason
    need.status, need.status_changed_dt = status, utcnow()
    db.session.flush()
    changed(need)
    return need


def cancel_need(actor, need: Need, reason: str) -> Need:
    return change_status(actor, need, NeedStatus.CANCELLED, reason=reason)


def delete_draft(actor, need: Need) -> None:
    if need.status != NeedStatus.DRAFT:
        raise NeedError(_l("Bare utkast kan slettes. Et publisert behov kan avlyses."))
    names = [a.storage_name for a in need.attachments]
    db.session.delete(need)
    db.session.flush()
    for name in names:
        delete_stored(name)


def add_attachment(actor, need: Need, file_storage) -> NeedAttachment:
    """Store an uploaded document (type checked from content); raises UploadError."""
    stored = store_document(file_storage)
    attachment = NeedAttachment(storage_name=stored.storage_name, original_name=stored.original_name,
                                content_type=stored.content_type, size=stored.size,
                                uploaded_by_id=getattr(actor, "id", None))
    need.attachments.append(attachment)
    _record(actor, need, "attachments", None, stored.original_name)
    db.session.flush()
    changed(need)
    return attachment


def remove_attachment(actor, attachment: NeedAttachment) -> None:
    need = attachment.need
    _record(actor, need, "attachments", attachment.original_name, None)
    need.attachments.remove(attachment)
    db.session.flush()
    delete_stored(attachment.storage_name)
    changed(need)


def _org_admins(org: Organisation):
    return db.session.scalars(
        select(Membership).where(Membership.organisation_id == org.id, Membership.role == MemberRole.ADMIN)
    ).all()


def invite_co_buyer(actor, need: Need, org: Organisation) -> NeedCoBuyer:
    """Ask another verified buyer organisation to join; its admins get a mail to confirm."""
    if org.id == need.organisation_id:
        raise NeedError(_l("Organisasjonen eier allerede behovet."), "organisation_id")
    if not (org.is_buyer and org.is_verified):
        raise NeedError(_l("Bare verifiserte oppdragsgivere kan bli medkjøpere."), "organisation_id")
    if any(c.organisation_id == org.id for c in need.co_buyers):
        raise NeedError(_l("Organisasjonen er allerede invitert."), "organisation_id")
    co_buyer = NeedCoBuyer(organisation=org, invited_by_id=getattr(actor, "id", None))
    need.co_buyers.append(co_buyer)
    db.session.flush()
    url = external_url("needs.answer_co_buyer", co_buyer_id=co_buyer.id)
    for membership in _org_admins(org):
        user = membership.user
        if user.email and user.is_active:
            queue_mail(user.email, "need_co_buyer_invite", user.locale,
                       _l("%(org)s inviterer dere som medkjøper", org=need.organisation.name),
                       need=need, co_buyer=co_buyer, user=user, url=url)
    return co_buyer


def confirm_co_buyer(actor, co_buyer: NeedCoBuyer) -> NeedCoBuyer:
    if co_buyer.confirmed_dt is None:
        co_buyer.confirmed_dt, co_buyer.confirmed_by_id = utcnow(), getattr(actor, "id", None)
        _record(actor, co_buyer.need, "co_buyers", None, co_buyer.organisation.name)
        db.session.flush()
        changed(co_buyer.need)
    return co_buyer


def remove_co_buyer(actor, co_buyer: NeedCoBuyer) -> None:
    """Decline an invitation, or leave / remove a co-buyer."""
    need = co_buyer.need
    if co_buyer.confirmed_dt is not None:
        _record(actor, need, "co_buyers", co_buyer.organisation.name, None)
    need.co_buyers.remove(co_buyer)
    db.session.flush()
    changed(need)


@export_section("needs_created")
def _export_needs(user) -> list[dict]:
    rows = db.session.scalars(select(Need).where(Need.created_by_id == user.id).order_by(Need.id))
    return [{"need_id": n.id, "title": n.title, "organisation": n.organisation.name, "status": n.status.value,
             "created": export_time(n.created_dt)} for n in rows]
