"""Invisible characters in contributed text: bidirectional controls (Trojan Source: the text
displays in another order than it is read and checked) and other invisible format characters.
A zero-width joiner or non-joiner between two letters of a script that shapes with them (Arabic,
Persian, Indic scripts, emoji sequences) is part of the word and allowed."""

from __future__ import annotations

import re
import unicodedata

from bmsurvey.core.diagnostics import Diagnostic

BIDI = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A),
                                  0x200E, 0x200F, 0x061C])
JOINERS = frozenset({"\u200c", "\u200d"})
# Every format (Cf) character of Unicode 15, as ranges: a regex finds the few lines to look at,
# so a 2 MB bibliography is scanned in milliseconds, not character by character in Python.
_SUSPECT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")


def _letter(ch: str) -> bool:
    """A non-ASCII letter, mark or symbol: what joiners legitimately sit between."""
    return ord(ch) > 0x7F and unicodedata.category(ch)[0] in "LMS"


def invisible_diagnostics(text: str, path: str, first_line: int = 1) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if not _SUSPECT.search(text):
        return out
    for n, line in enumerate(text.split("\n")):
        for m in _SUSPECT.finditer(line):
            col, ch = m.start(), m.group(0)
            if ch in JOINERS and 0 < col < len(line) - 1 and _letter(line[col - 1]) and \
                    _letter(line[col + 1]):
                continue
            name = unicodedata.name(ch, "unnamed")
            kind = "a bidirectional control" if ch in BIDI else "an invisible format character"
            out.append(Diagnostic(
                path, first_line + n, col + 1, "invisible-character",
                f"invisible character U+{ord(ch):04X} {name} ({kind})",
                "delete it: it can make the text display differently from what is reviewed and "
                "checked; a joiner is allowed only between letters of a script that needs it",
                "warning"))
    return out
