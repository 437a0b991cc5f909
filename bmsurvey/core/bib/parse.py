"""Parse references.bib: blocks from `bib.split`, values resolved here.

Every malformed block becomes a located Diagnostic and parsing goes on, so no entry after a bad
one is ever lost. Values are resolved here (`@string` macros, `#`, month names) because
bibtexparser leaves concatenations unresolved.
"""

from __future__ import annotations

import logging
import re

from bibtexparser import model as bpm

from bmsurvey.core.bib.model import BibEntry, BibField, BibFile, Comment, Preamble, StringDef
from bmsurvey.core.bib.split import split_blocks
from bmsurvey.core.diagnostics import Diagnostic

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+\-/]*$")
KEY_CHARSET = "letters, digits and _ : . + - /, starting with a letter or digit"
MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
    "nov": "November", "dec": "December",
}
_TOKEN = re.compile(r'\s*(?:(\{)|(")|(\d+)|([A-Za-z_][\w\-:.+/]*)|(#))')


_SPECIAL = {"}": re.compile(r'[\\{}]'), '"': re.compile(r'[\\{}"]')}


def _group(s: str, i: int, close: str) -> tuple[str, int]:
    """Read a brace- or quote-delimited value starting after its opener at s[i]. Jumps from one
    special character to the next rather than walking every character (a hot path)."""
    depth = 0
    special = _SPECIAL[close]
    m = special.search(s, i)
    while m is not None:
        c, j = m.group(), m.start()
        if c == "\\":
            m = special.search(s, j + 2)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0 and close == "}":
                return s[i:j], j + 1
            depth -= 1
        elif depth == 0:  # a closing quote
            return s[i:j], j + 1
        m = special.search(s, j + 1)
    raise ValueError("unbalanced braces or quotes")


def resolve(raw: str, strings: dict[str, str]) -> tuple[str, list[str]]:
    """Evaluate a value expression. Returns the value and any undefined macro names."""
    if raw[:1] == "{" and raw[-1:] == "}" and "#" not in raw:
        inner = raw[1:-1]
        if "{" not in inner and "}" not in inner:
            return inner, []  # one braced value with no inner braces: nothing to resolve
    if raw.isdigit():
        return raw, []
    if raw.startswith("{") and raw.endswith("}"):
        # The usual case, a single braced value: skip the tokenizer when it is balanced.
        try:
            body, end = _group(raw, 1, "}")
        except ValueError:
            body, end = "", -1
        if end == len(raw):
            return body, []
    parts: list[str] = []
    missing: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        m = _TOKEN.match(raw, i)
        if not m:
            if not raw[i:].strip():
                break
            raise ValueError(f"has text after its value: {raw[i:i + 20]!r}")
        i = m.end()
        if m.group(1) or m.group(2):
            body, i = _group(raw, i, "}" if m.group(1) else '"')
            parts.append(body)
        elif m.group(3):
            parts.append(m.group(3))
        elif m.group(4):
            name = m.group(4).lower()
            if name in strings:
                parts.append(strings[name])
            elif name in MONTHS:
                parts.append(MONTHS[name])
            else:
                missing.append(m.group(4))
                parts.append(m.group(4))
    return "".join(parts), missing


def _failed(block: bpm.ParsingFailedBlock, path: str) -> Diagnostic:
    line = (block.start_line or 0) + 1
    if isinstance(block, bpm.DuplicateBlockKeyBlock):
        return Diagnostic(path, line, 1, "bib-duplicate-key",
                          f"duplicate BibTeX key '{block.key}'",
                          "rename one entry or remove the duplicate; keys must be unique")
    if isinstance(block, bpm.DuplicateFieldKeyBlock):
        return Diagnostic(path, line, 1, "bib-duplicate-field",
                          f"entry has a field twice: {block.error}",
                          "keep one value for each field")
    exc = getattr(block, "error", None)
    error = str(getattr(exc, "abort_reason", "") or exc or "malformed block").strip()
    error = error.splitlines()[0] if error else "malformed block"
    first = (block.raw or "").splitlines()[0][:60] if block.raw else ""
    return Diagnostic(path, line, 1, "bib-syntax",
                      f"malformed BibTeX block {first!r}: {error}",
                      "check the braces, commas and `=` of this entry; the entries after it "
                      "were still read")


