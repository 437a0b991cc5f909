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

from bmsurvey.core.citations import Citation, find_citations
from bmsurvey.core.xrefs import XRef, find_xrefs

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


def markdown_to_html(text: str, cite: Callable[[Citation], str],
                     xref: Callable[[XRef], str] | None = None) -> str:
    """Render untrusted Markdown with citations and cross-references; `cite` and `xref` return
    trusted HTML for one of each, swapped in after sanitising."""
    spans: list[tuple[int, int, Citation | XRef]] = [(c.start, c.end, c) for c in
                                                      find_citations(text)]
    if xref is not None:
        spans += [(x.start, x.end, x) for x in find_xrefs(text)]
        spans.sort(key=lambda s: s[0])
    pieces: list[str] = []
    last = 0
    kept: list[Citation | XRef] = []
    for start, end, item in spans:
        if start < last:
            continue  # overlapping spans cannot happen; never render one twice
        pieces.append(text[last:start])
        pieces.append(_TOKEN.format(len(kept)))
        kept.append(item)
        last = end
    pieces.append(text[last:])
    html_out = cmarkgfm.github_flavored_markdown_to_html("".join(pieces), options=_OPTIONS)
    rendered = clean(html_out).strip()
    for i, item in enumerate(kept):
        trusted = cite(item) if isinstance(item, Citation) else xref(item)  # type: ignore[misc]
        rendered = rendered.replace(_TOKEN.format(i), trusted, 1)
    return rendered


def inline_html(rendered: str) -> str:
    """A one-paragraph rendering without its `<p>`, for captions and table cells."""
    if rendered.startswith("<p>") and rendered.endswith("</p>") and \
            rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def escape_heading(text: str) -> str:
    """Text for a Markdown heading: no HTML, no Markdown, no attr_list braces."""
    out = html.escape(text, quote=True)
    for ch in "{}[]*_`\\#!|":
        out = out.replace(ch, f"&#{ord(ch)};")
    return out
