"""/sok, the JSON API and the match pages."""

import pytest

from tests.search.helpers import buyer, published_need, supplier


@pytest.fixture
def corpus(app):
    user, org = buyer()
    c = type("Corpus", (), {})()
    c.cleaning = published_need(user, org, "Renholdstjenester for rådhuset",
                                problem="Daglig rengjøring av kontorer & <møterom>.", cpv="90911200")
    c.welfare = published_need(user, org, "Velferdsteknologiske løsninger for hjemmetjenesten",
                               problem="Digitalt tilsyn og trygghetsalarmer.", cpv="33196200")
    c.charging = published_need(user, org, "Ladestasjoner ved sykehjemmet", problem="Elbillading for ansatte.",
                                cpv="31158100", places=("03",))
    c.renhold = supplier("Fjord Renhold AS", "Vi tilbyr renhold og vinduspuss i Bergen.", cpv=("90911200",))
    c.social = supplier("Arbeid og Vask SA", "Arbeidsinkludering gjennom rengjøring.", cpv=("90910000",),
                        social=True, municipalities=("5001",))
    c.national = supplier("Landsdekkende Rens AS", "Rengjøring over hele landet.", cpv=("90900000",),
                          municipalities=(), nationwide=True)
    c.oslo = supplier("Oslo Lading AS", "Ladestasjoner og elbilladere.", cpv=("31158100",),
                      municipalities=("0301",))
    return c


