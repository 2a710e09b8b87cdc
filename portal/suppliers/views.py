"""Supplier directory, public profile pages and the profile editor (Min side → Profil)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.extensions import db
from portal.organisations.context import active_org
from portal.paging import last_page, page_number
from portal.reference import counties, cpv_divisions, cpv_search, municipality_choices
from portal.suppliers import services
from portal.suppliers.choices import CERTIFICATIONS, LANGUAGES, SIZE_LABELS, SME_EXPLANATION, TARGET_GROUPS
from portal.suppliers.completeness import completeness
from portal.suppliers.dialog_views import dialog_bp
from portal.suppliers.forms import EmptyForm, ProfileForm, ReferenceForm, format_cpv_text
from portal.suppliers.logos import logo_path
from portal.suppliers.models import SupplierProfile, SupplierReference
from portal.suppliers.permissions import can_edit_profile, can_see_hidden_profiles, can_view_profile
from portal.suppliers.queries import directory_page, parse_filters

bp = Blueprint("suppliers", __name__)
bp.register_blueprint(dialog_bp)
PER_PAGE = 20
MAX_PAGE = 100_000


def get_profile_or_404(profile_id: int) -> SupplierProfile:
    profile = db.session.get(SupplierProfile, profile_id)
    if profile is None or not can_view_profile(current_user, profile):
        abort(404)
    return profile


@bp.get("/leverandorer")
def directory():
    filters, errors = parse_filters(request.args)
    include_hidden = can_see_hidden_profiles(current_user)
    page = page_number(MAX_PAGE)
    total, profiles = directory_page(db, filters, include_hidden, PER_PAGE, (page - 1) * PER_PAGE)
    pages = last_page(total, PER_PAGE)
    if page > pages:  # past the end: show the last page
        page = pages
        total, profiles = directory_page(db, filters, include_hidden, PER_PAGE, (page - 1) * PER_PAGE)
    args = {k: v for k, v in request.args.items(multi=True) if k != "side"}
    return render_template(
        "suppliers/directory.html", profiles=profiles, total=total, page=page, pages=pages, filters=filters,
        errors=errors, args=args, counties=sorted(counties().items(), key=lambda c: c[1]),
        municipalities=municipality_choices(), divisions=sorted(cpv_divisions().items()),
        sizes=SIZE_LABELS, certifications=CERTIFICATIONS, sme_explanation=SME_EXPLANATION,
    )


@bp.get("/leverandorer/<int:profile_id>")
def profile(profile_id: int):
    profile = get_profile_or_404(profile_id)
    return render_template(
        "suppliers/profile.html", profile=profile, can_edit=can_edit_profile(current_user, profile.organisation),
        sizes=SIZE_LABELS, sme_explanation=SME_EXPLANATION, language_names=LANGUAGES,
        target_group_names=TARGET_GROUPS,
    )


@bp.get("/leverandorer/<int:profile_id>/logo")
def logo(profile_id: int):
    profile = get_profile_or_404(profile_id)
    if not profile.logo_name or not logo_path(profile.logo_name).exists():
        abort(404)
    resp = send_file(logo_path(profile.logo_name), mimetype="image/png", max_age=3600)
    resp.headers["Content-Security-Policy"] = "default-src 'none'"
    return resp


@bp.get("/leverandorer/cpv-sok")
def cpv_lookup():
    """Server-side CPV search (no JavaScript needed)."""
    q = (request.args.get("q") or "").strip()[:100]
    return render_template("suppliers/cpv_search.html", q=q, hits=cpv_search(q, limit=50) if q else [])


def _my_profile() -> SupplierProfile:
    org = active_org()
    if not can_edit_profile(current_user, org):
        abort(403)
    profile = services.get_or_create_profile(org)
    db.session.commit()  # the empty profile exists from the first visit
    return profile


def _fill_form(form: ProfileForm, p: SupplierProfile) -> None:
    for name in ("capability_md", "products_services", "social_mission", "website", "contact_name",
                 "contact_email", "contact_phone", "is_social_enterprise", "is_reserved_eligible", "is_public"):
        form[name].data = getattr(p, name)
    form.cpv_text.data = format_cpv_text(p.cpv_codes)
    form.nationwide.data = p.is_nationwide
    form.counties.data = p.county_numbers
    form.municipalities.data = p.municipality_numbers
    form.size.data = p.size.value if p.size else ""
    form.target_groups.data = list(p.target_groups or [])
    form.languages.data = list(p.languages or [])
    for cert in p.certifications:
        if f"cert_{cert.name}" in form:
            form[f"cert_{cert.name}"].data = True
            form[f"cert_{cert.name}_until"].data = cert.valid_until


def _form_data(form: ProfileForm) -> dict:
    data = {name: form[name].data for name in (
        "capability_md", "products_services", "social_mission", "website", "contact_name", "contact_email",
        "contact_phone", "is_social_enterprise", "is_reserved_eligible", "is_public", "nationwide", "counties",
        "municipalities", "size", "target_groups", "languages")}
    data["cpv"] = form.cpv_codes + [c for c in (form.cpv_pick.data or []) if c not in form.cpv_codes]
    data["certifications"] = form.certification_data()
    return data


@bp.route("/min-side/profil", methods=["GET", "POST"])
@login_required
def edit():
    profile = _my_profile()
    form = ProfileForm()
    hits = []
    if request.method == "GET":
        _fill_form(form, profile)
    elif request.form.get("action") == "cpv_search":
        hits = cpv_search(form.cpv_query.data or "", limit=30)
        form.cpv_pick.choices = hits
        if not hits:
            form.cpv_query.errors = [_("Ingen CPV-koder passet søket.")]
    elif form.validate():
        services.update_profile(current_user, profile, _form_data(form))
        try:
            if form.remove_logo.data:
                services.remove_logo(current_user, profile)
            if form.logo.data and getattr(form.logo.data, "filename", ""):
                services.set_logo(current_user, profile, form.logo.data)
        except services.SupplierError as exc:
            db.session.rollback()
            form.logo.errors = [str(exc)]
        else:
            db.session.commit()
            flash(_("Profilen er lagret."), "success")
            return redirect(url_for("suppliers.edit"))
    return render_template("suppliers/edit.html", form=form, profile=profile, hits=hits,
                           completeness=completeness(profile), sme_explanation=SME_EXPLANATION)


@bp.route("/min-side/profil/referanser", methods=["GET", "POST"])
@login_required
def references():
    profile = _my_profile()
    form = ReferenceForm()
    if form.validate_on_submit():
        services.add_reference(current_user, profile, form.data)
        db.session.commit()
        flash(_("Referansen er lagt til."), "success")
        return redirect(url_for("suppliers.references"))
    return render_template("suppliers/references.html", form=form, profile=profile, delete_form=EmptyForm())


@bp.post("/min-side/profil/referanser/<int:ref_id>/slett")
@login_required
def delete_reference(ref_id: int):
    profile = _my_profile()
    ref = db.session.get(SupplierReference, ref_id)
    if ref is None or ref.profile_id != profile.id:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.delete_reference(current_user, ref)
    db.session.commit()
    flash(_("Referansen er slettet."), "success")
    return redirect(url_for("suppliers.references"))


@bp.app_template_filter("cert_label")
def _cert_label(key: str) -> str:
    from portal.suppliers.choices import certification_label

    return certification_label(key)


@bp.app_template_filter("municipality_name")
def _municipality_name(number: str) -> str:
    from portal.reference import municipality_name

    return municipality_name(number) or number


@bp.app_template_filter("county_name")
def _county_name(number: str) -> str:
    return counties().get(number, number)


@bp.app_template_filter("cpv_label")
def _cpv_label(code: str) -> str:
    from flask_babel import get_locale

    from portal.reference import cpv_label

    return cpv_label(code, "en" if str(get_locale()) == "en" else "nb")


@bp.app_template_filter("markdown")
def _markdown(text: str):
    from portal.text import render_markdown

    return render_markdown(text)
