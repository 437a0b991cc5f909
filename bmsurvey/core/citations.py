"""Pandoc citation syntax in Markdown: `[@a; @b, p. 3]` and narrative `@key`.

Pure and shared by the checker (which needs keys and offsets) and the renderer (which replaces
each citation by a link).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A Pandoc key starts with a letter, digit or _, may hold internal punctuation, and ends with a
# letter, digit or _ (so a sentence's full stop is not part of the key). Keys are matched as a
# possessive run and trimmed afterwards: no backtracking, so scanning stays linear on hostile text.
_KEYRUN = r"[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*+"
_TRAILING = ":.#$%&+?<>~/-"
_BRACKET = re.compile(r"\[([^\[\]]*+)\](?![(\[])")
_ITEM = re.compile(r"\s*+(?P<prefix>[^@]*?)\s*(?P<suppress>-)?@(?P<key>" + _KEYRUN +
                   r")(?P<rest>.*)", re.DOTALL)
_NARRATIVE = re.compile(r"(?<![\w@.\]/\\`])@(" + _KEYRUN + r")")
_CODE = re.compile(r"`[^`]*+`")


def _trim(key: str) -> str:
    return key.rstrip(_TRAILING)


@dataclass(frozen=True)
class CiteItem:
    key: str
    locator: str = ""
    suppress_author: bool = False
    prefix: str = ""


@dataclass(frozen=True)
class Citation:
    start: int  # offsets into the Markdown text
    end: int
    items: tuple[CiteItem, ...]
    narrative: bool


def _mask_code(text: str) -> str:
    """Blank out inline code so `@decorator` in code is not a citation; offsets are kept."""
    return _CODE.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=16384)
def find_citations(text: str) -> tuple[Citation, ...]:
    """The citations in a text, in order. Cached: the checker, the statistics and the renderer
    each ask for the same bodies."""
    masked = _mask_code(text)
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(masked):
        items: list[CiteItem] = []
        ok = True
        if "@" not in m.group(1):
            continue
        for part in m.group(1).split(";"):
            im = _ITEM.match(part)
            if not im:
                ok = False
                break
            key = _trim(im.group("key"))
            rest = (im.group("key")[len(key):] + im.group("rest")).strip()
            if not key or (rest and not rest.startswith(",")):
                ok = False
                break
            items.append(CiteItem(key, rest[1:].strip(), bool(im.group("suppress")),
                                  im.group("prefix").strip()))
        if ok and items:
            found.append(Citation(m.start(), m.end(), tuple(items), narrative=False))
            taken.append((m.start(), m.end()))
    starts = [a for a, _ in taken]  # bracketed citations never overlap: sorted, disjoint
    for m in _NARRATIVE.finditer(masked):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < taken[i][1]:
            continue
        key = _trim(m.group(1))
        if key:
            end = m.start() + 1 + len(key)
            found.append(Citation(m.start(), end, (CiteItem(key),), narrative=True))
    found.sort(key=lambda c: c.start)
    return tuple(found)


def cited_keys(text: str) -> list[str]:
    return [item.key for c in find_citations(text) for item in c.items]


def offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    """0-based line and column of an offset."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line, col
