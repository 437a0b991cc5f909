"""Turn pydantic validation errors into located, plain-word Diagnostics (after rendercv)."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import Positions
from bmsurvey.core.schema import Author, Column, Direction, KeyWork, Section, Table, Topic
from bmsurvey.core.schema.catalogue import ModelRecord, Quantity
from bmsurvey.core.schema.topic import CatalogueView

_CHILD_MODELS: dict[str, type[BaseModel]] = {
    "authors": Author, "sections": Section, "future_directions": Direction, "key_works": KeyWork,
    "tables": Table, "columns": Column,
    "catalogue": CatalogueView, "models": ModelRecord, "parameters": Quantity,
    "active_parameters": Quantity, "training_tokens": Quantity, "training_compute": Quantity,
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


def _model_at(loc: tuple[Any, ...], root: type[BaseModel] = Topic) -> type[BaseModel]:
    model: type[BaseModel] = root
    for part in loc:
        if isinstance(part, str) and part in _CHILD_MODELS:
            model = _CHILD_MODELS[part]
    return model


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _one(err: Any, path: str, pos: Positions, root: type[BaseModel]) -> Diagnostic:
    loc = tuple(p for p in err["loc"] if p not in ("function-after", "function-before"))
    # Unions add the member type name to the location; drop it.
    loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("str", "int"))))
    typ, value = err["type"], err.get("input")
    where = _dotted(loc)
    field = loc[-1] if loc else ""
    ctx = err.get("ctx") or {}
    if typ == "extra_forbidden":
        model = _model_at(loc[:-1], root)
        allowed = sorted(model.model_fields)
        close = difflib.get_close_matches(str(field), allowed, n=1)
        hint = (f"did you mean '{close[0]}'? " if close else "") + "allowed fields: " + \
            ", ".join(allowed)
        line, col = pos.of(loc, prefer_key=True)
        return Diagnostic(path, line, col, "schema-unknown-field",
                          f"unknown field '{field}' in {_dotted(loc[:-1])}", hint)
    line, col = pos.of(loc)
    if typ == "orcid":  # bmsurvey.core.schema.orcid: its form or its check character
        return Diagnostic(path, line, col, "author-orcid", f"{where}: {err['msg']}",
                          str(ctx.get("hint", "")))
    if typ == "missing":
        return Diagnostic(path, line, col, "schema-missing-field",
                          f"required field '{field}' is missing in {_dotted(loc[:-1])}",
                          f"add `{field}:` here; see the schema reference for what it holds")
    if typ in ("string_type", "str_type"):
        msg, hint = f"{where} must be text, not {_kind(value)}", "write a single line of text"
    elif typ == "list_type":
        msg, hint = f"{where} must be a list, not {_kind(value)}", "write one item per `- ` line"
    elif typ in ("model_type", "dict_type", "model_attributes_type"):
        msg = f"{where} must be a mapping of fields, not {_kind(value)}"
        hint = "write `field: value` lines; fields: " + ", ".join(_model_at(loc, root).model_fields)
    elif typ == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            msg = f"{where} must be lowercase words joined by hyphens, got {value!r}"
            hint = "use letters a-z, digits and single hyphens, e.g. 'scaling-laws'"
        elif "KMBT" in pattern:
            msg, hint = f"{where} {value!r} is not a parameter count", "write e.g. 340M, 7B, 1.2T"
        elif pattern.endswith(r"-(0[1-9]|1[0-2])$"):
            msg, hint = f"{where} {value!r} is not a month", "write YYYY-MM, e.g. 2020-05"
        elif r"\d{4}" in pattern:
            msg, hint = f"{where} {value!r} is not a year or month", "write YYYY or YYYY-MM"
        elif r"\n" in pattern:
            msg, hint = f"{where} must be a single non-blank line", "remove the line breaks"
        else:
            msg, hint = f"{where} {value!r} does not match {pattern}", ""
    elif typ in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        msg = f"{where} must be a date, not {_kind(value)} {value!r}"
        hint = "write an unquoted ISO date, e.g. 2025-11-20"
    elif typ == "literal_error":
        msg = f"{where} must be one of {ctx.get('expected', '')}, got {value!r}"
        hint = "pick one of the listed values"
    elif typ in ("too_short", "string_too_short"):
        msg = f"{where} is too short: {err['msg'].lower()}"
        hint = "add content here"
    elif typ in ("too_long", "string_too_long"):
        msg, hint = f"{where} is too long: {err['msg'].lower()}", "shorten it"
    elif typ == "value_error":
        msg, hint = f"{where}: {err['msg'].removeprefix('Value error, ')}", ""
    else:
        msg, hint = f"{where}: {err['msg']}", ""
    code = "schema-type" if "type" in typ else "schema-value"
    return Diagnostic(path, line, col, code, msg, hint)


def to_diagnostics(exc: ValidationError, path: str, pos: Positions,
                   root: type[BaseModel] = Topic,
                   prefix: tuple[str | int, ...] = ()) -> list[Diagnostic]:
    """`prefix`: where the validated value stands in the file (one record of a list)."""
    errors = exc.errors(include_url=False)
    return [_one({**err, "loc": prefix + tuple(err["loc"])}, path, pos, root) for err in errors]
