"""`bmsurvey new topic|section`: start new content from a skeleton that already passes the check.

A new topic is written whole; a new section is appended with a ruamel round-trip so the rest of
the topic file, comments included, is left as it was. Every refusal is a located Diagnostic.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import LiteralScalarString

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import Loaded, load_yaml
from bmsurvey.core.project import TOPICS_DIR, topic_files
from bmsurvey.core.schema import Topic
from bmsurvey.core.schema.parts import PART_BY_ID, PART_IDS, RESERVED_IDS
from bmsurvey.core.schema.topic import SLUG, Line
from bmsurvey.core.schema_errors import to_diagnostics
from bmsurvey.tools.fmt import comments_of, dump_yaml, first_difference, make_yaml

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/topic.schema.json"
FIRST_SECTION = ("overview", "Overview")

_SLUG = re.compile(SLUG)
_LINE: TypeAdapter[str] = TypeAdapter(Line)


@dataclass
class Created:
    path: Path | None  # the file written, or None when refused
    diagnostics: list[Diagnostic]


def summary_placeholder() -> str:
    return ("TODO: in one or two paragraphs, say what this topic covers and where it sits within\n"
            "big-model research. Write in your own words and back each claim with a citation of "
            "a\nwork in references.bib (CONTRIBUTING.md explains the citation syntax).\n")


def body_placeholder() -> str:
    return ("TODO: write this section in your own words: the problem, the main approaches and "
            "the\nworks that defined them. Cite each claim, and add every cited work to "
            "references.bib\nfirst, checked against its arXiv or DOI record.\n")


def _check_id(value: str, what: str, where: str) -> list[Diagnostic]:
    if len(value) > 64 or not _SLUG.match(value):
        return [Diagnostic(where, 0, 0, "bad-id",
                           f"{what} id {value!r} is not lowercase words joined by hyphens",
                           "use letters a-z, digits and single hyphens, at most 64 characters, "
                           "e.g. 'scaling-laws'")]
    return []


def _check_title(value: str, where: str) -> list[Diagnostic]:
    try:
        _LINE.validate_python(value)
    except ValidationError:
        return [Diagnostic(where, 0, 0, "bad-title",
                           f"title {value!r} must be one non-blank line of at most 300 "
                           "characters", 'pass e.g. --title "Scaling laws"')]
    return []


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _id_position(raw: bytes, rel: str, at: tuple[str | int, ...]) -> tuple[int, int]:
    loaded, _ = load_yaml(raw, rel)
    return loaded.positions.of(at) if loaded is not None else (1, 1)


def _find_topic(root: Path, topic_id: str) -> list[Path]:
    return [p for p in topic_files(root) if p.stem == topic_id]


def topic_skeleton(topic_id: str, title: str, today: dt.date) -> str:
    """The text of a new topic file: valid, with one placeholder section."""
    section = CommentedMap()
    section["id"], section["title"] = FIRST_SECTION
    section["body"] = LiteralScalarString(body_placeholder())
    data = CommentedMap()
    data["id"] = topic_id
    data["title"] = title
    data["summary"] = LiteralScalarString(summary_placeholder())
    data["last_reviewed"] = today
    data["related"] = CommentedSeq()
    data["related"].fa.set_flow_style()
    data["sections"] = CommentedSeq([section])
    data["future_directions"] = CommentedSeq()
    data["future_directions"].fa.set_flow_style()
    return SCHEMA_COMMENT + "\n" + dump_yaml(data)


def new_topic(root: Path, part_id: str, topic_id: str, title: str,
              today: dt.date | None = None) -> Created:
    """Write `topics/<part_id>/<topic_id>.yaml`, refusing anything `check` would reject."""
    target = root / TOPICS_DIR / part_id / f"{topic_id}.yaml"
    where = f"{TOPICS_DIR}/{part_id}/{topic_id}.yaml"
    diags: list[Diagnostic] = []
    if part_id not in PART_BY_ID:
        diags.append(Diagnostic(where, 0, 0, "unknown-part", f"unknown part '{part_id}'",
                                "the parts are " + ", ".join(PART_IDS)))
    diags += _check_id(topic_id, "topic", where) + _check_title(title, where)
    for existing in _find_topic(root, topic_id):
        rel = _rel(root, existing)
        line, col = _id_position(existing.read_bytes(), rel, ("id",))
        diags.append(Diagnostic(rel, line, col, "duplicate-id",
                                f"topic '{topic_id}' already exists",
                                "topic ids are unique across all parts; choose another id or "
                                "edit this file"))
    if diags:
        return Created(None, diags)
    text = topic_skeleton(topic_id, title, today or dt.date.today())
    problems = _validate(text.encode("utf-8"), where)
    if problems:  # a bug in the skeleton, reported rather than written
        return Created(None, problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return Created(target, [])


def _validate(raw: bytes, where: str) -> list[Diagnostic]:
    loaded, diags = load_yaml(raw, where)
    if loaded is None or diags:
        return diags
    try:
        Topic.model_validate(loaded.data)
    except ValidationError as exc:
        return to_diagnostics(exc, where, loaded.positions)
    return []


def new_section(root: Path, topic_id: str, section_id: str, title: str) -> Created:
    """Append a placeholder section to a topic, keeping the rest of the file as it was."""
    found = _find_topic(root, topic_id)
    where = _rel(root, found[0]) if found else f"{TOPICS_DIR}/"
    diags = _check_id(topic_id, "topic", where) if not found else []
    diags += _check_id(section_id, "section", where) + _check_title(title, where)
    if section_id in RESERVED_IDS:
        diags.append(Diagnostic(where, 0, 0, "reserved-id",
                                f"id '{section_id}' is reserved for the page itself",
                                "choose another id"))
    if not found and not diags:
        diags.append(Diagnostic(where, 0, 0, "unknown-topic", f"no topic '{topic_id}'",
                                "use the file name of a topic, without .yaml; `bmsurvey new "
                                "topic` creates one"))
    if len(found) > 1:
        others = ", ".join(_rel(root, p) for p in found)
        diags.append(Diagnostic(where, 0, 0, "duplicate-id",
                                f"topic id '{topic_id}' is used by several files: {others}",
                                "topic ids are unique across all parts; rename one of them"))
    if diags:
        return Created(None, diags)
    path = found[0]
    raw = path.read_bytes()
    before, diags = load_yaml(raw, where)
    if before is None or diags:
        return Created(None, diags)
    diags = _section_slot(before, where, section_id)
    if diags:
        return Created(None, diags)
    try:
        data = make_yaml().load(before.text)
    except (RuamelError, ValueError) as exc:
        return Created(None, [Diagnostic(where, 1, 1, "fmt-unsafe",
                                         f"cannot rewrite the file safely ({exc})",
                                         "add the section by hand")])
    section = CommentedMap()
    section["id"] = section_id
    section["title"] = title
    section["body"] = LiteralScalarString(body_placeholder())
    data["sections"].append(section)
    text = dump_yaml(data)
    problem = _verify_append(before, text, where, dict(section))
    if problem:
        return Created(None, [problem])
    path.write_text(text, encoding="utf-8", newline="\n")
    return Created(path, [])


def _section_slot(before: Loaded, where: str, section_id: str) -> list[Diagnostic]:
    """The topic must have a list of sections, and no section or direction with this id."""
    data, pos = before.data, before.positions
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        line, col = pos.of(("sections",))
        return [Diagnostic(where, line, col, "schema-type",
                           "the topic has no list of sections to append to",
                           "fix the file first; `bmsurvey check` says what is wrong")]
    for kind in ("sections", "future_directions"):
        items = data.get(kind)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("id") == section_id:
                line, col = pos.of((kind, i, "id"))
                return [Diagnostic(where, line, col, "duplicate-id",
                                   f"id '{section_id}' is already used in this topic",
                                   "section and direction ids are page anchors and must be "
                                   "unique within the topic; choose another id")]
    return []


def _verify_append(before: Loaded, text: str, where: str, section: dict[str, Any]) -> \
        Diagnostic | None:
    """The new text must load to the old data plus the section, with every comment kept."""
    after, diags = load_yaml(text.encode("utf-8"), where)
    expected = copy.deepcopy(before.data)
    expected["sections"].append({k: str(v) for k, v in section.items()})
    if after is None or diags or first_difference(expected, after.data) is not None or \
            comments_of(before.text) - comments_of(text):
        return Diagnostic(where, 1, 1, "fmt-unsafe",
                          "appending the section would change other content; the file was "
                          "left unchanged", "add the section by hand")
    return None
