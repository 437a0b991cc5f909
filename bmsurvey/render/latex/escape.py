"""The one escaping function for LaTeX: every contributed string (titles, bodies, table cells,
bib fields) goes through `escape`, so `\\ { } $ & # ^ _ % ~` print as themselves and never run.

Braces become `\\textbraceleft{}`/`\\textbraceright{}` rather than `\\{`/`\\}`: BibTeX counts
every brace, escaped or not, so only a brace-free escape is safe in a .bib field too. A
character the fonts cannot set prints as a visible `[U+XXXX]` (`bmsurvey check` warns about it);
format and control characters, which print nothing anyway, are dropped."""

from __future__ import annotations

import re
from urllib.parse import quote

from bmsurvey.core.glyphs import can_set, invisible

_ASCII = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%",
    "~": r"\textasciitilde{}", "\n": " ", "\r": " ", "\t": " ",
}
_TABLE = str.maketrans(_ASCII)
_OTHER = re.compile(r"[^\x20-\x7e]")
_BREAK_AFTER = re.compile(r"([/.\-_:?&=])")


def _other(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _ASCII:
        return _ASCII[ch]
    if can_set(ch):
        return ch
    if invisible(ch):
        return ""
    return rf"\bmsmissing{{{ord(ch):04X}}}"


def _plain(text: str) -> str:
    out = text.translate(_TABLE)
    return _OTHER.sub(_other, out) if _OTHER.search(out) else out


_LONG = re.compile(r"[^\s]{24,}")
_PIECE = re.compile(r".{1,12}(?:[/.\-_:?&=<>()\"',;]|$)|.{12}")


_NARROW = re.compile(r"[^\s]{12,}")
_QUAD = re.compile(r".{1,4}")


def escape(text: str, narrow: bool = False) -> str:
    """Contributed text as LaTeX that prints it literally. A run of 24 or more characters
    without a space (a URL, a long identifier) may break after its punctuation or every 12
    characters, so it never runs out of the line. `narrow` (table cells, captions): a run of
    12 or more may break every 4 characters, at a high penalty (`\bmsbreak`), so TeX does so
    only where the column has no other way to hold it."""
    long, pieces, joint = (_NARROW, _QUAD, r"\bmsbreak{}") if narrow else (
        _LONG, _PIECE, r"\allowbreak{}")
    if not long.search(text):
        return _plain(text)
    out, last = [], 0
    for m in long.finditer(text):
        out.append(_plain(text[last:m.start()]))
        out.append(joint.join(_plain(p) for p in pieces.findall(m.group(0))))
        last = m.end()
    out.append(_plain(text[last:]))
    return "".join(out)


def breakable(text: str) -> str:
    """Escaped text that may break after `/ . - _ : ? & =` (URLs, DOIs, keys in narrow room)."""
    return "".join(_plain(p) + (r"\allowbreak{}" if _BREAK_AFTER.fullmatch(p) else "")
                   for p in _BREAK_AFTER.split(text) if p)


_URL_SAFE = "-._/:?=@!'()*+,;&#"


def url_arg(url: str) -> str:
    """An http(s) URL as a pre-tokenised `\\href` argument: every character outside a small
    safe set percent-encoded, and the three that hyperref takes escaped (`\\% \\# \\&`)."""
    encoded = quote(url, safe=_URL_SAFE + "%")
    # A `%` that does not start a valid escape is a literal percent sign: encode it.
    encoded = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", encoded)
    return encoded.replace("%", r"\%").replace("#", r"\#").replace("&", r"\&")
