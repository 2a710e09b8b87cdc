"""Norwegian analysis: stemming, compounds, accent folding, synonyms."""

import pytest

from portal.search.analysis import analyse_word, decompound, terms
from portal.search.query import units


def test_stemming_joins_inflections():
    assert analyse_word("renholdet")[0] == analyse_word("renhold")[0]
    assert analyse_word("ladestasjoner")[0] == analyse_word("ladestasjon")[0]


@pytest.mark.parametrize("word, parts", [
    ("renholdstjenester", ("renhold", "tjenester")),
    ("velferdsteknologiske", ("velferd", "teknologiske")),
    ("barnehageplasser", ("barnehage", "plasser")),
])
def test_compounds_are_split_against_the_vocabulary(word, parts):
    assert decompound(word) == parts
    assert analyse_word(parts[0])[0] in analyse_word(word)


def test_ordinary_words_are_not_split():
    assert decompound("transport") == ()
    assert decompound("kommune") == ()


def test_accents_are_folded():
    assert analyse_word("rengjoring") == analyse_word("rengjøring")[:1]
    assert analyse_word("kafé") == analyse_word("kafe")


def test_stop_words_are_dropped_in_both_languages():
    assert terms("av og for the of") == []


def test_synonyms_expand_the_query():
    (word, alts), = units("rengjøring")
    text = " ".join(str(a) for a in alts)
    assert "renhold" in text and "cleaning" in text


def test_multi_word_synonym_is_one_unit():
    us = units("digitale trygghetsløsninger")
    assert len(us) == 1
    assert "velferdsteknologi" in " ".join(str(a) for a in us[0][1])
