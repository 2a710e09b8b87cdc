"""The English catalogue covers every string of the interface (bokmål is the source language)."""

from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parents[1] / "portal/translations/en/LC_MESSAGES/messages.po"


def test_every_message_has_an_english_translation():
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh)
    missing = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"untranslated (run `make messages` and translate): {missing[:10]}"
    assert not fuzzy, f"fuzzy translations to review: {fuzzy[:10]}"


def test_english_pages_are_in_english(client):
    client.post("/sprak", data={"lang": "en"})
    page = client.get("/").get_data(as_text=True)
    assert "Log in" in page and "Logg inn" not in page
    assert "Page not found" in client.get("/finnes-ikke").get_data(as_text=True)
