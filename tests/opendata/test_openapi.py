"""The OpenAPI spec covers every /api/v1 route, renders as docs, and schemathesis finds no failures."""

import contextvars

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from portal.extensions import db
from portal.opendata.openapi import api_paths, openapi_path, spec
from portal.opendata.openapi_paths import paths
from portal.opendata.services import create_api_key
from portal.organisations.models import OrgKind
from portal.suppliers.models import SizeClass, SupplierProfile
from tests.factories import make_org, make_user
from tests.opendata.data import make_event, make_need

MAX_EXAMPLES = 20


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


# schemathesis.pytest.from_fixture does not work with pytest 9 (schemathesis 4.32 reads
# request.node._nodeid), so each documented operation is its own test, run with hypothesis here.
OPERATIONS = [(path, method) for path, item in paths(dialogue_available=False).items() for method in item]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_api_conforms_to_spec(app, api_auth, path, method):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _isolated(app))
    if path not in schema.raw_schema["paths"] or method not in schema.raw_schema["paths"][path]:
        pytest.skip(f"{method.upper()} {path} is not routed in this build")
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=api_auth, excluded_checks=excluded)

    # Writes also obey domain rules JSON Schema cannot state (from ≤ to, existing CPV codes, complete
    # before publishing): a schema-valid body may rightly get 422, so "positive data acceptance" is off there.
    excluded = [positive_data_acceptance] if method in ("post", "patch") else []

    run()
