"""A generated page as Markdown structure plus raw HTML blocks kept apart.

Headings stay Markdown, so mkdocs' toc extension builds the table of contents, the permalinks
and the page title exactly as the site's configuration says. Everything else is HTML we built
(or sanitised) ourselves, which Python-Markdown would only pass through untouched, after
parsing it twice: once to find the end of each raw block, once for mkdocs' anchor list. At 1x
that is about a third of mkdocs' time on our pages. So the plugin hands Markdown a skeleton in
which each block is a one-line placeholder comment, and puts the blocks back into the HTML.
Blocks excluded from search as a whole (the cite controls, a topic's reference list) are also
left out of the copy of the page that Material's search indexer parses: it would skip them.
`markdown` (the whole page as one Markdown text) is what `bmsurvey render --out` writes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

_SLOT = "<!--bms-block-{}-->"
_SLOT_RE = re.compile(r"<!--bms-block-(\d+)-->")
# Our blocks escape every attribute value and sanitised text has no raw `<`, so a ` id="` before
# the `>` of a tag is an id attribute. (nh3 removes ids from contributed HTML altogether.)
_ID_RE = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"]*)"')


def _yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar any YAML 1.1/1.2 parser reads back as `text`: every
    character that is not printable is an escape, so the value stays on one line."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == " " or (ch.isprintable() and unicodedata.category(ch)[0] not in "CZ"):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def front_matter(values: dict[str, str]) -> str:
    """`---` YAML front matter, one `key: "value"` line each; empty when there are none."""
    if not values:
        return ""
    lines = [f"{key}: {_yaml_quoted(value)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class PlaceholderMismatch(RuntimeError):
    """A Markdown extension dropped or copied a block's placeholder: a bug or an incompatible
    extension, never a contributor's mistake."""


@dataclass(frozen=True)
class Skeleton:
    markdown: str  # the page's Markdown, each HTML block a placeholder, after its front matter
    blocks: tuple[str, ...]
    unsearchable: frozenset[int]  # blocks marked `data-search-exclude` as a whole
    front: str = ""  # the front matter that starts `markdown`

    def full_markdown(self) -> str:
        """The page's whole Markdown without its front matter (mkdocs' `page.markdown`), for
        the slow path."""
        body = self.markdown[len(self.front):]
        return _SLOT_RE.sub(lambda m: self.blocks[int(m.group(1))], body)


@dataclass
class PageSource:
    chunks: list[tuple[bool, str, bool]] = field(default_factory=list)  # is_html, text, search
    # Front matter (`page.meta` for the theme), e.g. the scholarly head tags of a topic page.
    meta: dict[str, str] = field(default_factory=dict)

    def md(self, text: str) -> PageSource:
        """A Markdown block: a heading, or a line of Markdown we escaped ourselves."""
        self.chunks.append((False, text, True))
        return self

    def html(self, block: str, search: bool = True) -> PageSource:
        """A raw HTML block, which must start with a block-level tag; empty blocks are dropped.
        `search=False` for a block whose outer element carries `data-search-exclude`."""
        if not search and "data-search-exclude" not in block[:block.find(">")]:
            raise ValueError("a block left out of search must carry data-search-exclude")
        if block:
            self.chunks.append((True, block, search))
        return self

    @property
    def markdown(self) -> str:
        return front_matter(self.meta) + "\n\n".join(text for _, text, _ in self.chunks) + "\n"

    def map_html(self, f: Callable[[str], str]) -> PageSource:
        """The same page with `f` applied to each HTML block (Markdown blocks unchanged)."""
        return PageSource([(is_html, f(text) if is_html else text, search)
                           for is_html, text, search in self.chunks], dict(self.meta))

    def skeleton(self) -> Skeleton:
        """The Markdown with each HTML block replaced by a placeholder, and the blocks."""
        blocks: list[str] = []
        lines: list[str] = []
        hidden: set[int] = set()
        for is_html, text, search in self.chunks:
            if is_html:
                if not search:
                    hidden.add(len(blocks))
                lines.append(_SLOT.format(len(blocks)))
                blocks.append(text)
            else:
                lines.append(text)
        front = front_matter(self.meta)
        return Skeleton(front + "\n\n".join(lines) + "\n", tuple(blocks), frozenset(hidden),
                        front)


def restore(rendered: str, blocks: tuple[str, ...], leave_out: frozenset[int] = frozenset()) -> str:
    """Put the blocks back in place of their placeholders in the HTML Markdown made; the
    blocks in `leave_out` become nothing (the page as search indexes it)."""
    seen: list[int] = []

    def put(m: re.Match[str]) -> str:
        i = int(m.group(1))
        if i >= len(blocks):
            raise PlaceholderMismatch(f"placeholder {i} has no block")
        seen.append(i)
        return "" if i in leave_out else blocks[i]

    out = _SLOT_RE.sub(put, rendered)
    if sorted(seen) != list(range(len(blocks))):
        raise PlaceholderMismatch(
            f"{len(blocks)} HTML blocks but placeholders {sorted(seen)} in the rendered page")
    return out


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """The ids in the blocks: mkdocs' list of a page's anchors, for validating links to them."""
    return {html.unescape(m.group(1)) for block in blocks for m in _ID_RE.finditer(block)}
