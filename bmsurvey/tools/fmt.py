"""`bmsurvey fmt`: one canonical layout for topic YAML and references.bib, so diffs show content.

It loses nothing. A file with errors is reported and left alone; a formatted file is re-read and
compared with the original (YAML: the same loaded data and the same comments; BibTeX: the same
blocks, entries, field values, @strings and comments) and written only if nothing differs.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from bmsurvey.core.bib.model import BibEntry, BibFile, Comment, Preamble, StringDef
from bmsurvey.core.bib.parse import parse_bib, resolve
from bmsurvey.core.bib.write import write_file
from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import Loaded, load_yaml
from bmsurvey.core.project import BIB_NAME, CATALOGUE_NAME, TOPICS_DIR, topic_files

CATALOGUE_DIR = CATALOGUE_NAME.split("/")[0]

TOPIC_KEYS = ("id", "title", "authors", "summary", "last_reviewed", "related",
              "sections",
              "future_directions")
SECTION_KEYS = ("id", "title", "authors", "body", "key_works")
KEY_WORK_KEYS = ("key", "contribution", "name", "date", "organisation", "parameters", "modality")
DIRECTION_KEYS = ("id", "title", "body")
AUTHOR_KEYS = ("name", "orcid", "affiliation")
YAML_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = frozenset({"site", "node_modules", "__pycache__"})

YamlPath = tuple[str | int, ...]


def make_yaml() -> YAML:
    """The round-trip reader/writer of topic files: comments and quotes kept, no wrapping,
    sequences indented under their key (`  - id:`)."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1 << 30
    y.allow_unicode = True
    return y


def dump_yaml(data: Any) -> str:
    out = io.StringIO()
    make_yaml().dump(data, out)
    return out.getvalue()


# --- YAML -----------------------------------------------------------------------------------------


def _reorder(node: Any, order: tuple[str, ...]) -> None:
    """Known keys first, in `order`; unknown keys after them in their original order."""
    if not isinstance(node, CommentedMap):
        return
    keys = list(node)
    wanted = [k for k in order if k in node] + [k for k in keys if k not in order]
    if wanted != keys:
        for k in wanted:
            node.move_to_end(k)


def _each_map(node: Any, key: str) -> Iterable[Any]:
    value = node.get(key) if isinstance(node, CommentedMap) else None
    return value if isinstance(value, CommentedSeq) else ()


def _canonical_order(data: Any) -> None:
    _reorder(data, TOPIC_KEYS)
    for author in _each_map(data, "authors"):
        _reorder(author, AUTHOR_KEYS)
    for section in _each_map(data, "sections"):
        _reorder(section, SECTION_KEYS)
        for author in _each_map(section, "authors"):
            _reorder(author, AUTHOR_KEYS)
        for work in _each_map(section, "key_works"):
            _reorder(work, KEY_WORK_KEYS)
    for direction in _each_map(data, "future_directions"):
        _reorder(direction, DIRECTION_KEYS)


# Characters a `|` block cannot hold as written: they stay in a quoted scalar.
_UNLITERAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _block_scalars(node: Any) -> None:
    """Multi-line text becomes a `|` block scalar; existing `|`/`>` blocks keep their style."""
    items: Iterable[tuple[Any, Any]]
    if isinstance(node, CommentedMap):
        items = list(node.items())
    elif isinstance(node, CommentedSeq):
        items = list(enumerate(node))
    else:
        return
    for k, v in items:
        if isinstance(v, str) and "\n" in v and not _UNLITERAL.search(v) and \
                not isinstance(v, (LiteralScalarString, FoldedScalarString)):
            node[k] = LiteralScalarString(v)
        else:
            _block_scalars(v)


