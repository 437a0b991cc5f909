"""A generated page as Markdown structure plus raw HTML blocks kept apart.

Headings stay Markdown, so mkdocs' toc extension builds the table of contents, the permalinks
and the page title exactly as the site's configuration says. Everything else is HTML we built
(or sanitised) ourselves, which Python-Markdown would only pass through untouched, after
parsing it twice: once to find the end of each raw block, once for mkdocs' anchor list. At 1x
that is about a third of mkdocs' time on our pages. So the plugin hands Markdown a skeleton in
which each block is a one-line placeholder comment, and puts the blocks back into the HTML.
`markdown` (the whole page as one Markdown text) is what `bmsurvey render --out` writes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_SLOT = "<!--bms-block-{}-->"
_SLOT_RE = re.compile(r"<!--bms-block-(\d+)-->")
# Our blocks escape every attribute value and sanitised text has no raw `<`, so a ` id="` before
# the `>` of a tag is an id attribute. (nh3 removes ids from contributed HTML altogether.)
_ID_RE = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"]*)"')


class PlaceholderMismatch(RuntimeError):
    """A Markdown extension dropped or copied a block's placeholder: a bug or an incompatible
    extension, never a contributor's mistake."""


@dataclass
class PageSource:
    chunks: list[tuple[bool, str]] = field(default_factory=list)  # (is_html, text)

    def md(self, text: str) -> PageSource:
        """A Markdown block: a heading, or a line of Markdown we escaped ourselves."""
        self.chunks.append((False, text))
        return self

    def html(self, block: str) -> PageSource:
        """A raw HTML block, which must start with a block-level tag; empty blocks are dropped."""
        if block:
            self.chunks.append((True, block))
        return self

    @property
    def markdown(self) -> str:
        return "\n\n".join(text for _, text in self.chunks) + "\n"

    def skeleton(self) -> tuple[str, tuple[str, ...]]:
        """The Markdown with each HTML block replaced by a placeholder, and the blocks."""
        blocks: list[str] = []
        lines: list[str] = []
        for is_html, text in self.chunks:
            if is_html:
                lines.append(_SLOT.format(len(blocks)))
                blocks.append(text)
            else:
                lines.append(text)
        return "\n\n".join(lines) + "\n", tuple(blocks)


def restore(rendered: str, blocks: tuple[str, ...]) -> str:
    """Put the blocks back in place of their placeholders in the HTML Markdown made."""
    seen: list[int] = []

    def put(m: re.Match[str]) -> str:
        i = int(m.group(1))
        if i >= len(blocks):
            raise PlaceholderMismatch(f"placeholder {i} has no block")
        seen.append(i)
        return blocks[i]

    out = _SLOT_RE.sub(put, rendered)
    if sorted(seen) != list(range(len(blocks))):
        raise PlaceholderMismatch(
            f"{len(blocks)} HTML blocks but placeholders {sorted(seen)} in the rendered page")
    return out


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """The ids in the blocks: mkdocs' list of a page's anchors, for validating links to them."""
    return {html.unescape(m.group(1)) for block in blocks for m in _ID_RE.finditer(block)}
