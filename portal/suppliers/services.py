"""Every state change of supplier profiles, interest and input (flush, never commit)."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.auth.services import export_section, export_time
from portal.db import db, utcnow
from portal.organisations.models import Organisation, OrgSide
from portal.reference import counties, county_of, municipalities
from portal.suppliers import logos
from portal.suppliers.choices import CERTIFICATIONS
from portal.suppliers.models import (
    Certification,
    Interest,
    NeedInput,
    SizeClass,
    SupplierArea,
    SupplierCpv,
    SupplierProfile,
    SupplierReference,
)


class SupplierError(ValueError):
    """A change that is not allowed; the message is for the user."""


def profile_changed(profile: SupplierProfile) -> None:
    """Hook for the search index: called after every change to a profile."""


def get_or_create_profile(org: Organisation) -> SupplierProfile:
    """The profile of a supplier organisation, created empty on first use."""
    if org.side != OrgSide.SUPPLIER:
        raise SupplierError(_("Bare leverandørorganisasjoner har leverandørprofil."))
    profile = db.session.scalar(select(SupplierProfile).where(SupplierProfile.organisation_id == org.id))
    if profile is None:
        profile = SupplierProfile(organisation=org, website=org.website, contact_email=org.contact_email)
        db.session.add(profile)
        db.session.flush()
    return profile


def set_cpvs(profile: SupplierProfile, codes) -> None:
    wanted = list(dict.fromkeys(codes))
    keep = {c.code: c for c in profile.cpvs}
    profile.cpvs = [keep.get(code) or SupplierCpv(code=code, division=code[:2]) for code in wanted]


def set_areas(profile: SupplierProfile, nationwide: bool, county_numbers=(), municipality_numbers=()) -> None:
    """Served area: nationwide, or whole counties plus single municipalities."""
    profile.is_nationwide = bool(nationwide)
    if nationwide:
        profile.areas = []
        return
    cs = [c for c in dict.fromkeys(county_numbers) if c in counties()]
    ms = [m for m in dict.fromkeys(municipality_numbers) if m in municipalities()]
    old = {(a.county, a.municipality): a for a in profile.areas}
    wanted = [(c, None) for c in cs] + [(county_of(m), m) for m in ms]
    profile.areas = [old.get(k) or SupplierArea(county=k[0], municipality=k[1]) for k in wanted]


def set_certifications(profile: SupplierProfile, certs: dict[str, date | None]) -> None:
    old = {c.name: c for c in profile.certifications}
    result = []
    for key, valid_until in certs.items():
        if key not in CERTIFICATIONS:
            continue
        cert = old.get(key) or Certification(name=key)
        cert.valid_until = valid_until
        result.append(cert)
    profile.certifications = result


PROFILE_FIELDS = (
    "capability_md", "products_services", "social_mission", "website", "contact_name",
    "contact_email", "contact_phone",
)


def update_profile(actor, profile: SupplierProfile, data: dict) -> SupplierProfile:
    """Save the profile form: texts, CPV codes, areas, size, social section, certifications."""
    for key in PROFILE_FIELDS:
        if key in data:
            setattr(profile, key, (data[key] or "").strip() or ("" if key in {
                "capability_md", "products_services", "social_mission"} else None))
    profile.size = SizeClass(data["size"]) if data.get("size") else None
    profile.is_social_enterprise = bool(data.get("is_social_enterprise"))
    profile.target_groups = list(data.get("target_groups") or []) if profile.is_social_enterprise else []
    profile.is_reserved_eligible = bool(data.get("is_reserved_eligible")) and profile.is_social_enterprise
    if not profile.is_social_enterprise:
        profile.social_mission = ""
    profile.languages = list(data.get("languages") or [])
    profile.is_public = bool(data.get("is_public", True))
    set_cpvs(profile, data.get("cpv") or [])
    set_areas(profile, data.get("nationwide"), data.get("counties") or [], data.get("municipalities") or [])
    set_certifications(profile, data.get("certifications") or {})
    db.session.flush()
    profile_changed(profile)
    return profile


def set_logo(actor, profile: SupplierProfile, file_storage) -> None:
    """Replace the logo; raises SupplierError when the image is refused."""
    try:
        name = logos.store_logo(file_storage)
    except logos.LogoError as exc:
        raise SupplierError(str(exc)) from exc
    logos.delete_logo(profile.logo_name)
    profile.logo_name = name
    db.session.flush()


def remove_logo(actor, profile: SupplierProfile) -> None:
    logos.delete_logo(profile.logo_name)
    profile.logo_name = None
    db.session.flush()


def add_reference(actor, profile: SupplierProfile, data: dict) -> SupplierReference:
    ref = SupplierReference(
        profile=profile,
        title=data["title"].strip(),
        customer=(data.get("customer") or "").strip(),
        is_public_buyer=bool(data.get("is_public_buyer")),
        year=data.get("year"),
        description=(data.get("description") or "").strip(),
    )
    db.session.add(ref)
    db.session.flush()
    profile_changed(profile)
    return ref


def delete_reference(actor, ref: SupplierReference) -> None:
    profile = ref.profile
    db.session.delete(ref)
    db.session.flush()
    profile_changed(profile)


# --- interest and input on needs -----------------------------------------------------------------

def express_interest(actor, org: Organisation, need, note: str = "") -> Interest:
    """Register (or update the note of) the organisation's interest in a need."""
    interest = db.session.scalar(
        select(Interest).where(Interest.need_id == need.id, Interest.organisation_id == org.id)
    )
    if interest is None:
        interest = Interest(need=need, organisation=org)
        db.session.add(interest)
    interest.user_id = actor.id
    interest.note = (note or "").strip()[:500]
    db.session.flush()
    return interest


