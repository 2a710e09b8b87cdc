"""The OpenAPI 3.1 description of /api/v1, built from the routes the app really has."""

import re

from flask import Flask

from portal.opendata.openapi_paths import NULL_STR, OBJ, paths

PROBLEM_TITLES = {400: "Ugyldig forespørsel", 401: "Mangler eller ugyldig API-nøkkel", 403: "Ingen tilgang",
                  404: "Finnes ikke", 409: "Konflikt", 415: "Send JSON", 422: "Ugyldige data",
                  429: "For mange forespørsler", 503: "Midlertidig utilgjengelig"}
DESCRIPTION = """Møteplassens åpne API. Alle svar er JSON (UTF-8). Feil er *problem details*
(RFC 9457, `application/problem+json`) med `title`, `status` og `detail`; valideringsfeil har i tillegg
`errors` (felt → melding).

**Sider:** lister tar `limit` (1–100, standard 20) og `offset`, og svarer med `total`. OCDS-pakken har
`links.next`/`links.prev` og en `Link`-header.

**Grenser:** 120 forespørsler i minuttet per klient og endepunktgruppe; over grensen svarer API-et 429.

**Skriving:** organisasjonens administratorer lager API-nøkler under organisasjonen
(«API-nøkler»). Send nøkkelen som `Authorization: Bearer <nøkkel>`. Nøkkelen vises bare én gang
og lagres bare som hash; trekk den tilbake om den kan være kjent for andre."""


def openapi_path(rule: str) -> str:
    """Flask rule → OpenAPI path: /needs/<int:need_id> → /needs/{need_id}."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def api_paths(app: Flask) -> set[tuple[str, str]]:
    """(OpenAPI path, lower-case method) for every /api/v1 route of the app."""
    out = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                out.add((openapi_path(rule.rule), method.lower()))
    return out


def _problem_response(status: int) -> dict:
    return {"description": PROBLEM_TITLES[status],
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _components() -> dict:
    # The needs domain owns the shape (portal/needs/api.py need_detail); only the stable core is fixed here.
    need = {"type": "object", "required": ["id", "title", "status"], "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "status": {"type": "string"},
        "external_id": NULL_STR}}
    package = {"type": "object", "required": ["uri", "version", "publishedDate", "publisher", "releases"],
               "description": "OCDS 1.1 release package; hver release følger release-schema 1.1.5.",
               "properties": {"uri": {"type": "string"}, "version": {"type": "string"},
                              "publishedDate": {"type": "string"}, "publisher": OBJ, "license": {"type": "string"},
                              "links": {"type": "object", "additionalProperties": {"type": "string"}},
                              "releases": {"type": "array", "items": {
                                  "type": "object", "required": ["ocid", "id", "date", "tag", "initiationType"]}}}}
    records = {"type": "object", "required": ["uri", "version", "publishedDate", "publisher", "records"],
               "description": "OCDS 1.1 record package: per behov alle releaser og compiledRelease (som ocdskit compile).",
               "properties": {"uri": {"type": "string"}, "version": {"type": "string"},
                              "publishedDate": {"type": "string"}, "publisher": OBJ, "license": {"type": "string"},
                              "links": {"type": "object", "additionalProperties": {"type": "string"}},
                              "records": {"type": "array", "items": {
                                  "type": "object", "required": ["ocid", "releases", "compiledRelease"]}}}}
    problem = {"type": "object", "required": ["title", "status"], "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "errors": {"type": "object", "additionalProperties": {"type": "string"}}}}
    return {
        "schemas": {"Problem": problem, "Need": need, "OcdsReleasePackage": package,
                    "OcdsRecordPackage": records},
        "responses": {f"Problem{s}": _problem_response(s) for s in PROBLEM_TITLES},
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                           "description": "API-nøkkel for en oppdragsgiver-organisasjon."}},
    }


def spec(app: Flask) -> dict:
    """The spec, with only the operations the app routes (so it never promises a missing route)."""
    from portal.needs.queries import dialogue_filter_available

    routed = api_paths(app)
    out: dict = {}
    for path, item in paths(dialogue_filter_available()).items():
        ops = {m: o for m, o in item.items() if (path, m) in routed}
        if ops:
            out[path] = ops
    return {
        "openapi": "3.1.0",
        "info": {"title": "Møteplassen API", "version": "1.0.0", "description": DESCRIPTION,
                 "license": {"name": "NLOD 2.0", "url": "https://data.norge.no/nlod/no/2.0"}},
        "servers": [{"url": app.config["BASE_URL"]}],
        "tags": [{"name": t} for t in ("Behov", "Behov (skriving)", "Leverandører", "Søk", "Markedsdialog",
                                       "Åpne data", "Om API-et")],
        "paths": out,
        "components": _components(),
    }
