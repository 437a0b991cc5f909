"""The topic JSON Schema for editors, generated from the pydantic `Topic` model.

Editors (yaml-language-server, via the `# yaml-language-server: $schema=...` first line of every
topic) read YAML scalars the way JSON does, so a few fields are described as an editor sees them:
an unquoted `2025-11-20` is a string with format date, and `date: 2020` is an integer year that
the model accepts. Everything else (titles, descriptions, examples, patterns) comes from the
model, so the schema can never drift from what `bmsurvey check` enforces.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bmsurvey.core.schema import Topic
from bmsurvey.core.schema.catalogue import Catalogue
from bmsurvey.core.schema.vocab import NUMBER_TEXT

SCHEMA_PATH = Path("schemas") / "topic.schema.json"
CATALOGUE_SCHEMA_PATH = Path("schemas") / "catalogue.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def topic_schema() -> dict[str, Any]:
    """The JSON Schema of one topic file, as a dict."""
    schema = Topic.model_json_schema()
    props = schema["properties"]
    reviewed = props["last_reviewed"]
    props["last_reviewed"] = {
        **{k: v for k, v in reviewed.items() if k not in ("type", "format", "anyOf")},
        "type": "string",
        "format": "date",
        "pattern": ISO_DATE,
    }
    # `date: 2020` is an int in YAML; the model's before-validator accepts it as the year.
    date = schema["$defs"]["KeyWork"]["properties"]["date"]
    date["anyOf"].insert(1, {"type": "integer", "minimum": 1000, "maximum": 9999})
    return {"$schema": DRAFT, **schema}


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of `catalogue/models.yaml`. Numbers may be written as YAML text
    (`1.75e11`), which the model accepts, so a quantity's value is a number or a string."""
    schema = Catalogue.model_json_schema()
    value = schema["$defs"]["Quantity"]["properties"]["value"]
    value["anyOf"] = [{"type": "number"}, {"type": "string", "pattern": NUMBER_TEXT.pattern},
                      {"const": "undisclosed", "type": "string"}]
    record = schema["$defs"]["ModelRecord"]["properties"]
    for name in ("parameters", "active_parameters", "training_tokens", "training_compute"):
        shorthand = [{"type": "number"}, {"type": "string", "pattern": NUMBER_TEXT.pattern},
                     {"const": "undisclosed", "type": "string"}]
        field = record[name]
        options = field.pop("anyOf", None) or [{"$ref": field.pop("$ref")}]
        field["anyOf"] = options + shorthand
    return {"$schema": DRAFT, **schema}


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_text() -> str:
    """The schema file's exact content: sorted keys, two-space indent, trailing newline."""
    return _text(topic_schema())


def schema_files() -> dict[Path, str]:
    """Every committed editor schema and its exact content."""
    return {SCHEMA_PATH: schema_text(), CATALOGUE_SCHEMA_PATH: _text(catalogue_schema())}


def write_schema(root: Path) -> list[Path]:
    """Write the editor schemas under `root/schemas/`; the ones that changed."""
    changed = []
    for rel, text in schema_files().items():
        target = root / rel
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        changed.append(rel)
    return changed


def schema_is_current(root: Path) -> bool:
    return all((root / rel).is_file() and (root / rel).read_text(encoding="utf-8") == text
               for rel, text in schema_files().items())
