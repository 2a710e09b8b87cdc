"""Searching in bokmål, nynorsk or English finds needs written in another of them (synonyms, compounds)."""

import pytest

from tests.search.helpers import buyer, published_need


@pytest.fixture
def needs(app):
    user, org = buyer()
    published_need(user, org, "Renhold av skoler og barnehager", cpv="90911200",
                   problem="Daglig renhold av klasserom og garderober.")
    published_need(user, org, "Brøyting og strøing av kommunale veier", cpv="90620000",
                   problem="Snørydding av gang- og sykkelveier om vinteren.")
    published_need(user, org, "Velferdsteknologi for hjemmetjenesten", cpv="33196200",
                   problem="Trygghetsalarmer og digitalt tilsyn for hjemmeboende.")
    published_need(user, org, "Skoleskyss med minibuss", cpv="60130000", problem="Transport av elever til skolen.")
    published_need(user, org, "Kjøp av plasser for varig tilrettelagt arbeid", cpv="85312000",
                   problem="Arbeidstilbud for personer med uføretrygd.")


def search_titles(client, q):
    r = client.get("/api/v1/search", query_string={"q": q, "type": "need"})
    assert r.status_code == 200, r.text
    return [x["title"] for x in r.json["results"]]


@pytest.mark.parametrize("q, expected", [
    ("reinhald", "Renhold av skoler og barnehager"),  # nynorsk for renhold
    ("cleaning", "Renhold av skoler og barnehager"),
    ("renholdstjenester", "Renhold av skoler og barnehager"),  # the need never says "tjenester"
    ("snow clearing", "Brøyting og strøing av kommunale veier"),
    ("snøbrøytingstjenester", "Brøyting og strøing av kommunale veier"),
    ("velferdsteknologiløysingar", "Velferdsteknologi for hjemmetjenesten"),
    ("welfare technology", "Velferdsteknologi for hjemmetjenesten"),
    ("tryggleiksalarmar", "Velferdsteknologi for hjemmetjenesten"),
    ("skuleskyss", "Skoleskyss med minibuss"),
    ("school transport", "Skoleskyss med minibuss"),
    ("VTA-plasser", "Kjøp av plasser for varig tilrettelagt arbeid"),
    ("sheltered employment", "Kjøp av plasser for varig tilrettelagt arbeid"),
])
def test_a_query_in_another_language_or_form_finds_the_need_first(client, needs, q, expected):
    assert search_titles(client, q)[:1] == [expected]


def test_synonyms_do_not_pull_in_unrelated_needs(client, needs):
    assert search_titles(client, "reinhald") == ["Renhold av skoler og barnehager"]
    assert search_titles(client, "snow clearing") == ["Brøyting og strøing av kommunale veier"]


@pytest.mark.parametrize("q, expected", [
    ("straumforsyning", "Strømforsyning til kommunale bygg"),  # nynorsk straum = strøm, inside a compound
    ("leige av lokale", "Leie av lokaler til legekontor"),
    ("marknadsundersøking", "Markedsundersøkelse om ladestasjoner"),
])
def test_nynorsk_words_find_their_bokmal_forms(client, app, q, expected):
    user, org = buyer()
    published_need(user, org, "Strømforsyning til kommunale bygg", cpv="09310000", problem="Kraftavtale.")
    published_need(user, org, "Leie av lokaler til legekontor", cpv="70130000", problem="Kontorlokaler.")
    published_need(user, org, "Markedsundersøkelse om ladestasjoner", cpv="79310000", problem="Dialog.")
    published_need(user, org, "Renhold av skoler", cpv="90911200", problem="Daglig renhold.")
    assert search_titles(client, q)[:1] == [expected]
    # found as the same word, not by the loose fallback for typos («ord som ligner»)
    page = client.get("/sok", query_string={"q": q, "type": "need"}).get_data(as_text=True)
    assert expected in page and "ord som ligner" not in page
