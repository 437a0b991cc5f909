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

from bmsurvey.schema import Topic

SCHEMA_PATH = Path("schemas") / "topic.schema.json"
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


def schema_text() -> str:
    """The schema file's exact content: sorted keys, two-space indent, trailing newline."""
    return json.dumps(topic_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(root: Path) -> bool:
    """Write `schemas/topic.schema.json` under `root`; True when the file changed."""
    target = root / SCHEMA_PATH
    text = schema_text()
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    return True


def schema_is_current(root: Path) -> bool:
    target = root / SCHEMA_PATH
    return target.is_file() and target.read_text(encoding="utf-8") == schema_text()
