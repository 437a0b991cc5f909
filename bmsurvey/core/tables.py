"""Tables as data: the checks a table's cells need beyond its schema, and each cell's value in
the one normal form every output (HTML, CSV, JSON) is made from."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import Positions
from bmsurvey.core.schema import Column, Table, Topic
from bmsurvey.core.schema.topic import Cell
from bmsurvey.core.schema.vocab import as_number

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")

Value = str | int | float | bool | list[str] | None


@dataclass(frozen=True)
class TableRef:
    """A table in its topic: where it stands and its number on the page."""

    section_index: int
    table_index: int
    number: int
    table: Table

    @property
    def anchor(self) -> str:
        return f"table-{self.table.id}"

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("sections", self.section_index, "tables", self.table_index)


def topic_tables(topic: Topic) -> Iterator[TableRef]:
    """Every table of a topic in reading order, numbered from 1."""
    n = 0
    for i, section in enumerate(topic.sections):
        for j, table in enumerate(section.tables):
            n += 1
            yield TableRef(i, j, n, table)


def normal(column: Column, value: Cell) -> Value:
    """A valid cell's value as the exports carry it (dates as text, cite cells as lists)."""
    if value is None:
        return None
    if column.type == "number":
        return as_number(value)
    if column.type == "date":
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)
    if column.type == "cite":
        return [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
    if column.type == "text" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value  # type: ignore[return-value]


def _type_error(column: Column, value: Cell) -> str | None:
    """What is wrong with a cell of this column, or None."""
    if value is None:
        return None
    kind = column.type
    if kind == "number":
        if as_number(value) is None:
            return "a number"
    elif kind == "date":
        if isinstance(value, dt.date):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not DATE.match(value):
            return "a date: YYYY, YYYY-MM or YYYY-MM-DD"
    elif kind == "bool":
        if not isinstance(value, bool):
            return "true or false"
    elif kind == "cite":
        keys = [value] if isinstance(value, str) else value
        if not isinstance(keys, list) or not keys or not all(
                isinstance(k, str) and KEY.match(k) for k in keys):
            return "a reference key or a list of keys"
    elif kind == "text" and isinstance(value, (list, dt.date, bool)):
        return "text"
    return None


def _shown(value: Cell) -> str:
    return repr(value.isoformat() if isinstance(value, dt.date) else value)


def check_tables(topic: Topic, path: str, pos: Positions, entries: Collection[str],
                 did_you_mean: Callable[[str], str]) -> list[Diagnostic]:
    """Diagnostics for the tables of one topic, all of them in one pass."""
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    page_ids = {s.id for s in topic.sections} | {d.id for d in topic.future_directions}
    for ref in topic_tables(topic):
        table = ref.table
        line, col = pos.of(ref.path + ("id",))
        if table.id in seen:
            diags.append(Diagnostic(path, line, col, "duplicate-table",
                                    f"table id '{table.id}' is used twice in topic '{topic.id}' "
                                    f"(first as Table {seen[table.id]})",
                                    "table ids are anchors (table-<id>): make each unique"))
        seen.setdefault(table.id, ref.number)
        if ref.anchor in page_ids:
            diags.append(Diagnostic(path, line, col, "duplicate-id",
                                    f"table anchor '{ref.anchor}' is also a section or "
                                    "direction id", "rename the table or the section"))
        columns = {c.id: c for c in table.columns}
        col_seen: set[str] = set()
        for k, column in enumerate(table.columns):
            cpath = ref.path + ("columns", k)
            if column.id in col_seen:
                line, col = pos.of(cpath + ("id",))
                diags.append(Diagnostic(path, line, col, "table-column",
                                        f"column id '{column.id}' appears twice in table "
                                        f"'{table.id}'", "give each column its own id"))
            col_seen.add(column.id)
            if column.unit is not None and column.type != "number":
                line, col = pos.of(cpath + ("unit",), prefer_key=True)
                diags.append(Diagnostic(path, line, col, "table-column",
                                        f"column '{column.id}' has a unit but is of type "
                                        f"'{column.type}'",
                                        "only number columns take a unit: set `type: number` "
                                        "or remove `unit`"))
        for r, row in enumerate(table.rows):
            rpath = ref.path + ("rows", r)
            for name, value in row.items():
                line, col = pos.of(rpath + (name,), prefer_key=True)
                column_or_none = columns.get(name)
                if column_or_none is None:
                    close = difflib.get_close_matches(name, list(columns), n=1)
                    hint = (f"did you mean '{close[0]}'? " if close else "") + \
                        "columns: " + ", ".join(columns)
                    diags.append(Diagnostic(path, line, col, "table-unknown-column",
                                            f"row {r + 1} of table '{table.id}' has a value for "
                                            f"unknown column '{name}'", hint))
                    continue
                column = column_or_none
                line, col = pos.of(rpath + (name,))
                wanted = _type_error(column, value)
                if wanted:
                    diags.append(Diagnostic(path, line, col, "table-cell-type",
                                            f"column '{name}' of table '{table.id}' holds "
                                            f"{column.type} values, but row {r + 1} gives "
                                            f"{_shown(value)}",
                                            f"write {wanted}, or null for an empty cell"))
                    continue
                if column.type == "cite" and value is not None:
                    for key in normal(column, value) or []:  # type: ignore[union-attr]
                        assert isinstance(key, str)
                        if key not in entries:
                            diags.append(Diagnostic(path, line, col, "unknown-citation",
                                                    f"unknown citation key '{key}' in table "
                                                    f"'{table.id}'", did_you_mean(key)))
            missing = [c for c in columns if c not in row]
            if missing:
                line, col = pos.of(rpath)
                diags.append(Diagnostic(path, line, col, "table-ragged-row",
                                        f"row {r + 1} of table '{table.id}' has no value for "
                                        "column " + ", ".join(f"'{m}'" for m in missing),
                                        "give every column a value; write `" + missing[0] +
                                        ": null` for an empty cell"))
    return diags


def cell_keys(table: Table) -> list[str]:
    """The reference keys named by the table's cite cells, in order, once each."""
    out: list[str] = []
    for column in (c for c in table.columns if c.type == "cite"):
        for row in table.rows:
            value = row.get(column.id)
            for key in [value] if isinstance(value, str) else (
                    value if isinstance(value, list) else []):
                if isinstance(key, str) and key not in out:
                    out.append(key)
    return out


def table_rows(table: Table) -> list[dict[str, Value]]:
    """The rows in normal form, columns in table order (the JSON and CSV downloads)."""
    return [{c.id: normal(c, row.get(c.id)) for c in table.columns} for row in table.rows]


def number_text(value: float | int, power: Callable[[int], str]) -> str:
    """A number as the tables print it: integers with thousands separators, very large or small
    values as mantissa x 10^exponent (`power` writes the exponent in the output's markup)."""
    if isinstance(value, int):
        return f"{value:,}"
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
        mantissa, exp = f"{value:.3e}".split("e")
        return f"{float(mantissa):g}×10{power(int(exp))}"
    return f"{value:,.6g}"
