"""Cross-references between topics: `[[topic-id#anchor]]`, `[[topic-id]]` or `[[#anchor]]`.

Pure and shared by the checker (which locates unknown targets) and the renderer (which replaces
each reference by a link whose text is the target's title)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_XREF = re.compile(rf"\[\[(?P<topic>{_SLUG})?(?:#(?P<anchor>{_SLUG}))?\]\]")
_CODE = re.compile(r"`[^`]*+`")


@dataclass(frozen=True)
class XRef:
    start: int
    end: int
    topic: str  # '' means the page the reference stands on
    anchor: str  # '' means the topic page itself

    @property
    def source(self) -> str:
        return f"[[{self.topic}{'#' + self.anchor if self.anchor else ''}]]"


@lru_cache(maxsize=16384)
def find_xrefs(text: str) -> tuple[XRef, ...]:
    """The cross-references in a Markdown text, in order; inline code is skipped."""
    if "[[" not in text:
        return ()
    masked = _CODE.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in _XREF.finditer(masked):
        topic, anchor = m.group("topic") or "", m.group("anchor") or ""
        if topic or anchor:
            out.append(XRef(m.start(), m.end(), topic, anchor))
    return tuple(out)