def withdraw_interest(actor, org: Organisation, need) -> bool:
    interest = db.session.scalar(
        select(Interest).where(Interest.need_id == need.id, Interest.organisation_id == org.id)
    )
    if interest is None:
        return False
    db.session.delete(interest)
    db.session.flush()
    return True


def submit_input(actor, org: Organisation, need, data: dict, attachment=None) -> NeedInput:
    """Store non-binding input (with an optional document); raises SupplierError for a refused file."""
    from portal.notifications.services import queue_mail
    from portal.uploads import UploadError, store_document

    inp = NeedInput(need=need, organisation=org, author_id=actor.id, text=data["text"].strip(),
                    is_confidential=bool(data.get("is_confidential")))
    if attachment is not None and getattr(attachment, "filename", ""):
        try:
            stored = store_document(attachment)
        except UploadError as exc:
            raise SupplierError(str(exc)) from exc
        inp.attachment_storage, inp.attachment_name = stored.storage_name, stored.original_name
        inp.attachment_type, inp.attachment_size = stored.content_type, stored.size
    db.session.add(inp)
    db.session.flush()
    for m in need.organisation.memberships if need.organisation.is_verified else ():  # only members that count
        if m.is_admin and m.user.email and m.user.is_active:
            queue_mail(m.user.email, "supplier_input_new", m.user.locale, _mail_subject("new", m.user.locale),
                       need=need, supplier=org, inp=inp)
    return inp


def reply_input(actor, inp, text: str) -> None:
    from portal.notifications.services import queue_mail

    inp.reply_text = text.strip()
    inp.reply_by_id = actor.id
    inp.reply_dt = utcnow()
    db.session.flush()
    author = inp.author
    if author is not None and author.email and author.is_active:
        queue_mail(author.email, "supplier_input_reply", author.locale, _mail_subject("reply", author.locale),
                   need=inp.need, inp=inp)


def publish_input(actor, inp, publish: bool = True) -> None:
    """Publish non-confidential input to everyone (or take it back)."""
    if publish and inp.is_confidential:
        raise SupplierError(_("Konfidensielle innspill kan ikke publiseres."))
    inp.is_published = publish
    inp.published_dt = utcnow() if publish else None
    db.session.flush()


def _mail_subject(kind: str, locale: str) -> str:
    from flask_babel import force_locale

    with force_locale(locale or "nb"):
        if kind == "new":
            return _("Nytt innspill på et behov")
        return _("Innkjøperen har svart på innspillet ditt")


@export_section("interests")
def _export_interests(user) -> list[dict]:
    rows = db.session.scalars(select(Interest).where(Interest.user_id == user.id).order_by(Interest.id))
    return [{"need_id": i.need_id, "need": i.need.title, "organisation": i.organisation.name, "note": i.note,
             "created": export_time(i.created_dt)} for i in rows]


@export_section("inputs")
def _export_inputs(user) -> list[dict]:
    """Input the user wrote, and replies the user wrote to others' input."""
    rows = db.session.scalars(select(NeedInput).where(
        (NeedInput.author_id == user.id) | (NeedInput.reply_by_id == user.id)).order_by(NeedInput.id))
    return [{"need_id": i.need_id, "need": i.need.title, "organisation": i.organisation.name,
             "written_by_you": i.author_id == user.id, "text": i.text if i.author_id == user.id else None,
             "attachment": i.attachment_name if i.author_id == user.id else None,
             "confidential": i.is_confidential, "created": export_time(i.created_dt),
             "reply_by_you": i.reply_text if i.reply_by_id == user.id else None,
             "replied": export_time(i.reply_dt) if i.reply_by_id == user.id else None} for i in rows]
