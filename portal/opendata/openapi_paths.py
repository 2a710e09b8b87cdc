"""Path items of the OpenAPI spec, keyed by OpenAPI path; only paths the app really routes are published."""

from portal.flags import FLAG_VALUES
from portal.needs.models import NeedKind, NeedStatus, Procedure, Threshold
from portal.reference import counties, cpv_divisions, municipalities
from portal.search.params import CPV_GET_MAX, CPV_POST_MAX
from portal.suppliers.choices import CERTIFICATIONS

OBJ = {"type": "object"}
NULL_STR = {"type": ["string", "null"]}
NULL_INT = {"type": ["integer", "null"]}


def q(name, schema, description="", required=False, explode=None):
    p = {"name": name, "in": "query", "required": required, "schema": schema, "description": description}
    if explode is not None:
        p["explode"] = explode
    return p


def path_id(name, description):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}


def ok(schema, description="OK", headers=None):
    resp = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        resp["headers"] = headers
    return resp


def errors(*codes):
    return {str(c): {"$ref": f"#/components/responses/Problem{c}"} for c in codes}


def op(summary, tag, responses, parameters=(), **extra):
    data = {"summary": summary, "tags": [tag], "operationId": extra.pop("operation_id"),
            "parameters": list(parameters), "responses": responses}
    data.update(extra)
    return data


FLAG = {"type": "string", "enum": list(FLAG_VALUES)}
LIMIT = q("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, "Antall treff per side.")
OFFSET_MAX = 10_000_000
LIST = {"type": "object", "required": ["results"],
        "properties": {"total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
                       "results": {"type": "array", "items": OBJ}}}
NEED = {"$ref": "#/components/schemas/Need"}


def offset(maximum=OFFSET_MAX):
    return q("offset", {"type": "integer", "minimum": 0, "maximum": maximum, "default": 0}, "Hopp over så mange treff.")


def need_filters(dialogue_available: bool) -> list[dict]:
    params = [
        q("kind", {"type": "string", "enum": [k.value for k in NeedKind]}, "Behov eller planlagt anskaffelse."),
        q("status", {"type": "string", "enum": [s.value for s in NeedStatus if s != NeedStatus.DRAFT]}),
        q("county", {"type": "string", "enum": sorted(counties())}, "Fylkesnummer (2024)."),
        q("municipality", {"type": "string", "enum": sorted(municipalities())}, "Kommunenummer (2024)."),
        q("cpv", {"type": "string", "enum": sorted(cpv_divisions())}, "CPV-hovedgruppe (to sifre)."),
        q("value_min", {"type": "integer", "minimum": 0, "maximum": 10**13}, "Estimert verdi minst (NOK)."),
        q("value_max", {"type": "integer", "minimum": 0, "maximum": 10**13}, "Estimert verdi høyst (NOK)."),
        q("innovation", FLAG, "true/1: bare innovative anskaffelser; false/0: bare de som ikke er det."),
        q("sort", {"type": "string", "enum": ["newest", "notice"], "default": "newest"}),
    ]
    if dialogue_available:
        params.append(q("dialogue", FLAG, "true/1: bare behov med dialogarrangement; false/0: bare uten."))
    return params


def search_facets() -> list[dict]:
    """The facet filters of /api/v1/search; each applies to its own type and is checked for both."""
    from portal.search.params import MAX_VALUES, facet_values

    def facet(name: str, description: str) -> dict:
        return q(name, {"type": "array", "items": {"type": "string", "enum": sorted(facet_values(name))},
                        "maxItems": MAX_VALUES}, description, explode=True)

    return [facet("kind", "Behov: type."), facet("status", "Behov: status."),
            facet("size", "Leverandører: størrelse."), facet("social", "Leverandører: 1 = sosial entreprenør."),
            facet("cert", "Leverandører: sertifisering.")]


def need_write_schema(create: bool) -> dict:
    text = {"type": "string", "maxLength": 20000}
    props = {
        "kind": {"type": "string", "enum": [k.value for k in NeedKind]},
        "title": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": r"\S"},
        "summary": {"type": "string", "maxLength": 600},
        "problem_md": {**text, "description": "Problembeskrivelse (Markdown)."},
        "effects": text, "affected": text, "success_criteria": text,
        "value_min_nok": {"type": ["integer", "null"], "minimum": 0, "maximum": 10**13},
        "value_max_nok": {"type": ["integer", "null"], "minimum": 0, "maximum": 10**13},
        "threshold": {"type": ["string", "null"], "enum": [t.value for t in Threshold] + [None]},
        "procedure": {"type": ["string", "null"], "enum": [p.value for p in Procedure] + [None]},
        "dialogue_start": {"type": ["string", "null"], "format": "date"},
        "dialogue_end": {"type": ["string", "null"], "format": "date"},
        "planned_notice_date": {"type": ["string", "null"], "format": "date"},
        "planned_contract_start": {"type": ["string", "null"], "format": "date"},
        "deadline": {"type": ["string", "null"], "format": "date"},
        "is_innovation": {"type": "boolean"}, "wants_apprentices": {"type": "boolean"},
        "is_reserved_social": {"type": "boolean"},
        "lots_planned": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000},
        "lots_notes": text, "env_weight_pct": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
        "eco_labels": {"type": "string", "maxLength": 500}, "circular_notes": text, "social_notes": text,
        "contact_name": {"type": "string", "maxLength": 200},
        "contact_email": {"type": "string", "maxLength": 254},
        "contact_phone": {"type": "string", "maxLength": 40},
        "cpv_main": {"type": ["string", "null"], "pattern": r"^\d{8}(-\d)?$",
                     "description": "Hoved-CPV-kode (8 sifre, kontrollsiffer valgfritt)."},
        "cpv_additional": {"type": "array", "items": {"type": "string", "pattern": r"^\d{8}(-\d)?$"}, "maxItems": 50},
        "places": {"type": "array", "items": {"type": "string", "pattern": r"^\d{2}(\d{2})?$"}, "maxItems": 100,
                   "description": "Fylkes- eller kommunenumre."},
        "external_id": {"type": "string", "minLength": 1, "maxLength": 100,
                        "description": "Id i deres eget saksbehandlingssystem (unik i organisasjonen)."},
        "publish": {"type": "boolean", "description": "Publiser behovet (krever verifisert organisasjon)."},
    }
    if not create:
        props |= {
            "status": {"type": "string", "enum": [s.value for s in NeedStatus if s != NeedStatus.DRAFT],
                       "description": "Ny status i livsløpet (som i nettskjemaet): in_dialogue, announced "
                                      "(krever doffin_reference), awarded, closed, cancelled (krever status_reason)."},
            "status_reason": {"type": "string", "maxLength": 2000, "description": "Begrunnelse, påkrevd ved avlysning."},
            "doffin_reference": {"type": "string", "maxLength": 100,
                                 "description": "Doffin-referansen, påkrevd når behovet er kunngjort."},
        }
    schema = {"type": "object", "properties": props, "additionalProperties": False}
    if create:
        schema["required"] = ["title"]
    return schema


