"""Fast LaTeX-to-Unicode for the small LaTeX that bibliographies use.

bibtexparser's LatexDecodingMiddleware (pylatexenc) decodes ~300 entries/s; this table-driven
decoder takes a no-op fast path for plain text and caches results, since names and venues repeat.
It never raises: an unknown macro keeps its name, a stray brace is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Accent commands -> combining characters.
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}
# Letter-like commands.
SYMBOLS = {
    "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø",
    "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "ng": "ŋ", "NG": "Ŋ", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "copyright": "©",
    "pounds": "£", "euro": "€", "textendash": "–", "textemdash": "—", "textquoteright": "’",
    "textquoteleft": "‘", "ldots": "…", "dots": "…", "textregistered": "®", "texttrademark": "™",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ",
    "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "theta": "θ", "phi": "φ", "omega": "ω",
    "infty": "∞", "times": "×", "pm": "±", "leq": "≤", "geq": "≥", "to": "→", "rightarrow": "→",
    "LaTeX": "LaTeX", "TeX": "TeX", "textbackslash": "\\", "textasciitilde": "~",
    "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
}
# Commands whose argument is kept as is (formatting we drop).
WRAPPERS = {"emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "mathrm",
            "mathbf", "mathit", "mathcal", "url", "text", "textsuperscript", "textsubscript",
            "textnormal", "mbox", "hbox", "uppercase", "lowercase", "MakeUppercase", "bm",
            "boldsymbol", "operatorname", "noopsort", "em", "it", "bf", "sc", "rm", "tt", "sf",
            "relax", "protect", "ensuremath"}
ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
           ",": "\u2009", ";": " ", "@": "", "/": "", "-": "", "\\": " "}

_FAST = re.compile(r"[\\{}~$]|--|``|''")
_PLAIN = (("{", ""), ("}", ""), ("$", ""), ("~", "\u00a0"), ("---", "—"), ("--", "–"),
          ("``", "“"), ("''", "”"))
_CMD = re.compile(r"\\([A-Za-z]+|.)")
_SPACE = re.compile(r"\s+")


def _arg(s: str, i: int) -> tuple[str, int]:
    """Read one argument after a command at s[i:]: a {group} or a single character."""
    n = len(s)
    while i < n and s[i] == " ":
        i += 1
    if i >= n:
        return "", i
    if s[i] == "{":
        depth, j = 0, i
        while j < n:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1:j], j + 1
            j += 1
        return s[i + 1:], n  # unbalanced: take the rest
    if s[i] == "\\":
        m = _CMD.match(s, i)
        if m:
            return m.group(0), m.end()
    return s[i], i + 1


MAX_DEPTH = 16  # deeper nesting is not real bibliography markup: keep the text, skip the rest


_SPECIAL = re.compile(r"[\\{}~$]|---?|``|''")


def _decode(s: str, depth: int = 0) -> str:
    """Copy plain runs in one slice and handle only the special tokens between them."""
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        found = _SPECIAL.search(s, i)
        if found is None:
            out.append(s[i:])
            break
        if found.start() > i:
            out.append(s[i:found.start()])
        i = found.start()
        c = found.group()
        if c == "\\":
            m = _CMD.match(s, i)
            if m is None:  # trailing backslash
                i += 1
                continue
            name = m.group(1)
            j = m.end()
            if name in ACCENTS:
                arg, j = _arg(s, j)
                if len(arg) == 1 or not _SPECIAL.search(arg):
                    base = arg  # the usual \'{e}: no need to recurse
                else:
                    base = _decode(arg, depth + 1) if depth < MAX_DEPTH else arg
                if base[:1] in ("ı", "ȷ"):  # \"{\i}: the dotless i takes the accent as i
                    base = ("i" if base[0] == "ı" else "j") + base[1:]
                if base:
                    out.append(base[0] + ACCENTS[name] + base[1:])
                else:
                    out.append(ACCENTS[name].strip() or name)
            elif name in SYMBOLS:
                out.append(SYMBOLS[name])
                if name.isalpha() and j < n and s[j] == " ":
                    j += 1  # a control word eats the following space
                elif j + 1 < n and s[j:j + 2] == "{}":
                    j += 2
            elif name in WRAPPERS:
                if j < n and s[j] in "{ ":
                    arg, j = _arg(s, j)
                    out.append(_decode(arg, depth + 1) if depth < MAX_DEPTH else arg)
            elif name in ESCAPED:
                out.append(ESCAPED[name])
            else:
                out.append(name)  # unknown macro: keep its name rather than lose text
                if j < n and s[j] == " " and name.isalpha():
                    j += 1
            i = j
        else:
            out.append(_TOKENS.get(c, ""))
            i += len(c)
    return "".join(out)


_TOKENS = {"{": "", "}": "", "$": "", "~": "\u00a0", "---": "—", "--": "–", "``": "“",
           "''": "”"}


@lru_cache(maxsize=65536)
def latex_to_unicode(s: str) -> str:
    """Decode LaTeX markup to NFC Unicode text with single spaces. Never raises."""
    if not _FAST.search(s):
        return _SPACE.sub(" ", s).strip()
    if "\\" not in s:  # no commands: braces, dashes, quotes and ties are plain replacements
        for token, repl in _PLAIN:
            if token in s:
                s = s.replace(token, repl)
        return unicodedata.normalize("NFC", _SPACE.sub(" ", s)).strip()
    try:
        text = _decode(s)
    except RecursionError:  # absurdly nested braces: keep the raw text
        text = s.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text)).strip()
