"""The OpenAPI spec covers every /api/v1 route, renders as docs, and schemathesis finds no failures."""

import contextvars

import pytest
import schemathesis
from schemathesis import engine
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from schemathesis.generation import GenerationMode
from schemathesis.transport.wsgi import WSGI_TRANSPORT

from portal.extensions import db
from portal.opendata.openapi import api_paths, openapi_path, spec
from portal.opendata.services import create_api_key
from portal.organisations.models import OrgKind
from portal.suppliers.models import SizeClass, SupplierProfile
from tests.factories import make_org, make_user
from tests.opendata.data import make_event, make_need

MAX_EXAMPLES = 10


def test_every_api_route_is_in_the_spec(app, client):
    documented = {(path, method) for path, item in client.get("/api/v1/openapi.json").get_json()["paths"].items()
                  for method in item}
    missing = sorted(f"{m.upper()} {p}" for p, m in api_paths(app) - documented)
    assert not missing, f"/api/v1 routes missing from portal/opendata/openapi_paths.py: {missing}"
    assert ("/api/v1/needs", "post") in documented and ("/api/v1/needs/{need_id}", "patch") in documented


def test_spec_is_valid_openapi_31(app):
    from jsonschema import Draft202012Validator

    data = spec(app)
    assert data["openapi"] == "3.1.0"
    for path, item in data["paths"].items():
        for method, op in item.items():
            assert op["responses"], f"{method} {path} documents no responses"
            for param in op["parameters"]:
                Draft202012Validator.check_schema(param["schema"])
    assert openapi_path("/api/v1/needs/<int:need_id>/matches") == "/api/v1/needs/{need_id}/matches"


def test_docs_page_is_server_rendered_html(client):
    resp = client.get("/api/v1/docs")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    html = resp.get_data(as_text=True)
    assert "/api/v1/ocds/releases" in html and "Krever API-nøkkel" in html and "Authorization: Bearer" in html
    # No Swagger UI from a CDN: only the portal's own (deferred) script.
    assert "https://" not in html.split("<main")[0] and "swagger" not in html.lower()


@pytest.fixture
def api_auth(app):
    """Some data for the operations to find, and a buyer's API key."""
    admin = make_user()
    buyer = make_org(name="Oslo kommune", admins=[admin])
    need = make_need(buyer, title="Rengjøring", cpvs=("90910000",), places=("0301",))
    make_event(need)
    supplier = make_org(name="Vask AS", kind=OrgKind.BEDRIFT)
    db.session.add(SupplierProfile(organisation=supplier, size=SizeClass.SMALL, is_public=True))
    _key, plain = create_api_key(admin, buyer, {"name": "schemathesis"})
    db.session.commit()
    from portal.search.reindex import reindex

    reindex()  # the search operations answer 503 without an index
    return {"Authorization": f"Bearer {plain}"}


def _isolated(app):
    def wsgi(environ, start_response):
        # Each call in its own app context, as in production (see IsolatedClient in tests/conftest.py).
        return contextvars.Context().run(app.wsgi_app, environ, start_response)

    return wsgi


def _in_process_send(send):
    """schemathesis 4.32.5 hands its content-type probe socket options (max_redirects, ...) that the
    in-process client rejects; drop them, as its own network-session path does."""

    def wrapped(case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(case, session=session, **kwargs)

    return wrapped


def _config(headers: dict) -> SchemathesisConfig:
    """What `st run --checks all --mode all --seed 1` does, minus the response-time limit (a shared CI machine)."""
    config = SchemathesisConfig()
    config.update(seed=1, max_failures=None)
    project = config.projects.override
    project.checks.update(included_check_names=["all"], excluded_check_names=["max_response_time"])
    project.generation.update(modes=list(GenerationMode), max_examples=MAX_EXAMPLES, deterministic=True,
                              database="none")
    project.update(headers=headers)
    return config


# Writes also obey domain rules JSON Schema cannot state (from ≤ to, existing CPV codes, a verified
# organisation to publish, the allowed status transitions): a schema-valid body may rightly get 422.
# And a need created without "publish" is a draft, which the public GETs never show (by design).
DOMAIN_RULES = {("POST /api/v1/needs", "positive_data_acceptance"),
                ("PATCH /api/v1/needs/{need_id}", "positive_data_acceptance"),
                *((f"GET /api/v1/needs/{{need_id}}{tail}", "ensure_resource_availability")
                  for tail in ("", "/inputs", "/matches", "/events"))}


def _failures(schema) -> list[str]:
    out = set()
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.NonFatalError | events.FatalError):
            out.add(f"{getattr(event, 'label', '')} error: {event.info.message}")
        if not isinstance(event, events.ScenarioFinished):
            continue
        for case_id, nodes in event.recorder.checks.items():
            case = event.recorder.cases[case_id].value
            for node in nodes:
                if node.failure_info and (case.operation.label, node.name) not in DOMAIN_RULES:
                    out.add(f"{case.operation.label} [{event.phase.value}] {node.name}: "
                            f"{node.failure_info.failure.title}\n    {node.failure_info.code_sample[:400]}")
    return sorted(out)


def test_api_conforms_to_spec_with_all_checks(app, api_auth, monkeypatch):
    """Every operation, every phase (examples, coverage, fuzzing, stateful), every check, valid and invalid data."""
    monkeypatch.setattr(WSGI_TRANSPORT, "send", _in_process_send(WSGI_TRANSPORT.send))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _isolated(app), config=_config(api_auth))
    failures = _failures(schema)
    assert not failures, "\n".join(failures)