def titles(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    return [x.get("title") or x.get("name") for x in r.json["results"]]


@pytest.mark.parametrize("q, expected", [
    ("renholdet", "Renholdstjenester for rådhuset"),
    ("rengjøring rådhus", "Renholdstjenester for rådhuset"),
    ("cleaning", "Renholdstjenester for rådhuset"),
    ("velferdsteknologi", "Velferdsteknologiske løsninger for hjemmetjenesten"),
    ("digitale trygghetsløsninger", "Velferdsteknologiske løsninger for hjemmetjenesten"),
    ("ladestasjon", "Ladestasjoner ved sykehjemmet"),
    ("charging station", "Ladestasjoner ved sykehjemmet"),
    ("sjukeheim", "Ladestasjoner ved sykehjemmet"),
    ("ladestasjner", "Ladestasjoner ved sykehjemmet"),
])
def test_search_api_finds_variants(client, corpus, q, expected):
    assert titles(client, f"/api/v1/search?q={q}")[0] == expected


def test_search_api_shape_and_paging(client, corpus):
    r = client.get("/api/v1/search?q=&type=need&limit=2&offset=1")
    body = r.json
    assert body["total"] == 3 and len(body["results"]) == 2 and body["suggestion"] is None
    assert set(body["results"][0]) == {"id", "external_id", "title", "snippet", "score"}
    assert [x["score"] for x in body["results"]] == [None, None]  # listed by date: no relevance
    r = client.get("/api/v1/search?q=rengjøring&type=supplier&social=1")
    assert [x["name"] for x in r.json["results"]] == ["Arbeid og Vask SA"] and r.json["results"][0]["score"] > 0
    r = client.get("/api/v1/search?q=rengjøring&type=supplier&sort=newest")
    assert r.json["results"] and all(x["score"] is None for x in r.json["results"])


def test_spelling_suggestion(client, corpus):
    body = client.get("/api/v1/search?q=vinduspus&type=supplier").json
    assert body["suggestion"] == "vinduspuss"
    assert [x["name"] for x in body["results"]][0] == "Fjord Renhold AS"


def test_typo_of_a_word_no_document_has_is_corrected_and_its_synonyms_found(client, corpus):
    # "cleaning" is in no document, only in the synonym list (renhold, rengjøring, cleaning, …).
    body = client.get("/api/v1/search?q=cleening&type=need").json
    assert body["suggestion"] == "cleaning"
    assert [x["title"] for x in body["results"]][0] == "Renholdstjenester for rådhuset"


def test_a_word_of_the_synonym_list_is_not_corrected_to_an_indexed_word(client, corpus):
    body = client.get("/api/v1/search?q=snow+clearing&type=need").json
    assert body["suggestion"] is None  # not "snow cleaning"
    assert "Renholdstjenester for rådhuset" not in [x["title"] for x in body["results"]]


@pytest.mark.parametrize("q", ["fort", "thee", "andd"])
def test_a_typo_is_never_corrected_to_a_stop_word(client, corpus, q):
    # «for», «the», «and» are in the synonym list's phrases; searching them would list everything.
    body = client.get(f"/api/v1/search?q={q}&type=need").json
    assert body["suggestion"] is None
    assert body["total"] == 0


def test_a_common_part_of_a_compound_does_not_widen_a_precise_search(client, corpus):
    user, org = buyer()
    for what in ("Konsulent", "Tolke", "Transport", "Brøyte", "Vekter", "Revisjons"):
        published_need(user, org, f"{what}tjenester for kommunen", cpv="79000000")
    published_need(user, org, "Vaktmestertjenester ved skolen", cpv="98341130")
    # One need has the word; "tjenester" alone is in most of them and must not bring the rest in.
    assert titles(client, "/api/v1/search?q=vaktmestertjenester&type=need") == ["Vaktmestertjenester ved skolen"]


def test_fallback_finds_one_part_of_a_compound(client, corpus):
    # No need has "parkering": the fallback finds the need about the nursing home (sykehjem).
    assert titles(client, "/api/v1/search?q=sykehjemsparkering&type=need") == ["Ladestasjoner ved sykehjemmet"]


@pytest.mark.parametrize("query", ["type=tender", "limit=0", "limit=abc", "offset=-1", "limit=101",
                                   "status=secret", "sort=price", "county=99"])
def test_bad_search_params_are_400_problem_json(client, corpus, query):
    r = client.get(f"/api/v1/search?q=renhold&{query}")
    assert r.status_code == 400
    assert r.mimetype == "application/problem+json" and r.json["status"] == 400


def test_search_page_facets_snippets_and_escaping(client, corpus):
    page = client.get("/sok?q=rengjøring").text
    assert "Renholdstjenester for rådhuset" in page
    assert "<mark>rengjøring</mark>" in page
    assert "&lt;møterom&gt;" in page and "<møterom>" not in page
    assert "Status" in page and "Publisert (1)" in page
    sup = client.get("/sok?q=rengjøring&type=supplier&social=1").text
    assert "Arbeid og Vask SA" in sup and "Fjord Renhold AS" not in sup
    assert "Sosial entreprenør" in sup


def test_search_page_ignores_bad_params(client, corpus):
    r = client.get("/sok?q=renhold&type=nope&page=-3&sort=x&status=zzz")
    assert r.status_code == 200 and "Noen valg ble ikke brukt" in r.text


def test_need_matches_api_ranks_and_explains(client, corpus):
    r = client.get(f"/api/v1/needs/{corpus.cleaning.id}/matches?limit=5")
    results = r.json["results"]
    names = [m["supplier"]["name"] for m in results]
    assert names[0] == "Fjord Renhold AS"
    assert "Oslo Lading AS" not in names
    top = results[0]
    assert top["reasons"]["cpv"]["relation"] == "same_code"
    assert top["reasons"]["region"] == "municipality"
    assert "renhold" in " ".join(top["reasons"]["terms"]).lower()
    national = next(m for m in results if m["supplier"]["name"] == "Landsdekkende Rens AS")
    assert national["reasons"]["region"] == "nationwide" and national["reasons"]["cpv"]["relation"] == "covers"


def test_reserved_contract_prefers_social_enterprises(app, client, corpus):
    user, org = buyer(name="Trondheim kommune", municipality="5001")
    need = published_need(user, org, "Reservert kontrakt for rengjøring", problem="Rengjøring av skoler.",
                          cpv="90910000", places=("5001",), is_reserved_social=True)
    results = client.get(f"/api/v1/needs/{need.id}/matches").json["results"]
    assert results[0]["supplier"]["name"] == "Arbeid og Vask SA"
    assert results[0]["reasons"]["social_enterprise"] is True


def test_supplier_matches_api(client, corpus):
    results = client.get(f"/api/v1/suppliers/{corpus.oslo.id}/matches").json["results"]
    assert results[0]["need"]["name"] == "Ladestasjoner ved sykehjemmet"
    assert results[0]["reasons"]["region"] == "county"  # the need covers the whole county


@pytest.mark.parametrize("url, status", [
    ("/api/v1/needs/999999/matches", 404), ("/api/v1/needs/1/matches?limit=0", 400),
    ("/api/v1/suppliers/999999/matches", 404), ("/api/v1/needs/99999999999/matches", 404),
    ("/api/v1/cpv/suggest", 400), ("/api/v1/cpv/suggest?text=x&limit=50", 400),
])
def test_match_and_cpv_errors(client, corpus, url, status):
    r = client.get(url)
    assert r.status_code == status and r.mimetype == "application/problem+json"


def test_draft_need_has_no_matches(app, client):
    from portal.extensions import db
    from portal.needs import services as needs

    user, org = buyer()
    draft = needs.create_need(user, org, {"title": "Utkast", "summary": "x", "problem_md": "y"})
    db.session.commit()
    assert client.get(f"/api/v1/needs/{draft.id}/matches").status_code == 404
    assert client.get(f"/behov/{draft.id}/treff").status_code == 404


def test_cpv_suggest(client):
    r = client.get("/api/v1/cpv/suggest?text=Renhold av kontorlokaler og vinduspuss&limit=3")
    results = r.json["results"]
    assert len(results) == 3 and set(results[0]) == {"code", "label", "score"}
    assert results[0]["code"].startswith("909")


def test_match_pages_render(client, corpus):
    page = client.get(f"/behov/{corpus.cleaning.id}/treff")
    assert page.status_code == 200 and "Leverandører som kan passe" in page.text
    assert "Fjord Renhold AS" in page.text and "Samme CPV-kode: 90911200 Rengjøring av bygninger" in page.text
    client.post("/sprak", data={"lang": "en"})  # the reasons name the code in the reader's language
    assert "Same CPV code: 90911200 Building-cleaning services" in client.get(f"/behov/{corpus.cleaning.id}/treff").text
    client.post("/sprak", data={"lang": "nb"})
    page = client.get(f"/leverandorer/{corpus.oslo.id}/treff")
    assert page.status_code == 200 and "Behov som passer deg" in page.text
    assert "Ladestasjoner ved sykehjemmet" in page.text


def test_facet_counts_and_snippets_follow_a_new_publication(client, corpus):
    assert "Publisert (1)" in client.get("/sok?q=rengjøring").text
    user, org = buyer(name="Stord kommune", municipality="4614")
    published_need(user, org, "Rengjøring av skolebygg", problem="Ukentlig rengjøring av tre skoler.")
    page = client.get("/sok?q=rengjøring").text
    assert "Publisert (2)" in page and "Rengjøring av skolebygg" in page
    assert "Ukentlig <mark>rengjøring</mark>" in page
    body = client.get("/api/v1/search?q=rengjøring&limit=1&offset=1").json
    assert body["total"] == 2 and len(body["results"]) == 1 and "<mark>" in body["results"][0]["snippet"]


def test_cancelled_need_is_not_matched_by_its_cpv_code(client, corpus):
    from portal.extensions import db
    from portal.needs import services as needs

    user, org = buyer(name="Asker kommune", municipality="3203")
    other = published_need(user, org, "Utendørs belysning", problem="Lys på parkeringsplassen.", cpv="31158100")
    names = [m["need"]["name"] for m in client.get(f"/api/v1/suppliers/{corpus.oslo.id}/matches").json["results"]]
    assert "Utendørs belysning" in names  # found through the CPV code alone
    needs.cancel_need(user, other, "Avlyst")
    db.session.commit()
    names = [m["need"]["name"] for m in client.get(f"/api/v1/suppliers/{corpus.oslo.id}/matches").json["results"]]
    assert "Utendørs belysning" not in names and "Ladestasjoner ved sykehjemmet" in names