def comments_of(text: str) -> Counter[str]:
    """Every comment of a YAML text: a `#` at a line start or after a blank that is outside
    every scalar. Uses the pure-Python scanner, whose marks count characters."""
    spans: list[tuple[int, int]] = []
    for tok in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(tok, yaml.ScalarToken):
            spans.append((tok.start_mark.index, tok.end_mark.index))
    found: Counter[str] = Counter()
    i = text.find("#")
    span_i = 0
    while i != -1:
        while span_i < len(spans) and spans[span_i][1] <= i:
            span_i += 1
        inside = span_i < len(spans) and spans[span_i][0] <= i < spans[span_i][1]
        if not inside and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            end = len(text) if end == -1 else end
            found[text[i:end].rstrip()] += 1
            i = text.find("#", end)
        else:
            i = text.find("#", i + 1)
    return found


def first_difference(a: Any, b: Any, at: YamlPath = ()) -> YamlPath | None:
    """Where two loaded documents first differ, comparing types too (True is not 1)."""
    if type(a) is not type(b):
        return at
    if isinstance(a, dict):
        if list(a) != list(b):
            return at
        for k in a:
            diff = first_difference(a[k], b[k], (*at, k))
            if diff is not None:
                return diff
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return at
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            diff = first_difference(x, y, (*at, i))
            if diff is not None:
                return diff
        return None
    return None if a == b else at


def _same_keys_any_order(a: Any, b: Any) -> YamlPath | None:
    """Like `first_difference`, but mappings are compared as sets of keys (fmt reorders)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return ()
        for k in a:
            diff = _same_keys_any_order(a[k], b[k])
            if diff is not None:
                return (k, *diff)
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            diff = _same_keys_any_order(x, y)
            if diff is not None:
                return (i, *diff)
        return None
    return first_difference(a, b)


def _dotted(path: YamlPath) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "the document"


def _unsafe(path: str, line: int, col: int, what: str) -> Diagnostic:
    return Diagnostic(path, line, col, "fmt-unsafe",
                      f"formatting would change {what}; the file was left unchanged",
                      "quote that value or format this spot by hand, and report the case as a "
                      "bmsurvey issue")


def _canonical_yaml(text: str) -> str:
    data = make_yaml().load(text)
    _canonical_order(data)
    _block_scalars(data)
    return dump_yaml(data)


def format_yaml(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Canonical text of a topic file, or None and the reasons it was not formatted."""
    before, diags = load_yaml(raw, path)
    if before is None or diags:
        return None, diags
    try:
        out = _canonical_yaml(before.text)
    except (RuamelError, ValueError) as exc:
        return None, [_unsafe(path, 1, 1, f"how the file is read ({exc})")]
    if out == before.text:  # already canonical: nothing to verify
        return out, []
    after, diags = load_yaml(out.encode("utf-8"), path)
    if after is None or diags:
        return None, [_unsafe(path, 1, 1, "the file's structure")]
    problems = _verify_yaml(before, after, path)
    return (None, problems) if problems else (out, [])


def _verify_yaml(before: Loaded, after: Loaded, path: str) -> list[Diagnostic]:
    where = _same_keys_any_order(before.data, after.data)
    if where is not None:
        line, col = before.positions.of(where)
        return [_unsafe(path, line, col, f"the value of {_dotted(where)}")]
    lost = comments_of(before.text) - comments_of(after.text)
    if lost:
        first = next(iter(lost))
        line = next((i + 1 for i, ln in enumerate(before.text.splitlines()) if first in ln), 1)
        return [_unsafe(path, line, 1, f"the comment {first!r}")]
    if _canonical_yaml(after.text) != after.text:
        return [_unsafe(path, 1, 1, "the layout again on a second run (it is not stable)")]
    return []


# --- BibTeX ---------------------------------------------------------------------------------------


def _decode_bib(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic(path, line, col, "encoding",
                                 f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
                                 f"save {Path(path).name} as UTF-8")]


def _block_facts(block: object, strings: dict[str, str]) -> tuple[object, ...] | None:
    """What must survive formatting, per block; None for blocks that carry nothing."""
    if isinstance(block, BibEntry):
        values = tuple(sorted((name, f.value) for name, f in block.fields.items()))
        return ("entry", block.key, block.type, values)
    if isinstance(block, StringDef):
        value, _ = resolve(block.raw, strings)
        return ("string", block.name.lower(), value)
    if isinstance(block, Preamble):
        return ("preamble", block.raw.strip())
    if isinstance(block, Comment):
        text = block.text.strip()
        return ("comment", block.explicit, text) if (text or block.explicit) else None
    return ("other", repr(block))