_STRAY = re.compile(r"(?m)^[ \t]*+(?:(?P<type>[A-Za-z]++)[ \t]*+\{[ \t]*+"
                    r"(?P<key>[^\s,{}]++)[ \t]*+,"
                    r"|(?P<field>author|title|year|journal|booktitle)[ \t]*+=)")


def _stray(block: bpm.ImplicitComment, line: int, path: str) -> list[Diagnostic]:
    """Text between entries is a comment to BibTeX, so an entry missing its `@` would vanish
    silently. Report anything that looks like entry text."""
    text = block.raw or block.comment or ""
    m = _STRAY.search(text)
    if not m:
        return []
    at = line + text.count("\n", 0, m.start())
    if m.group("type"):
        what = f"'{m.group('type')}{{{m.group('key')},'"
    else:
        what = f"'{m.group('field')} ='"
    return [Diagnostic(path, at, 1, "bib-stray-text",
                       f"text outside any entry looks like entry content: {what}",
                       "start the entry with @ (e.g. @article{key, ...}) or move the field "
                       "inside an entry; BibTeX would silently ignore this text")]


def parse_bib(text: str, path: str = "references.bib") -> tuple[BibFile, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    bib = BibFile(path)
    strings: dict[str, str] = {}
    for block in split_blocks(text):
        if type(block) is bpm.Entry:  # the common case first
            entry = _entry(block, strings, path, diags)
            bib.entries[entry.key] = entry
            bib.blocks.append(entry)
            continue
        line = (block.start_line or 0) + 1
        if isinstance(block, bpm.ParsingFailedBlock):
            diags.append(_failed(block, path))
            continue
        if isinstance(block, bpm.String):
            try:
                value, _ = resolve(str(block.value), strings)
            except ValueError as exc:
                diags.append(Diagnostic(path, line, 1, "bib-value", f"@string {block.key}: {exc}",
                                        "balance the braces and quotes"))
                continue
            strings[block.key.lower()] = value
            bib.blocks.append(StringDef(block.key, str(block.value), line))
        elif isinstance(block, bpm.Preamble):
            bib.blocks.append(Preamble(str(block.value), line))
        elif isinstance(block, bpm.ExplicitComment):
            bib.blocks.append(Comment(block.comment, line, explicit=True))
        elif isinstance(block, bpm.ImplicitComment):
            bib.blocks.append(Comment(block.comment, line))
            diags.extend(_stray(block, line, path))
        elif isinstance(block, bpm.Entry):
            entry = _entry(block, strings, path, diags)
            bib.entries[entry.key] = entry
            bib.blocks.append(entry)
    bib.strings = strings
    return bib, diags


def _entry(block: bpm.Entry, strings: dict[str, str], path: str,
           diags: list[Diagnostic]) -> BibEntry:
    line = (block.start_line or 0) + 1
    if not block.key.strip():
        diags.append(Diagnostic(path, line, 1, "bib-key-charset", "entry has no key",
                                "write a key after the brace: @article{vaswani2017attention, "
                                "..."))
    elif not KEY_RE.match(block.key):
        diags.append(Diagnostic(path, line, 1, "bib-key-charset",
                                f"key '{block.key}' has characters outside the allowed set",
                                f"keys use {KEY_CHARSET}; e.g. vaswani2017attention"))
    fields: dict[str, BibField] = {}
    for f in block.fields:
        start = f.start_line
        fline = start + 1 if start is not None else line
        raw = f.value if type(f.value) is str else str(f.value)
        try:
            value, missing = resolve(raw, strings)
        except ValueError as exc:
            diags.append(Diagnostic(path, fline, 1, "bib-value",
                                    f"field '{f.key}' of '{block.key}' {exc}",
                                    "put a comma between fields, and balance the braces and "
                                    "quotes of the value"))
            value, missing = raw, []
        for name in missing:
            diags.append(Diagnostic(path, fline, 1, "bib-undefined-string",
                                    f"field '{f.key}' of '{block.key}' uses undefined macro "
                                    f"'{name}'",
                                    f"define it with @string{{{name} = {{...}}}} or brace the "
                                    "value"))
        name = f.key.lower()
        fields[name] = BibField(name, raw, value, fline)
    return BibEntry(block.key, block.entry_type.lower(), fields, line)
