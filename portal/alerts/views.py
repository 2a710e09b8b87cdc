"""Mine lagrede søk: save a search from /sok, list, edit, delete, its Atom feed; follow a need's suppliers."""

import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.alerts import feed as atom
from portal.alerts import finder, services
from portal.alerts.forms import FREQUENCY_LABELS, FollowForm, SavedSearchForm
from portal.alerts.models import AlertDelivery, SavedSearch
from portal.alerts.permissions import can_follow_suppliers, owns_search, search_is_active
from portal.atom import atom_error
from portal.db import db
from portal.needs.blueprint import load_public_need
from portal.search import params as sp

bp = Blueprint("alerts", __name__)
log = logging.getLogger(__name__)
RECENT = 50


def _own_or_404(search_id: int) -> SavedSearch:
    search = db.session.get(SavedSearch, search_id)
    if not owns_search(current_user, search):
        abort(404)  # someone else's search is not there at all
    return search


def describe(search) -> dict:
    """What the search looks for, for people: type, words, filters with labels, and where to open it."""
    if search.need_id is not None:
        return {"type": _("Leverandører"), "q": "", "filters": [],
                "open_url": url_for("search.need_matches", need_id=search.need_id),
                "need": search.need}
    p = finder.params_of(search)
    filters = []
    for name, values in p.filters.items():
        labels = sp.facet_values(name)
        filters.append((str(sp.FACET_TITLES.get(name, name)), [labels.get(v, v) for v in values]))
    return {"type": _("Behov og planlagte anskaffelser") if p.type == "need" else _("Leverandører"),
            "q": p.q, "filters": filters, "open_url": url_for("search.search", **p.args(sort=None)),
            "need": None}


def feed_url(search) -> str:
    return url_for("alerts.feed", token=search.feed_token, _external=True)


@bp.app_context_processor
def _helpers():
    def alerts_unseen() -> int:
        if not current_user.is_authenticated:
            return 0
        return db.session.scalar(select(func.count(AlertDelivery.id)).where(
            AlertDelivery.user_id == current_user.id, AlertDelivery.seen_dt.is_(None),
            AlertDelivery.saved_search_id.is_not(None))) or 0

    def supplier_follow_for(need):
        if not current_user.is_authenticated:
            return None
        return db.session.scalar(select(SavedSearch).where(SavedSearch.user_id == current_user.id,
                                                           SavedSearch.need_id == need.id))

    return {"alerts_unseen": alerts_unseen, "can_follow_suppliers": can_follow_suppliers,
            "supplier_follow_for": supplier_follow_for, "follow_form": FollowForm}


@bp.get("/lagrede-sok")
@login_required
def index():
    searches = db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == current_user.id)
                                  .options(selectinload(SavedSearch.need))  # describe() names a followed need
                                  .order_by(SavedSearch.created_dt.desc(), SavedSearch.id.desc())).all()
    return render_template("alerts/index.html", searches=searches, describe=describe, feed_url=feed_url,
                           unseen=services.unseen_counts(current_user), labels=FREQUENCY_LABELS)


@bp.route("/lagrede-sok/ny", methods=["GET", "POST"])
@login_required
def new():
    p, errors = sp.parse(request.form if request.method == "POST" else request.args)
    form = SavedSearchForm()
    if request.method == "GET":
        form.name.data = (p.q or (_("Alle behov") if p.type == "need" else _("Alle leverandører")))[:100]
    elif form.validate_on_submit():
        try:
            search = services.create_saved_search(current_user, p, form.data)
        except services.AlertError as exc:
            form.form_errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Søket «%(name)s» er lagret.", name=search.name), "success")
            return redirect(url_for("alerts.index"))
    preview = SavedSearch(doc_type=p.type, query=p.q, filters=p.filters)
    return render_template("alerts/new.html", form=form, p=p, errors=errors, info=describe(preview),
                           hidden=p.args(sort=None)), 400 if form.is_submitted() else 200


