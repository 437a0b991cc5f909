"""Untrusted Markdown -> safe HTML: CommonMark with GitHub's extensions (cmark-gfm, in C), then
an nh3 allowlist. cmark-gfm is ~17x faster than Python-Markdown here, and bodies are most of the
rendering work.

Contributed text never carries script, event handlers, javascript:/data: URLs, frames, forms,
styles or images; citations are swapped in after sanitising, as trusted HTML we build ourselves.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from bmsurvey.citations import Citation, find_citations

ALLOWED_TAGS = {
    "p", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "blockquote", "a", "sub",
    "sup", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "del", "abbr", "span",
    "dl", "dt", "dd",
}
ALLOWED_ATTRS = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
_TOKEN = "zqbmscite{}zq"

# UNSAFE only lets raw HTML through to nh3, which removes everything not on the allowlist.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SMART


def clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_html(text: str, cite: Callable[[Citation], str]) -> str:
    """Render untrusted Markdown with citations; `cite` returns trusted HTML for one citation."""
    citations = find_citations(text)
    pieces: list[str] = []
    last = 0
    for i, c in enumerate(citations):
        pieces.append(text[last:c.start])
        pieces.append(_TOKEN.format(i))
        last = c.end
    pieces.append(text[last:])
    html_out = cmarkgfm.github_flavored_markdown_to_html("".join(pieces), options=_OPTIONS)
    rendered = clean(html_out).strip()
    for i, c in enumerate(citations):
        rendered = rendered.replace(_TOKEN.format(i), cite(c), 1)
    return rendered


def escape_heading(text: str) -> str:
    """Text for a Markdown heading: no HTML, no Markdown, no attr_list braces."""
    out = html.escape(text, quote=True)
    for ch in "{}[]*_`\\#!|":
        out = out.replace(ch, f"&#{ord(ch)};")
    return out