def paths(dialogue_available: bool) -> dict:
    bearer = [{"bearerAuth": []}]
    return {
        "/api/v1/needs": {
            "get": op("Publiserte behov og planlagte anskaffelser", "Behov",
                      {"200": ok(LIST), **errors(400, 429)},
                      [LIMIT, offset(), *need_filters(dialogue_available)], operation_id="listNeeds"),
            "post": op("Opprett et behov fra eget saksbehandlingssystem", "Behov (skriving)",
                       {"201": ok(NEED, "Opprettet", {"Location": {"schema": {"type": "string"}}}),
                        **errors(400, 401, 403, 409, 415, 422, 429)}, security=bearer, operation_id="createNeed",
                       requestBody={"required": True, "content": {"application/json": {
                           "schema": need_write_schema(create=True)}}}),
        },
        "/api/v1/needs/{need_id}": {
            "get": op("Ett behov", "Behov", {"200": ok(NEED), **errors(404, 429)},
                      [path_id("need_id", "Behovets id.")], operation_id="getNeed"),
            "patch": op("Endre et behov (bare feltene som sendes)", "Behov (skriving)",
                        {"200": ok(NEED), **errors(400, 401, 403, 404, 409, 415, 422, 429)},
                        [path_id("need_id", "Behovets id.")], security=bearer, operation_id="updateNeed",
                        requestBody={"required": True, "content": {"application/json": {
                            "schema": need_write_schema(create=False)}}}),
        },
        "/api/v1/needs/{need_id}/inputs": {
            "get": op("Innspill på et behov som den som spør kan lese", "Leverandører",
                      {"200": ok(LIST), **errors(404, 429)}, [path_id("need_id", "Behovets id.")],
                      operation_id="listNeedInputs"),
        },
        "/api/v1/needs/{need_id}/matches": {
            "get": op("Leverandører som passer til et behov", "Søk",
                      {"200": ok(LIST), **errors(400, 404, 429, 503)},
                      [path_id("need_id", "Behovets id."),
                       q("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 20})],
                      operation_id="needMatches"),
        },
        "/api/v1/needs/{need_id}/events": {
            "get": op("Dialogarrangementer på et behov", "Markedsdialog", {"200": ok(OBJ), **errors(404, 429)},
                      [path_id("need_id", "Behovets id.")], operation_id="listNeedEvents"),
        },
        "/api/v1/events/{event_id}": {
            "get": op("Ett dialogarrangement", "Markedsdialog", {"200": ok(OBJ), **errors(404, 429)},
                      [path_id("event_id", "Arrangementets id.")], operation_id="getEvent"),
        },
        "/api/v1/suppliers": {
            "get": op("Leverandørkatalogen", "Leverandører", {"200": ok(LIST), **errors(400, 429)}, [
                LIMIT, offset(),
                q("q", {"type": "string", "maxLength": 200}, "Navn inneholder."),
                q("municipality", {"type": "string", "enum": sorted(municipalities())}),
                q("county", {"type": "string", "enum": sorted(counties())}),
                q("cpv", {"type": "string", "enum": sorted(cpv_divisions())}, "CPV-hovedgruppe (to sifre)."),
                q("size", {"type": "array", "items": {"type": "string", "enum": ["micro", "small", "medium", "large"]},
                           "maxItems": 4}, explode=True),
                q("social_enterprise", FLAG, "true/1: bare sosiale entreprenører; false/0: bare andre."),
                q("certification", {"type": "string", "enum": sorted(CERTIFICATIONS)}, "Gyldig sertifisering."),
            ], operation_id="listSuppliers"),
        },
        "/api/v1/suppliers/{supplier_id}": {
            "get": op("Én leverandørprofil", "Leverandører", {"200": ok(OBJ), **errors(404, 429)},
                      [path_id("supplier_id", "Profilens id.")], operation_id="getSupplier"),
        },
        "/api/v1/suppliers/{supplier_id}/matches": {
            "get": op("Behov som passer til en leverandør", "Søk",
                      {"200": ok(LIST), **errors(400, 404, 429, 503)},
                      [path_id("supplier_id", "Profilens id."),
                       q("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 20})],
                      operation_id="supplierMatches"),
        },
        "/api/v1/search": {
            "get": op("Fritekstsøk i behov eller leverandører", "Søk", {"200": ok(LIST), **errors(400, 429, 503)}, [
                q("q", {"type": "string", "maxLength": 200}, "Søketekst."),
                q("type", {"type": "string", "enum": ["need", "supplier"], "default": "need"}),
                q("sort", {"type": "string", "enum": ["relevance", "newest", "planned"], "default": "relevance"}),
                q("limit", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
                q("offset", {"type": "integer", "minimum": 0, "maximum": 10_000, "default": 0}),
                q("county", {"type": "array", "items": {"type": "string", "enum": sorted(counties())},
                             "maxItems": 5}, explode=True),
                q("division", {"type": "array", "items": {"type": "string", "enum": sorted(cpv_divisions())},
                               "maxItems": 5}, explode=True),
                *search_facets(),
            ], operation_id="search"),
        },
        "/api/v1/cpv/suggest": {
            "get": op("Foreslå CPV-koder for en kort tekst", "Søk", {"200": ok(LIST), **errors(400, 429, 503)}, [
                q("text", {"type": "string", "minLength": 1, "maxLength": CPV_GET_MAX, "pattern": r"\S"},
                  f"Beskrivelse av behovet (høyst {CPV_GET_MAX} tegn; lengre tekst: POST).", required=True),
                q("limit", {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}),
            ], operation_id="suggestCpv"),
            "post": op("Foreslå CPV-koder for en lang tekst", "Søk", {"200": ok(LIST), **errors(400, 429, 503)},
                       operation_id="suggestCpvLong", requestBody={"required": True, "content": {"application/json": {
                           "schema": {"type": "object", "required": ["text"], "properties": {
                               "text": {"type": "string", "minLength": 1, "maxLength": CPV_POST_MAX, "pattern": r"\S",
                                        "description": "Beskrivelse av behovet."},
                               "limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}}}}}}),
        },
        "/api/v1/ocds/releases": {
            "get": op("Gjeldende OCDS-release for alle publiserte behov", "Åpne data",
                      {"200": ok({"$ref": "#/components/schemas/OcdsReleasePackage"},
                                 headers={"X-Total-Count": {"schema": {"type": "string"}},
                                          "Link": {"schema": {"type": "string"}}}),
                       **errors(400, 404, 429)},
                      [LIMIT, offset()], operation_id="ocdsReleases"),
        },
        "/api/v1/ocds/releases/{need_id}": {
            "get": op("Gjeldende OCDS-release for ett behov", "Åpne data",
                      {"200": ok({"$ref": "#/components/schemas/OcdsReleasePackage"}), **errors(404, 429)},
                      [path_id("need_id", "Behovets id.")], operation_id="ocdsRelease"),
        },
        "/api/v1/ocds/records": {
            "get": op("Alle publiserte behov som OCDS-recordpakke (alle releaser og samlet release)", "Åpne data",
                      {"200": ok({"$ref": "#/components/schemas/OcdsRecordPackage"},
                                 headers={"X-Total-Count": {"schema": {"type": "string"}},
                                          "Link": {"schema": {"type": "string"}}}),
                       **errors(400, 404, 429)},
                      [LIMIT, offset()], operation_id="ocdsRecords"),
        },
        "/api/v1/ocds/records/{need_id}": {
            "get": op("Ett behov som OCDS-record", "Åpne data",
                      {"200": ok({"$ref": "#/components/schemas/OcdsRecordPackage"}), **errors(404, 429)},
                      [path_id("need_id", "Behovets id.")], operation_id="ocdsRecord"),
        },
        "/api/v1/openapi.json": {
            "get": op("Denne API-beskrivelsen (OpenAPI 3.1)", "Om API-et", {"200": ok(OBJ), **errors(429)},
                      operation_id="openapi"),
        },
        "/api/v1/docs": {
            "get": op("Dokumentasjon for mennesker (HTML)", "Om API-et",
                      {"200": {"description": "HTML-side", "content": {"text/html": {"schema": {"type": "string"}}}},
                       **errors(429)}, operation_id="docs"),
        },
    }