@bp.route("/lagrede-sok/<int:search_id>", methods=["GET", "POST"])
@login_required
def detail(search_id: int):
    search = _own_or_404(search_id)
    form = SavedSearchForm(obj=None if request.method == "POST" else search)
    if form.validate_on_submit():
        services.update_saved_search(current_user, search, form.data)
        db.session.commit()
        flash(_("Endringene er lagret."), "success")
        return redirect(url_for("alerts.detail", search_id=search.id))
    deliveries = db.session.scalars(select(AlertDelivery).where(AlertDelivery.saved_search_id == search.id)
                                    .order_by(AlertDelivery.created_dt.desc(), AlertDelivery.id.desc())
                                    .limit(RECENT)).all()
    ids = [d.object_id for d in deliveries]
    if search.doc_type == "need":
        objs = {o.id: o for o in finder.public_needs(ids, open_only=False)}
    else:
        objs = {o.id: o for o in finder.public_profiles(ids)}
    recent = [(d, objs[d.object_id]) for d in deliveries if d.object_id in objs]
    return render_template("alerts/detail.html", search=search, form=form, info=describe(search),
                           feed=feed_url(search), recent=recent, labels=FREQUENCY_LABELS), \
        400 if form.is_submitted() else 200


def _post_action(search_id: int, action, message: str, to_detail: bool = True):
    search = _own_or_404(search_id)  # the CSRF token is checked for every POST by CSRFProtect
    action(current_user, search)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("alerts.detail", search_id=search_id) if to_detail else url_for("alerts.index"))


@bp.post("/lagrede-sok/<int:search_id>/slett")
@login_required
def delete(search_id: int):
    return _post_action(search_id, services.delete_saved_search, _("Det lagrede søket er slettet."), False)


@bp.post("/lagrede-sok/<int:search_id>/ny-feed-adresse")
@login_required
def regenerate_token(search_id: int):
    return _post_action(search_id, services.regenerate_feed_token,
                        _("Ny feed-adresse er laget. Den gamle virker ikke lenger."))


@bp.post("/lagrede-sok/<int:search_id>/sett")
@login_required
def mark_seen(search_id: int):
    return _post_action(search_id, services.mark_seen, _("Treffene er merket som sett."))


@bp.get("/feeds/lagrede-sok/<token>.atom")
def feed(token: str):
    search = None
    if 20 <= len(token) <= 64:
        search = db.session.scalar(select(SavedSearch).where(SavedSearch.feed_token == token))
    if search is None or not search_is_active(search):
        return atom_error(404, _("Feeden finnes ikke lenger. Hent en ny adresse under «Mine lagrede søk og varsler»."))
    try:
        objects = finder.feed_objects(search)
    except Exception:  # the index is unavailable: say so, feed readers retry
        log.exception("feed of saved search %s failed", search.id)
        return atom_error(503, _("Søket er midlertidig utilgjengelig. Prøv igjen senere."))
    # The token is the whole address: query parameters never change the feed or its id.
    return atom.build(search, objects, request.base_url, url_for("alerts.index", _external=True))


@bp.post("/behov/<int:need_id>/folg-leverandorer")
@login_required
def follow_suppliers(need_id: int):
    need = load_public_need(need_id)
    if not can_follow_suppliers(current_user, need):
        abort(403)
    form = FollowForm()
    if not form.validate_on_submit():
        flash(_("Velg hvor ofte du vil bli varslet."), "error")
        return redirect(url_for("search.need_matches", need_id=need.id))
    try:
        search = services.follow_suppliers(current_user, need, form.data)
    except services.AlertError as exc:
        flash(exc.message, "error")
        return redirect(url_for("search.need_matches", need_id=need.id))
    db.session.commit()
    flash(_("Du følger nå nye leverandører som passer til behovet."), "success")
    return redirect(url_for("alerts.detail", search_id=search.id))
