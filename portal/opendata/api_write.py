"""Token-authenticated writes: POST /api/v1/needs and PATCH /api/v1/needs/<id> (Bearer API key).

They take no cookies (the session is never consulted), so they are exempt from CSRF. Validation
is the OpenAPI request schema, then the needs domain's own services (same rules and change
history as the web forms).
"""

from datetime import date

from flask import g, jsonify, request, url_for
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import select

from portal.db import utcnow
from portal.errors import render_error
from portal.extensions import csrf, db
from portal.needs.models import Need, NeedStatus
from portal.needs.services import NeedError, change_status, create_need, publish_need, update_need
from portal.opendata.openapi_paths import need_write_schema
from portal.opendata.services import authenticate
from portal.text import multi_line, single_line

DATE_FIELDS = {"dialogue_start", "dialogue_end", "planned_notice_date", "planned_contract_start", "deadline"}
# Text areas in the web form keep line breaks; every other string is one line, as in the forms.
MULTI_LINE_FIELDS = {"summary", "problem_md", "effects", "affected", "success_criteria", "lots_notes",
                     "circular_notes", "social_notes", "status_reason"}
_validators = {
    create: Draft202012Validator(need_write_schema(create), format_checker=FormatChecker())
    for create in (True, False)
}


class _Conflict(Exception):
    """external_id already used by another need of the same organisation."""


def _problem(status: int, detail: str, errors: dict | None = None):
    from portal.opendata.openapi import PROBLEM_TITLES

    resp = render_error(status, detail)
    body = resp.get_json()
    body["title"] = PROBLEM_TITLES.get(status, body["title"])
    if errors:
        body["errors"] = errors
    resp.set_data(jsonify(body).get_data())
    if status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="moteplassen"'
    return resp


def _authenticated():
    api_key = authenticate(request.headers.get("Authorization"))
    if api_key is None:
        return None, _problem(401, "Send en gyldig API-nøkkel som «Authorization: Bearer <nøkkel>».")
    if not api_key.organisation.is_buyer:
        return None, _problem(403, "Bare oppdragsgivere kan skrive behov.")
    api_key.last_used_dt = utcnow()
    g.api_key_id = api_key.id  # the audit log names the key as the actor
    return api_key, None


def _payload(create: bool):
    """(data, None) with dates parsed, or (None, problem response)."""
    if not request.is_json:
        return None, _problem(415, "Send JSON med Content-Type: application/json.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return None, _problem(400, "Forespørselen må være et JSON-objekt.")
    data = {name: _clean(name, value) for name, value in data.items()}
    errors = {}
    for error in _validators[create].iter_errors(data):
        field = ".".join(str(p) for p in error.absolute_path) or "body"
        errors.setdefault(field, error.message[:300])
    if errors:
        return None, _problem(422, "Noen felter er ugyldige.", errors)
    for name in DATE_FIELDS & data.keys():
        if data[name]:
            try:
                data[name] = date.fromisoformat(data[name])
            except ValueError:
                return None, _problem(422, "Noen felter er ugyldige.", {name: "Skriv datoen som åååå-mm-dd."})
    return data, None


def _clean(name: str, value: object) -> object:
    """Control characters out of a string, as the web forms do (portal.forms.BaseForm)."""
    if not isinstance(value, str):
        return value
    return multi_line(value) if name in MULTI_LINE_FIELDS else single_line(value)


def _apply(actor, need: Need | None, org, data: dict):
    publish = data.pop("publish", False)
    status = data.pop("status", None)
    reason, doffin_reference = data.pop("status_reason", None), data.pop("doffin_reference", None)
    external_id = data.pop("external_id", None)
    if external_id is not None and external_id != (need.external_id if need else None):
        # Only the caller's own needs count: another organisation's ids (drafts too) stay unseen.
        taken = select(Need.id).where(Need.organisation_id == org.id, Need.external_id == external_id)
        if db.session.scalar(taken) is not None:
            raise _Conflict("Et annet behov i organisasjonen har allerede denne external_id.")
    need = create_need(actor, org, data) if need is None else update_need(actor, need, data)
    if external_id is not None:
        need.external_id = external_id
    if publish and need.status == NeedStatus.DRAFT:
        publish_need(actor, need)
    if status is not None and status != need.status.value:
        if need.status == NeedStatus.DRAFT:
            raise NeedError("Publiser behovet før du endrer status.", "status")
        change_status(actor, need, NeedStatus(status), reason=reason, doffin_reference=doffin_reference)
    db.session.flush()
    return need


def _respond(api_key, need, data, status):
    from portal.needs.api import need_detail

    try:
        need = _apply(None, need, api_key.organisation, data)
    except NeedError as exc:
        db.session.rollback()
        field = {"reason": "status_reason"}.get(exc.field, exc.field)  # the API's name of the form field
        return _problem(422, exc.message, {field or "body": exc.message})
    except _Conflict as exc:
        db.session.rollback()
        return _problem(409, str(exc))
    db.session.commit()
    resp = jsonify(need_detail(need))
    resp.status_code = status
    if status == 201:
        resp.headers["Location"] = url_for("needs_api.get_need", need_id=need.id, _external=True)
    return resp


@csrf.exempt
def create_need_api():
    api_key, problem = _authenticated()
    if problem:
        return problem
    data, problem = _payload(create=True)
    if problem:
        return problem
    return _respond(api_key, None, data, 201)


@csrf.exempt
def update_need_api(need_id: int):
    api_key, problem = _authenticated()
    if problem:
        return problem
    need = db.session.get(Need, need_id)
    if need is None or (need.organisation_id != api_key.organisation_id and need.status == NeedStatus.DRAFT):
        return _problem(404, "Fant ikke behovet.")
    if need.organisation_id != api_key.organisation_id:
        return _problem(403, "Nøkkelen hører til en annen organisasjon enn behovet.")
    if need.status.is_final:
        return _problem(409, "Behovet er avsluttet og kan ikke endres.")
    data, problem = _payload(create=False)
    if problem:
        return problem
    return _respond(api_key, need, data, 200)


def register(bp) -> None:
    bp.add_url_rule("/needs", endpoint="create_need", view_func=create_need_api, methods=["POST"])
    bp.add_url_rule("/needs/<int:need_id>", endpoint="update_need", view_func=update_need_api, methods=["PATCH"])
