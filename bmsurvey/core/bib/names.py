"""BibTeX name lists: splitting on top-level `and`, and finding family names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bmsurvey.core.bib.latex import latex_to_unicode

_AND = re.compile(r"\s++and\s++", re.IGNORECASE)  # possessive: linear on long blanks


@dataclass(frozen=True)
class Name:
    family: str  # decoded Unicode, with any "von" particle: "van den Oord"
    given: str  # decoded Unicode, may be empty
    others: bool = False  # the "and others" marker

    def display(self) -> str:
        if self.others:
            return "others"
        return f"{self.given} {self.family}".strip()


_BLANKS = re.compile(r"\s++")
_COMMA = re.compile(r"\s*+,\s*+")


def _split_top(s: str, pattern: re.Pattern[str]) -> list[str]:
    """Split on `pattern` only outside braces. Scans tokens, not characters: names are decoded
    for every entry on every load, so this is on the hot path."""
    if "{" not in s and "}" not in s:
        return [p.strip() for p in pattern.split(s) if p.strip()]
    tokens = _TOKENS.setdefault(pattern.pattern, re.compile(r"([{}])|" + pattern.pattern,
                                                              pattern.flags))
    parts: list[str] = []
    depth, start = 0, 0
    for m in tokens.finditer(s):
        brace = m.group(1)
        if brace == "{":
            depth += 1
        elif brace == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and m.end() > m.start():
            parts.append(s[start:m.start()])
            start = m.end()
    parts.append(s[start:])
    return [p.strip() for p in parts if p.strip()]


_TOKENS: dict[str, re.Pattern[str]] = {}


def _words(s: str) -> list[str]:
    return _split_top(s, _BLANKS)


@lru_cache(maxsize=65536)
def parse_name(raw: str) -> Name:
    raw = _BLANKS.sub(" ", raw)
    if raw.strip().lower() == "others":
        return Name("", "", others=True)
    pieces = _split_top(raw, _COMMA)
    if len(pieces) >= 2:  # "von Last, First" or "von Last, Jr, First"
        family, given = pieces[0], pieces[-1]
    else:
        words = _words(raw)
        if len(words) == 1:
            family, given = words[0], ""
        else:
            # "First von Last": the family starts at the first lowercase word, else the last word.
            idx = len(words) - 1
            for k, w in enumerate(words[:-1]):
                if k > 0 and w[:1].islower():
                    idx = k
                    break
            family, given = " ".join(words[idx:]), " ".join(words[:idx])
    return Name(latex_to_unicode(family), latex_to_unicode(given))


def parse_names(raw: str) -> tuple[Name, ...]:
    # Collapse blanks first: splitting then tries each position once (linear on hostile input).
    return tuple(parse_name(p) for p in _split_top(_BLANKS.sub(" ", raw), _AND))
