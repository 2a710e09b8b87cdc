"""User text: Markdown rendered and sanitised with nh3; control characters cleaned from names and texts."""

import re
from html import unescape

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "hr",
}


def render_markdown(text: str | None) -> Markup:
    """Markdown → sanitised HTML safe to put in a page."""
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704  # nosec B704


def plain_text(text: str | None) -> str:
    """Markdown → plain text (for feeds, mails, CSV, open data, summaries and search): the characters as
    written, «&» not «&amp;»; whoever puts it in HTML or XML escapes it once."""
    return unescape(nh3.clean(_md.render(text or ""), tags=set())).strip()


# C0 and C1 control characters, DEL included; line breaks and tabs are handled apart.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def single_line(text: str) -> str:
    """A name or title: line breaks and tabs become spaces, other control characters (NUL…) go."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text).replace("\n", " ").replace("\t", " "))


def multi_line(text: str) -> str:
    """A text area: line breaks become \\n and tabs stay; other control characters (NUL…) go."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))
