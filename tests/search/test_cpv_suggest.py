"""CPV suggestions a buyer sees under "Foreslåtte CPV-koder" (model learnt from the CPV labels and the notices)."""

import pytest

from portal.reference import cpv
from portal.search.cpv_suggest import suggest


def divisions(text, limit=3):
    return [s["code"][:2] for s in suggest(text, limit)]


@pytest.mark.parametrize("text, division", [
    ("Vask av kommunale bygg", "90"),  # bokmål, a synonym of renhold
    ("Reinhald av skular og barnehagar", "90"),  # nynorsk
    ("Snow clearing of school yards", "90"),  # English
    ("Snøbryting av kommunale veier", "90"),  # typo
    ("Kjøp av matvarer til sjukeheimen", "15"),
    ("Framework agreement for laptops and monitors", "30"),
    ("Rammeavtale for skadedyrbekjempelse", "90"),  # the CPV label writes skadedyrsbekjempelse
])
def test_expected_division_in_top_three(text, division):
    assert division in divisions(text)


@pytest.mark.parametrize("text, division", [
    # Long notice-style texts: the boilerplate (rammeavtale, oppdragsgiver, opsjon) must not decide.
    ("Kommunen inviterer til åpen anbudskonkurranse om rammeavtale. Oppdragsgiver skal inngå avtale med én "
     "leverandør for levering av matvarer til sykehjem og barnehager. Avtalen gjelder i 2 år med opsjon på 1+1 år.",
     "15"),
    ("Oppdragsgiver ønsker å inngå rammeavtale med inntil tre leverandører. Konkurransen gjelder kjøp av "
     "revisjonstjenester for kommunens foretak. Se konkurransegrunnlaget for detaljer.", "79"),
    ("Brøytetenester og strøing på kommunale vegar", "90"),  # nynorsk compound
    ("Security guard services for the town hall", "79"),
])
def test_expected_division_first(text, division):
    assert divisions(text, 1) == [division]


def test_suggestions_are_real_codes_from_three_divisions():
    results = suggest("Renhold av kontorlokaler og vinduspuss", 5)
    assert len(results) == 5 and len({r["code"] for r in results}) == 5
    assert all(r["code"] in cpv() and r["label"] == cpv()[r["code"]]["no"] for r in results)
    assert len({r["code"][:2] for r in results[:3]}) == 3
    assert all(0 < r["score"] <= 1 for r in results)
    assert results[0]["code"].startswith("909")


def test_most_specific_confident_code_first():
    assert suggest("Snøbrøyting og strøing av kommunale veier", 1)[0]["code"] == "90620000"


def test_limit_and_texts_without_known_words():
    assert len(suggest("Renhold av kommunale bygg", 2)) == 2
    assert suggest("xyzzy qwerty", 5) == []
    assert suggest("", 5) == []


@pytest.mark.parametrize("text, division", [
    # Words buyers use that the official CPV labels do not (portal/data/cpv_everyday.tsv).
    ("Leie av lokaler til nytt legekontor", "70"),  # the labels say "Utleie … av egen fast eiendom"
    ("Brukarstyrt personleg assistanse (BPA)", "85"),  # nynorsk; the label says "Omsorg for handikappede"
    ("Meals on wheels for elderly people living at home", "55"),
    ("Kjøp av strøm til kommunale bygg", "09"),  # the label says "Elektrisitet"
])
def test_everyday_words_find_their_division(text, division):
    assert division in divisions(text)


def test_everyday_words_are_tied_to_real_codes_one_line_each():
    from portal.search.cpv_suggest import everyday, features
    rows = everyday()
    assert len(rows) > 300
    assert [code for code, _ in rows if code not in cpv()] == []
    codes = [code for code, _ in rows]
    assert sorted({c for c in codes if codes.count(c) > 1}) == []
    # Every phrase teaches something: a phrase of stop words only (ved, R&D) would be an empty document.
    empty = [(code, p) for code, words in rows for p in words.split(";") if not any(
        f.startswith("=") for f in features(p))]
    assert empty == []
