"""The search documents of the references page, built from the survey instead of parsed back
out of its HTML.

Material's search plugin parses every page's HTML to split it into one document per heading.
On /references/ that is one parse over every reference (0.2 s at 1,000 references, 2 s at
10,000), for documents we can write down directly: the page's intro, then per reference its
heading text as the title and its links paragraph as the text ("cited in" is excluded from
search). `search_text` writes a fragment of our own markup the way that indexer does; a test
holds the result equal to the index mkdocs alone makes of the same page.
"""

from __future__ import annotations

import html
import re

from bmsurvey.render.pages import Renderer

# The tags Material's indexer keeps in titles and texts; every other tag is dropped, its text kept.
_KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")


def search_text(fragment: str, title: bool = False) -> str:
    """A fragment of our markup (no `pre`, no excluded or void elements) as indexed text."""
    out: list[str] = []
    pos = 0
    for m in _TAG.finditer(fragment):
        _data(out, fragment[pos:m.start()], title)
        tag = m.group(2).lower()
        if tag in _KEEP:
            if not m.group(1):
                out.append(f"<{tag}>")
            else:
                # An element holding only whitespace is dropped, opening tag included.
                index = out.index(f"<{tag}>")
                if all(piece.isspace() for piece in out[index + 1:]):
                    del out[index:]
                else:
                    out.append(f"</{tag}>")
        pos = m.end()
    _data(out, fragment[pos:], title)
    return "".join(out).strip()


def _data(out: list[str], raw: str, title: bool) -> None:
    if not raw:
        return
    data = html.unescape(raw)
    if data.isspace():
        # Whitespace between tags is one space; the text side also folds repeats.
        if title or not out or not out[-1].isspace():
            out.append(" ")
        return
    out.append(html.escape(data.replace("\n", " "), quote=False))


def references_docs(renderer: Renderer, url: str) -> list[dict[str, str]]:
    """The documents of the references page served at `url` (e.g. "references/")."""
    docs = [{"location": url, "title": "References",
             "text": search_text(renderer.references_intro())}]
    for key in renderer.references_keys():
        docs.append({"location": f"{url}#{key}",
                     "title": search_text(renderer.reference(key), title=True),
                     "text": search_text(renderer.reference_links(key))})
    return docs
