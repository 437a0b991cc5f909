"""Load YAML safely, keeping the position of every key and value.

Anchors, aliases, merge keys and tags are refused from the event stream, before anything is
composed, so an alias bomb never expands. Duplicate keys are reported at the second key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from bmsurvey.core.diagnostics import Diagnostic

MAX_BYTES = 2 * 1024 * 1024
Path = tuple[str | int, ...]

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class Positions:
    """Where each value (and each mapping key) stands in the source, 1-based."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # For block scalars: (first content line, indent) so a citation can be located in a body.
    blocks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path, prefer_key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the value, else its key, else the nearest parent."""
        p = tuple(path)
        while True:
            if prefer_key and p in self.keys:
                return self.keys[p]
            if p in self.values:
                return self.values[p]
            if p in self.keys:
                return self.keys[p]
            if not p:
                return (1, 1)
            p = p[:-1]


@dataclass
class Loaded:
    data: Any
    positions: Positions
    text: str


def _diag(path: str, mark: Any, code: str, message: str, hint: str) -> Diagnostic:
    line = getattr(mark, "line", 0) + 1 if mark is not None else 1
    col = getattr(mark, "column", 0) + 1 if mark is not None else 1
    return Diagnostic(path, line, col, code, message, hint)


def utf8_text(raw: bytes, path: str) -> tuple[str, Diagnostic | None]:
    """Bytes to text for any source file: a UTF-8 BOM is accepted; invalid UTF-8 gives a
    located diagnostic and the text with replacement characters, so callers may go on."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return raw.decode("utf-8", errors="replace"), Diagnostic(
            path, line, col, "encoding", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            "save the file as UTF-8")


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text for a topic: size limit, BOM accepted, invalid UTF-8 located."""
    if len(raw) > MAX_BYTES:
        return None, [
            Diagnostic(path, 1, 1, "yaml-too-large",
                       f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                       "split the topic or shorten it")
        ]
    text, problem = utf8_text(raw, path)
    if problem is not None:
        return None, [problem]
    if not text.strip():
        return None, [
            Diagnostic(path, 1, 1, "yaml-empty", "the file is empty",
                       "a topic needs at least id, title, summary, last_reviewed and sections; "
                       "`bmsurvey new topic` writes a skeleton")
        ]
    if "\x00" in text:
        i = text.index("\x00")
        line = text.count("\n", 0, i) + 1
        return None, [
            Diagnostic(path, line, i - (text.rfind("\n", 0, i) + 1) + 1, "encoding",
                       "the file contains a NUL character", "save the file as plain UTF-8 text")
        ]
    return text, []


def _refuse_unsafe(text: str, path: str) -> list[Diagnostic]:
    """Walk the event stream: no anchors, aliases or tags; stop at the first syntax error."""
    diags: list[Diagnostic] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                diags.append(_diag(path, event.start_mark, "yaml-alias",
                                   f"alias *{event.anchor} is not allowed",
                                   "write the value out in full; topic files use no anchors"))
            anchor = getattr(event, "anchor", None)
            if anchor is not None and not isinstance(event, yaml.AliasEvent):
                diags.append(_diag(path, event.start_mark, "yaml-anchor",
                                   f"anchor &{anchor} is not allowed",
                                   "remove the anchor; topic files use no anchors or aliases"))
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit_tag = tag is not None and (
                implicit is False or (isinstance(implicit, tuple) and not any(implicit))
            )
            if explicit_tag and not isinstance(event, yaml.DocumentStartEvent):
                diags.append(_diag(path, event.start_mark, "yaml-tag",
                                   f"tag {tag} is not allowed",
                                   "remove the tag; values are plain strings, numbers, dates, "
                                   "lists and mappings"))
            if len(diags) >= 50:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem:
            problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
        diags.append(_diag(path, mark, "yaml-syntax", f"YAML syntax error: {problem}",
                           "check indentation, colons and quotes around this point"))
    except yaml.YAMLError as exc:
        diags.append(Diagnostic(path, 1, 1, "yaml-syntax", f"YAML error: {exc}",
                                "check the file's structure"))
    return diags


_constructor = yaml.SafeLoader("")  # only its scalar resolution/construction is used
_STR = "tag:yaml.org,2002:str"


def _convert(node: yaml.Node, at: Path, pos: Positions, path: str,
             diags: list[Diagnostic], text_lines: list[str]) -> Any:
    pos.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            first = node.start_mark.line + 2  # content starts on the line after the indicator
            indent = 0
            for ln in text_lines[first - 1:]:
                if ln.strip():
                    indent = len(ln) - len(ln.lstrip(" "))
                    break
            pos.blocks[at] = (first, indent)
        if node.tag == _STR:
            return node.value  # the common case, without the constructor's bookkeeping
        return _constructor.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, at + (i,), pos, path, diags, text_lines)
            for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                diags.append(_diag(path, key_node.start_mark, "yaml-merge",
                                   "merge keys (<<) are not allowed", "write the keys out in full"))
                continue
            key = key_node.value if key_node.tag == _STR else \
                _constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                first = pos.keys.get(at + (key,), (0, 0))
                diags.append(_diag(path, key_node.start_mark, "yaml-duplicate-key",
                                   f"duplicate key '{key}' (first defined on line {first[0]})",
                                   "remove one of the two; a later key would silently replace "
                                   "the earlier value"))
                continue
            pos.keys[at + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _convert(value_node, at + (key,), pos, path, diags, text_lines)
        return out
    raise TypeError(f"unexpected YAML node {node!r}")  # a bug, not a user mistake


def load_yaml(raw: bytes, path: str) -> tuple[Loaded | None, list[Diagnostic]]:
    text, diags = decode(raw, path)
    if text is None:
        return None, diags
    diags = _refuse_unsafe(text, path)
    if diags:
        return None, diags
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:  # pragma: no cover - the event pass catches these first
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", f"YAML error: {exc}", "")]
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return None, [Diagnostic(path, 1, 1, "yaml-empty", "the file holds no YAML document",
                                 "a topic is a mapping with id, title, summary, ...")]
    if len(nodes) > 1:
        return None, [_diag(path, nodes[1].start_mark, "yaml-multi-document",
                            "the file holds more than one YAML document",
                            "remove the `---` separator: one topic per file")]
    pos = Positions()
    try:
        data = _convert(nodes[0], (), pos, path, diags, text.splitlines())
    except yaml.constructor.ConstructorError as exc:
        return None, [_diag(path, exc.problem_mark, "yaml-value",
                            f"cannot read value: {exc.problem}", "quote the value")]
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "yaml-too-deep", "the YAML is nested too deeply",
                                 "topic files are at most a few levels deep")]
    except ValueError as exc:  # e.g. a date such as 2025-13-45
        return None, [Diagnostic(path, 1, 1, "yaml-value", f"cannot read a value: {exc}",
                                 "quote the value or fix the date")]
    return Loaded(data, pos, text), diags
