"""Split a .bib text into bibtexparser's blocks, with a fast path for well-formed entries.

bibtexparser's splitter walks every `{ } " , =` and every newline as a Python-level "mark":
at 1,000 references it is 40 % of `bmsurvey check`. Its rules make every line that starts with
a block opener (`@type{` after optional blanks) the start of a new block, whatever came before.
So the text is cut there into chunks; a chunk that is exactly one plain entry
(`@type{key, name = value, ...}` and blanks) is read here, jumping between the characters that
matter, and every other chunk (comments, @string, @preamble, anything unusual or broken) goes
to bibtexparser itself, line numbers shifted. `tests/test_bib_split.py` holds the two equal,
block for block, on real, generated and random input. (One deliberate difference: bibtexparser
does not count a newline after a backslash as a line, so its later line numbers drift; ours
count every newline.)
"""

from __future__ import annotations

import re

from bibtexparser import model as bpm
from bibtexparser.library import Library
from bibtexparser.splitter import Splitter

# Where bibtexparser starts a block no matter what precedes it: a line starting with `@type{`.
_LINE_BLOCK = re.compile(r"(?m)^[ \t]*@\w*[ \t]*[{(]")
_HEAD = re.compile(r"@([A-Za-z]\w*)\{([^\s,{}()\"#%'=\\@~]+),")
_KEY = re.compile(r"\s*([A-Za-z_][\w\-:.+]*)[ \t]*=")
_CLOSE = re.compile(r"\s*}\s*\Z")
_MARK = re.compile(r'(?<!\\)[{}",@]')  # bibtexparser's marks inside a value
# Most fields: `name = ` then `{text}` without inner braces, `"text"`, a number or a macro name,
# then `,` or `}`. Anything else takes the general path (`_KEY`, `_value_end`).
_FIELD = re.compile(r'\s*([A-Za-z_][\w\-:.+]*)[ \t]*='
                    r'(\s*(?:\{[^{}@\\]*\}|"[^"{}@\\]*"|\d+|[A-Za-z]\w*)\s*)([,}])')
_SPECIAL_TYPES = ("comment", "preamble", "string")


def split_blocks(text: str) -> list[bpm.Block]:
    """The blocks of `text`, the same as `bibtexparser.parse_string(text, parse_stack=[])`."""
    library = Library()
    starts = [m.start() for m in _LINE_BLOCK.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(text))
    slow_from: int | None = None  # start of a run of chunks left to bibtexparser
    line = 0  # line number of starts[i]
    slow_line = 0
    for i in range(len(starts) - 1):
        a, b = starts[i], starts[i + 1]
        entry = _fast_entry(text, a, b, line)
        if slow_from is not None:
            # A run handed to bibtexparser goes on through the next plain entry, so it sees
            # the same block start after a broken one as it would in the whole text.
            if entry is not None:
                _slow(library, text[slow_from:b], slow_line)
                slow_from = None
        elif entry is None:
            slow_from, slow_line = a, line
        else:
            library.add(entry, fail_on_duplicate_key=False)
        line += text.count("\n", a, b)
    if slow_from is not None:
        _slow(library, text[slow_from:], slow_line)
    return library.blocks


def _slow(library: Library, span: str, line: int) -> None:
    for block in Splitter(span).split().blocks:
        _shift(block, line)
        library.add(block, fail_on_duplicate_key=False)


def _shift(block: bpm.Block, lines: int) -> None:
    """Move a block found in a span to its line in the whole text (bibtexparser keeps start
    lines read-only, so the private slots are set)."""
    if not lines:
        return
    blocks = [block]
    if isinstance(block, bpm.ParsingFailedBlock) and block.ignore_error_block is not None:
        blocks.append(block.ignore_error_block)
    for b in blocks:
        if b.start_line is not None:
            b._start_line_in_file = b.start_line + lines
        if isinstance(b, bpm.Entry):
            for f in b.fields:
                if f.start_line is not None:
                    f._start_line = f.start_line + lines


def _fast_entry(text: str, a: int, b: int, line: int) -> bpm.Entry | None:
    """The chunk text[a:b] as one entry, or None to leave it to bibtexparser."""
    head = _HEAD.match(text, a, b)
    if head is None or head.group(1).lower() in _SPECIAL_TYPES:
        return None
    fields: list[bpm.Field] = []
    seen: set[str] = set()
    pos = head.end()
    count_from, at_line = a, line
    while True:
        fm = _FIELD.match(text, pos, b)
        if fm is not None:  # the usual field, in one match
            key, eq, end = fm.group(1), fm.start(2) - 1, fm.start(3)
            value = fm.group(2).strip()
        else:
            if _CLOSE.match(text, pos, b) is not None:  # `}` after a trailing comma
                end = text.index("}", pos, b)
                break
            km = _KEY.match(text, pos, b)
            if km is None:
                return None
            key, eq = km.group(1), km.end() - 1
            found = _value_end(text, eq + 1, b)
            if found is None:
                return None
            end, value = found, text[eq + 1:found].strip()
            if not value:
                return None
        if key in seen:
            return None  # bibtexparser wraps it in a DuplicateFieldKeyBlock
        seen.add(key)
        at_line += text.count("\n", count_from, eq)
        count_from = eq
        fields.append(bpm.Field(key, value, at_line))
        if text[end] == "}":
            if text[end + 1:b].strip():
                return None
            break
        pos = end + 1  # after the comma
    return bpm.Entry(head.group(1).lower(), head.group(2), fields, line, text[a:end + 1])


def _value_end(text: str, i: int, b: int) -> int | None:
    """Index of the `,` or `}` that ends the value starting at i; None if anything is unusual."""
    depth, quoted = 0, False
    for m in _MARK.finditer(text, i, b):
        c = m.group()
        if c == "@":
            return None  # could be a block start inside the value: bibtexparser decides
        if c == '"':
            if depth:
                continue
            if quoted and text[m.start() - 1:m.start()] == "{":
                return None  # bibtexparser's {"} escape inside quotes
            quoted = not quoted
        elif quoted:
            continue
        elif c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return m.start()
            depth -= 1
        elif depth == 0:  # a comma
            return m.start()
    return None
