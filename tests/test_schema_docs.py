"""The editor JSON Schema and the generated reference pages: current, complete, linkable."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import markdown
import pytest
import yaml

from bmsurvey.core.codes import CODES
from bmsurvey.core.loader import load_yaml
from bmsurvey.core.schema import Direction, KeyWork, Section, Topic
from bmsurvey.core.schema_json import (
    CATALOGUE_SCHEMA_PATH,
    SCHEMA_PATH,
    catalogue_schema,
    schema_text,
    topic_schema,
)
from bmsurvey.render.docs_pages import diagnostic_codes_markdown, schema_reference_markdown
from tests.conftest import REPO, ROOTS
from tests.helpers import run_cli

PACKAGE = REPO / "bmsurvey"


def as_editor_sees(value: Any) -> Any:
    """YAML as a JSON-Schema editor sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_topic_data(path: Path) -> Any:
    loaded, diags = load_yaml(path.read_bytes(), path.name)
    assert loaded is not None and not diags, diags
    return loaded.data


# --- the JSON Schema ------------------------------------------------------------------------------


def test_committed_schema_is_current() -> None:
    committed = REPO / SCHEMA_PATH
    assert committed.is_file(), "run `bmsurvey schema --write`"
    assert committed.read_text(encoding="utf-8") == schema_text(), \
        "schemas/topic.schema.json is stale: run `bmsurvey schema --write` and commit it"


def test_schema_is_deterministic_sorted_and_ends_with_newline() -> None:
    text = schema_text()
    assert text == schema_text()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True,
                              ensure_ascii=False) + "\n"


def test_schema_keeps_descriptions_examples_and_editor_types() -> None:
    schema = topic_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    props = schema["properties"]
    assert props["last_reviewed"]["type"] == "string"
    assert props["last_reviewed"]["format"] == "date"
    assert props["id"]["description"] == Topic.model_fields["id"].description
    assert props["id"]["examples"] == ["language-model"]
    assert schema["additionalProperties"] is False
    for model in (Section, KeyWork, Direction):
        node = schema["$defs"][model.__name__]
        assert node["title"] == model.__name__ and node["description"]
        for name, field in model.model_fields.items():
            assert node["properties"][name]["description"] == field.description


def test_fixture_and_survey_topics_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(topic_schema())
    files = sorted((ROOTS / "basic" / "topics").rglob("*.yaml"))
    files += sorted((REPO / "topics").rglob("*.yaml"))
    assert files
    for path in files:
        errors = list(validator.iter_errors(as_editor_sees(load_topic_data(path))))
        assert not errors, (path, [e.message for e in errors])


def test_schema_rejects_what_check_rejects() -> None:
    validator = jsonschema.Draft202012Validator(topic_schema())
    data = as_editor_sees(load_topic_data(ROOTS / "basic/topics/models/language-model.yaml"))
    data["sections"][0]["titel"] = "typo"
    data["sections"][0]["key_works"][0]["parameters"] = "70 billion"
    data["related"] = ["Vision Model"]
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "'titel' was unexpected" in messages
    assert "70 billion" in messages and "Vision Model" in messages
    data = as_editor_sees(load_topic_data(ROOTS / "basic/topics/models/language-model.yaml"))
    data["sections"][0]["key_works"][0]["date"] = 2022  # an int year, as `date: 2022` loads
    assert not list(validator.iter_errors(data))