def _bib_facts(bib: BibFile) -> list[tuple[int, tuple[object, ...]]]:
    out = []
    for block in bib.blocks:
        facts = _block_facts(block, bib.strings)
        if facts is not None:
            out.append((int(getattr(block, "line", 1)), facts))
    return out


def format_bib(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """references.bib in the canonical layout of `write_file`, or None and the reasons."""
    text, diags = _decode_bib(raw, path)
    if text is None:
        return None, diags
    bib, diags = parse_bib(text, path)
    errors = [d for d in diags if d.is_error]
    if errors:
        return None, errors
    out = write_file(bib)
    again, diags = parse_bib(out, path)
    if diags:
        return None, [_unsafe(path, 1, 1, "how the file parses")]
    before, after = _bib_facts(bib), _bib_facts(again)
    for (line, old), (_, new) in zip(before, after, strict=False):
        if old != new:
            return None, [_unsafe(path, line, 1, f"the {old[0]} that starts here")]
    if len(before) != len(after) or bib.strings != again.strings:
        return None, [_unsafe(path, 1, 1, "the number of blocks or the @string values")]
    if write_file(again) != out:
        return None, [_unsafe(path, 1, 1, "the layout again on a second run (it is not stable)")]
    return out, []


# --- files ----------------------------------------------------------------------------------------


@dataclass
class FmtResult:
    changed: list[str] = field(default_factory=list)  # project-relative paths
    unchanged: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _in_dir(directory: Path) -> list[Path]:
    """Topic files (YAML inside a `topics` folder) and BibTeX files below `directory`."""
    out = []
    for p in sorted(directory.rglob("*")):
        folders = p.relative_to(directory).parts[:-1]
        if any(f.startswith(".") or f in SKIP_DIRS for f in folders) or not p.is_file():
            continue
        if p.suffix == ".bib" or (p.suffix in YAML_SUFFIXES and
                                  {TOPICS_DIR, CATALOGUE_DIR} & set(p.resolve().parts[:-1])):
            out.append(p)
    return out


def collect(root: Path, paths: list[str]) -> tuple[list[Path], list[Diagnostic]]:
    """The files to format: the given ones, or every topic, the catalogue and references.bib."""
    if not paths:
        every = topic_files(root)
        if (root / CATALOGUE_NAME).is_file():
            every.append(root / CATALOGUE_NAME)
        if (root / BIB_NAME).is_file():
            every.append(root / BIB_NAME)
        return every, []
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            files.extend(_in_dir(p))
        elif p.is_file() and (p.suffix in YAML_SUFFIXES or p.suffix == ".bib"):
            files.append(p)
        else:
            what = "no such file or folder" if not p.exists() else \
                "not a topic (.yaml) or BibTeX (.bib) file"
            diags.append(Diagnostic(_rel(root, p), 0, 0, "fmt-path", f"cannot format: {what}",
                                    "pass topic files, references.bib or folders holding them"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, diags


def format_bytes(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    return format_bib(raw, rel) if rel.endswith(".bib") else format_yaml(raw, rel)


def run(root: Path, paths: list[str], check: bool) -> FmtResult:
    """Format (or with `check`, only compare) the files; never writes a file it cannot verify."""
    root = root.resolve()
    files, diags = collect(root, paths)
    result = FmtResult(diagnostics=diags)
    for file in files:
        rel = _rel(root, file)
        raw = file.read_bytes()
        out, fdiags = format_bytes(raw, rel)
        result.diagnostics.extend(fdiags)
        if out is None or fdiags:
            continue
        if out.encode("utf-8") == raw:
            result.unchanged.append(rel)
            continue
        result.changed.append(rel)
        if not check:
            file.write_text(out, encoding="utf-8", newline="\n")
    return result
