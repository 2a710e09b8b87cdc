"""Markdown rendered and sanitised with nh3, for every user-written rich text."""

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