def test_schema_cli_write_and_check(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    code, out, _ = run_cli("--root", str(tmp_path), "schema", "--check")
    assert code == 1 and "bmsurvey schema --write" in out
    code, out, _ = run_cli("--root", str(tmp_path), "schema", "--write")
    assert code == 0 and "wrote schemas/topic.schema.json" in out
    assert (tmp_path / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text()
    assert run_cli("--root", str(tmp_path), "schema", "--check")[0] == 0
    (tmp_path / SCHEMA_PATH).write_text("{}\n", encoding="utf-8")
    assert run_cli("--root", str(tmp_path), "schema", "--check")[0] == 1
    code, out, _ = run_cli("--root", str(tmp_path), "schema")
    assert code == 0 and json.loads(out)["title"] == "Topic"


def test_committed_catalogue_schema_validates_the_shipped_catalogue() -> None:
    schema = json.loads((REPO / CATALOGUE_SCHEMA_PATH).read_text(encoding="utf-8"))
    assert (REPO / CATALOGUE_SCHEMA_PATH).read_text(encoding="utf-8") == \
        json.dumps(catalogue_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    data = yaml.safe_load((REPO / "catalogue/models.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(data))
    data["models"][0]["parameters"] = "lots"
    assert list(validator.iter_errors(data))


# --- every diagnostic code is documented ----------------------------------------------------------


def _code_params() -> dict[str, int]:
    """Functions that take a `code` parameter and pass it on to Diagnostic, by position."""
    helpers = {"Diagnostic": 3}
    for path in PACKAGE.rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef):
                names = [a.arg for a in fn.args.args]
                if "code" in names:
                    helpers[fn.name] = names.index("code")
    return helpers


def _strings(node: ast.AST, scope: ast.AST, forwarded: set[str]) -> tuple[set[str], bool]:
    """The string constants a code expression can evaluate to; False when unresolvable."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}, True
    if isinstance(node, ast.IfExp):
        a, ok_a = _strings(node.body, scope, forwarded)
        b, ok_b = _strings(node.orelse, scope, forwarded)
        return a | b, ok_a and ok_b
    if isinstance(node, ast.Attribute) and node.attr == "code":
        return set(), True  # copying an existing Diagnostic's code
    if isinstance(node, ast.Name):
        if node.id in forwarded:
            return set(), True  # a helper's parameter: its callers are scanned
        found: set[str] = set()
        ok = False
        for stmt in ast.walk(scope):
            if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets):
                values, ok_v = _strings(stmt.value, scope, forwarded)
                found |= values
                ok = ok_v
        return found, ok
    return set(), False


def emitted_codes() -> tuple[set[str], list[str]]:
    helpers = _code_params()
    codes: set[str] = set()
    unresolved: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes: list[ast.AST] = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        scopes.append(tree)
        seen: set[int] = set()
        for scope in scopes:
            forwarded = {a.arg for a in scope.args.args} \
                if isinstance(scope, ast.FunctionDef) else set()
            for call in ast.walk(scope):
                if not isinstance(call, ast.Call) or id(call) in seen:
                    continue
                func = call.func
                name = func.id if isinstance(func, ast.Name) else \
                    func.attr if isinstance(func, ast.Attribute) else ""
                if name not in helpers:
                    continue
                seen.add(id(call))
                idx = helpers[name]
                arg = call.args[idx] if len(call.args) > idx else next(
                    (k.value for k in call.keywords if k.arg == "code"), None)
                if arg is None:
                    continue
                values, ok = _strings(arg, scope, forwarded)
                codes |= values
                if not ok:
                    unresolved.append(f"{path.relative_to(REPO)}:{call.lineno}")
    return codes, unresolved


def test_every_emitted_code_is_documented() -> None:
    codes, unresolved = emitted_codes()
    assert not unresolved, f"diagnostic codes that are not string literals: {unresolved}"
    assert {"yaml-syntax", "yaml-alias", "schema-type", "schema-value", "bib-syntax",
            "unknown-citation", "fmt-unsafe", "bad-id"} <= codes  # the scan sees everything
    missing = sorted(codes - set(CODES))
    assert not missing, f"add these codes to bmsurvey/core/codes.py: {missing}"


def test_every_documented_code_is_emitted() -> None:
    codes, _ = emitted_codes()
    assert not sorted(set(CODES) - codes), "codes.py documents codes nothing emits"


def test_codes_are_complete_entries() -> None:
    for name, c in CODES.items():
        assert name == name.lower() and " " not in name
        assert c.title and c.meaning and c.example and c.fix, name
        assert c.meaning.endswith(".") and c.fix.endswith("."), name


# --- the generated pages --------------------------------------------------------------------------


def _html(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=["attr_list", "toc", "fenced_code"])


def test_diagnostics_page_has_a_heading_per_code() -> None:
    text = diagnostic_codes_markdown()
    assert text == diagnostic_codes_markdown() and text.endswith("\n")
    html = _html(text)
    for name in CODES:
        assert f"## {name} {{#{name}}}" in text
        assert f'<h2 id="{name}">{name}</h2>' in html
        assert f'href="#{name}"' in html
    assert "<part-id>" not in html  # angle brackets stay inside code, never raw HTML


@pytest.mark.parametrize("model", [Topic, Section, KeyWork, Direction])
def test_schema_page_documents_every_field(model: type[Topic]) -> None:
    text = schema_reference_markdown()
    for name, field in model.model_fields.items():
        assert f"### `{name}` {{#" in text
        assert field.description and field.description in text
        for example in field.examples or []:
            if isinstance(example, str):
                assert example in text


def test_schema_page_types_required_and_links() -> None:
    text = schema_reference_markdown()
    assert text == schema_reference_markdown()
    html = _html(text)
    for anchor in ("topic", "section", "key-work", "direction", "topic-last-reviewed",
                   "section-key-works", "key-work-modality"):
        assert f'id="{anchor}"' in html
    block = text[text.index("### `last_reviewed`"):text.index("### `related`")]
    assert "**Required:** yes" in block and "ISO date" in block
    assert "`last_reviewed: 2025-11-20`" in block
    block = text[text.index("### `modality`"):]
    assert "**Required:** no" in block and "`multimodal`" in block
    assert "list of [section](#section) mappings, at least 1" in text
    assert "<part-id>" not in html


def test_schema_page_example_is_a_valid_topic() -> None:
    text = schema_reference_markdown()
    example = text[text.index("```yaml\n") + 8:text.index("```\n", text.index("```yaml\n"))]
    loaded, diags = load_yaml(example.encode(), "example.yaml")
    assert loaded is not None and not diags
    Topic.model_validate(loaded.data)
    assert yaml.safe_load(example)["sections"][0]["id"] == "overview"
