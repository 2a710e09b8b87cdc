"""The cached one-step tokenizer emits exactly the tokens of the Whoosh filter chain it replaces."""

import pytest
from whoosh.highlight import highlight

from portal.search import analysis
from portal.search.analysis import filter_chain_analyzer, norwegian_analyzer, notices, terms

MODES = [
    {"mode": "index"},                                                  # what the index stores
    {"mode": "query"},                                                  # query parsing
    {"mode": "query", "chars": True, "removestops": False},             # highlighting
    {"mode": "index", "positions": True, "chars": True, "keeporiginal": True, "start_pos": 3, "start_char": 7},
    {"mode": "query", "tokenize": False},
]
FIELDS = ("text", "stopped", "pos", "startchar", "endchar", "original")


def _tokens(analyzer, text, kwargs):
    return [tuple(getattr(t, f, None) for f in FIELDS) for t in analyzer(text, **kwargs)]


def _texts():
    rows = notices()
    if not rows:
        pytest.skip("the Doffin notices are not available")
    tricky = "Å ÅS og i 3D-print, café Über Straße_x renholdstjenestene ÖSTERÅS av the A4 velferdsteknologiske"
    return [f"{n['title']}\n{n.get('description') or ''}" for n in rows] + [tricky, "", "og"]


@pytest.mark.parametrize("kwargs", MODES, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()))
def test_fast_tokenizer_matches_the_filter_chain_on_every_notice(kwargs):
    analysis._WORDS.clear()  # a cold cache and a warm one must both agree
    chain, fast = filter_chain_analyzer(), norwegian_analyzer()
    texts = _texts()
    if kwargs.get("tokenize") is False:
        texts = [w for text in texts[:50] for w in text.split()[:20]]
    for text in texts:
        assert _tokens(fast, text, kwargs) == _tokens(chain, text, kwargs), text[:80]
    assert len(texts) > 1000 or kwargs.get("tokenize") is False


def test_terms_are_the_indexed_tokens_without_stop_words():
    chain = filter_chain_analyzer()
    for text in _texts()[:300]:
        assert terms(text) == [t.text for t in chain(text)]


def test_highlights_still_mark_the_matched_words():
    from whoosh.highlight import ContextFragmenter, HtmlFormatter

    body = "Vi søker renholdstjenester og rengjøring av skoler i kommunen."
    out = highlight(body, {"renhold", "rengjoring"}, norwegian_analyzer(), ContextFragmenter(), HtmlFormatter())
    assert "renholdstjenester</strong>" in out and "rengjøring</strong>" in out
    assert out == highlight(body, {"renhold", "rengjoring"}, filter_chain_analyzer(), ContextFragmenter(),
                            HtmlFormatter())


def test_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(analysis, "WORD_CACHE_MAX", 5)
    analysis._WORDS.clear()
    assert terms("ladestasjoner til kommunens renholdstjenester og barnehageplasser i byen") == \
        [t.text for t in filter_chain_analyzer()("ladestasjoner til kommunens renholdstjenester og "
                                                 "barnehageplasser i byen")]
    assert len(analysis._WORDS) <= 5


def test_plain_text_shortcut_renders_like_markdown():
    import random

    from portal.search.documents import plain_text
    from portal.text import plain_text as rendered

    rows = notices()
    texts = [n.get("description") or "" for n in rows]
    pieces = ["ord", "Å", "renhold", " ", "  ", "    ", "\n", "\n\n", "\n   ", "1.", "2)", "-", "+", "*", "_",
              "#", ">", "<b>", "&amp;", "&", "`", "~~~", "|", "=", "\t", "\r\n", "\xa0", "\\", "[x](y)", "!",
              "\"", "'", "é", ":", "http://a.no", "---", "\u2003", "\x0c", "(", ")", "."]
    rng = random.Random(5)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert plain_text(text) == rendered(text), repr(text)
    assert plain_text(None) == ""


def test_plain_text_is_the_text_as_written_not_html():
    from portal.text import plain_text

    # Feeds, mails, CSV, open data and imported summaries escape it themselves, once.
    assert plain_text("Brøyting & strøing **nå** <vei>") == "Brøyting & strøing nå <vei>"


def test_fast_fields_index_the_same_postings_as_plain_text_fields():
    from whoosh.fields import TEXT

    from portal.search.analysis import spelling_analyzer
    from portal.search.index import make_schema

    schema = make_schema()
    reference = {"title": TEXT(analyzer=filter_chain_analyzer(), field_boost=2.0, phrase=False),
                 "text": TEXT(analyzer=filter_chain_analyzer(), phrase=False),
                 "spell": TEXT(analyzer=spelling_analyzer(), phrase=False)}
    for text in _texts() + ["İSTANBUL Straße ÆØÅ æøå ŉ ǅ"]:
        for name, field in reference.items():
            assert sorted(schema[name].index(text)) == sorted(field.index(text)), (name, text[:80])
