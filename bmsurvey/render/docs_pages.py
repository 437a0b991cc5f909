"""Reference pages generated from code, so they cannot drift from what the checker does.

`schema_reference_markdown()` documents every field of a topic file from the pydantic models (via
the same JSON Schema editors use); `diagnostic_codes_markdown()` documents every code in
`bmsurvey.core.codes.CODES`, each under a heading whose id is the code. Both are pure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from pydantic import BaseModel

from bmsurvey.core.codes import CODES
from bmsurvey.core.schema import Author, Column, Direction, KeyWork, Section, Table, Topic
from bmsurvey.core.schema.catalogue import Catalogue, ModelRecord, Quantity
from bmsurvey.core.schema.topic import SLUG, CatalogueView
from bmsurvey.core.schema_json import catalogue_schema, topic_schema

MODELS: tuple[tuple[type[BaseModel], str, str], ...] = (
    (Topic, "topic", "Topic"),
    (Author, "author", "Author"),
    (Section, "section", "Section"),
    (KeyWork, "key-work", "Key work"),
    (Table, "table", "Table"),
    (Column, "column", "Column"),
    (CatalogueView, "catalogue-view", "Catalogue view"),
    (Direction, "direction", "Future direction"),
)
CATALOGUE_MODELS: tuple[tuple[type[BaseModel], str, str], ...] = (
    (Catalogue, "catalogue", "Catalogue file"),
    (ModelRecord, "model", "Model"),
    (Quantity, "quantity", "Quantity"),
)
_ANCHOR = {model.__name__: anchor for model, anchor, _ in MODELS + CATALOGUE_MODELS}
_LABEL = {model.__name__: label for model, _, label in MODELS + CATALOGUE_MODELS}
_LINE_PATTERN = r"^[^\n]*\S[^\n]*$"
EXAMPLE_DATE = dt.date(2025, 11, 20)  # fixed, so the page is deterministic


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _describe(prop: dict[str, Any]) -> str:
    """A JSON Schema property in plain words, e.g. 'one line of text, at most 300 characters'."""
    if "$ref" in prop:
        name = _ref_name(prop["$ref"])
        return f"a [{_LABEL[name].lower()}](#{_ANCHOR[name]}) mapping"
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        return " or ".join(_describe(o) for o in options)
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        if "$ref" in items:
            name = _ref_name(items["$ref"])
            text = f"list of [{_LABEL[name].lower()}](#{_ANCHOR[name]}) mappings"
        else:
            text = f"list, each item {_describe(items)}"
        if prop.get("minItems"):
            text += f", at least {prop['minItems']}"
        return text
    if kind == "integer":
        return f"a whole number from {prop.get('minimum')} to {prop.get('maximum')}"
    if kind != "string":
        return str(kind)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("format") == "date":
        return "an unquoted ISO date, `YYYY-MM-DD`"
    pattern = prop.get("pattern")
    if pattern == SLUG:
        text = "an id (lowercase letters and digits in words joined by single hyphens)"
    elif pattern == _LINE_PATTERN:
        text = "one line of text"
    elif pattern:
        text = f"text matching `{pattern}`"
    elif prop.get("maxLength", 0) >= 10_000:
        text = "Markdown text (a `|` block for several lines)"
    else:
        text = "text"
    if "maxLength" in prop:
        text += f", at most {prop['maxLength']:,} characters"
    return text


def _yaml_line(name: str, value: Any, prop: dict[str, Any]) -> str:
    """`name: value` as it would be written in a topic file (lists in flow style)."""
    if prop.get("format") == "date" and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, list):
        items = [_yaml_line("x", v, {})[len("x: "):] for v in value]
        return f"{name}: [{', '.join(items)}]"
    text: str = yaml.safe_dump({name: value}, default_flow_style=False, allow_unicode=True,
                               width=1 << 20)
    return text.strip()


def _required(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    if info.is_required():
        return "yes"
    if info.default_factory is not None:
        return "no (default: an empty list)"
    return "no"


def _field_block(model: type[BaseModel], anchor: str, name: str, prop: dict[str, Any]) -> str:
    lines = [f"### `{name}` {{#{anchor}-{name.replace('_', '-')}}}", ""]
    if prop.get("description"):
        lines += [prop["description"], ""]
    lines.append(f"- **Type:** {_describe(prop)}")
    lines.append(f"- **Required:** {_required(model, name)}")
    if prop.get("examples"):
        lines.append(f"- **Example:** `{_yaml_line(name, prop['examples'][0], prop)}`")
    return "\n".join(lines) + "\n"


def _skeleton() -> str:
    from bmsurvey.tools.scaffold import topic_skeleton  # ruamel.yaml: only when this page is built

    return topic_skeleton("language-model", "Language Model", EXAMPLE_DATE)


def schema_reference_markdown() -> str:
    """Every field of Topic, Section, KeyWork and Direction: type, required, meaning, example."""
    schema = topic_schema()
    defs = schema["$defs"]
    out = [
        "# Topic file reference",
        "",
        "Each topic is one YAML file, `topics/<part-id>/<topic-id>.yaml`. `bmsurvey check` "
        "validates it against the fields below, and editors that read the first line "
        "`# yaml-language-server: $schema=../../schemas/topic.schema.json` complete and check "
        "it as you type. This page, the JSON Schema and the checker are all generated from the "
        "same models, so they always agree. Unknown fields are errors.",
        "",
        "`bmsurvey new topic <part-id> <topic-id> --title \"...\"` starts a topic like this "
        "one, and `bmsurvey new section <topic-id> <section-id> --title \"...\"` appends a "
        "section:",
        "",
        "```yaml",
        _skeleton().rstrip("\n"),
        "```",
        "",
    ]
    sections: list[tuple[type[BaseModel], str, str, dict[str, Any], Any, type[BaseModel]]] = [
        (m, a, lbl, schema, defs, Topic) for m, a, lbl in MODELS]
    cat = catalogue_schema()
    sections += [(m, a, lbl, cat, cat["$defs"], Catalogue) for m, a, lbl in CATALOGUE_MODELS]
    for model, anchor, label, top, defs, root_model in sections:
        if model is Catalogue:
            out += ["## The model catalogue {#model-catalogue}", "",
                    "`catalogue/models.yaml` holds one record per model; editors read "
                    "`schemas/catalogue.schema.json`. A number written alone (`parameters: "
                    "1.75e+11`) is a reported value from the model's `reference`; write a "
                    "mapping to mark an estimate, its source and how it was made.", ""]
        node = top if model is root_model else defs[model.__name__]
        doc = " ".join((model.__doc__ or "").split())
        out += [f"## {label} {{#{anchor}}}", "", doc, ""]
        required = set(node.get("required", []))
        summary = ", ".join(f"[`{n}`](#{anchor}-{n.replace('_', '-')})"
                            + ("" if n in required else " (optional)") for n in node["properties"])
        out += [f"Fields: {summary}.", ""]
        for name, prop in node["properties"].items():
            out.append(_field_block(model, anchor, name, prop))
    return "\n".join(out).rstrip("\n") + "\n"


def _fence(lang: str, text: str) -> list[str]:
    ticks = "````" if "```" in text else "```"
    return [f"{ticks}{'' if lang == 'text' else lang}", text.rstrip("\n"), ticks]


def diagnostic_codes_markdown() -> str:
    """Every diagnostic code: what it means, an example of the mistake and the fix."""
    out = [
        "# Diagnostic codes",
        "",
        "`bmsurvey check` reports every mistake in one run, each on one line as "
        "`path:line:col: error: message [code]` with a hint below it; `bmsurvey fmt` and "
        "`bmsurvey new` report refusals the same way. `--strict` turns warnings into errors, "
        "and CI runs with it. The code in brackets is the heading of its explanation below.",
        "",
    ]
    out += [f"- [`{name}`](#{name}): {c.title}" for name, c in CODES.items()]
    out.append("")
    for name, c in CODES.items():
        out += [
            f"## {name} {{#{name}}}",
            "",
            f"**{c.title}** ({c.severity})",
            "",
            c.meaning,
            "",
            "Example of the mistake:",
            "",
            *_fence(c.lang, c.example),
            "",
            f"**Fix:** {c.fix}",
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"

