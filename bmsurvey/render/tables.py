"""Tables as HTML, CSV and JSON: one normal form (`bmsurvey.core.tables`) behind all three.

The HTML is a `<figure id="table-<id>">` with a numbered caption, column headers with
`scope="col"`, the first cell of each row as a row header, numbers right-aligned, and a
`data-sort` value on every cell so the page script can sort by any column (without script the
table is simply in source order). The table scrolls inside its own box on narrow screens."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable

from bmsurvey.core.schema import Column
from bmsurvey.core.tables import TableRef, Value, normal, number_text, table_rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
esc = html.escape


def header(column: Column) -> str:
    return f"{column.title} ({column.unit})" if column.unit else column.title


def _number(value: float | int) -> str:
    return number_text(value, lambda exp: f"<sup>{exp}</sup>")


def table_html(ref: TableRef, inline: Callable[[str], str], cite: Callable[[list[str]], str],
               downloads: str) -> str:
    """The whole figure; `inline` renders contributed inline Markdown, `cite` a list of keys."""
    table = ref.table
    heads = []
    for c in table.columns:
        cls = ' class="bms-num"' if c.type == "number" else ""
        heads.append(f'<th scope="col" data-type="{c.type}"{cls}>{esc(header(c))}</th>')
    rows = []
    for row in table.rows:
        cells = []
        for i, c in enumerate(table.columns):
            value = normal(c, row.get(c.id))
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            cells.append(f"<{tag}{scope}{_cell(c, value, inline, cite)}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    note = f'<p class="bms-table-note">{inline(table.note)}</p>' if table.note else ""
    label = f"Table {ref.number}"
    return (f'<figure id="{ref.anchor}" class="bms-table">'
            f'<figcaption><span class="bms-table-num">{label}.</span> {inline(table.caption)}'
            "</figcaption>"
            f'<div class="bms-table-scroll" role="region" aria-label="{label}" tabindex="0">'
            f'<table class="bms-sortable"><thead><tr>{"".join(heads)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>{note}'
            f'<p class="bms-table-downloads">{downloads}</p></figure>')


def _cell(column: Column, value: Value, inline: Callable[[str], str],
          cite: Callable[[list[str]], str]) -> str:
    """The attributes and content of one cell, from `>` on."""
    if value is None:
        return ' data-sort="" class="bms-empty"><span title="no value">–</span>'
    kind = column.type
    if kind == "number":
        assert isinstance(value, (int, float))
        return f' data-sort="{value!r}" class="bms-num">{_number(value)}'
    if kind == "bool":
        return f' data-sort="{int(bool(value))}">{"yes" if value else "no"}'
    if kind == "date":
        return f' data-sort="{esc(str(value))}" class="bms-date">{esc(str(value))}'
    if kind == "cite":
        assert isinstance(value, list)
        return f' data-sort="{esc(" ".join(value))}">{cite(value)}'
    html = inline(str(value))
    return f">{html}"


def _csv_safe(value: Value, column: Column) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = "; ".join(value)
    else:
        text = str(value)
    if column.type != "number" and text.startswith(FORMULA_START):
        return "'" + text  # spreadsheets would run it as a formula (OWASP CSV injection)
    return text


def table_csv(ref: TableRef) -> str:
    """Column ids as the header, then one line per row; cite cells join keys with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ref.table.columns
    writer.writerow([c.id for c in columns])
    for row in ref.table.rows:
        writer.writerow([_csv_safe(normal(c, row.get(c.id)), c) for c in columns])
    return out.getvalue()


def table_json(ref: TableRef, topic_id: str) -> str:
    t = ref.table
    data = {
        "topic": topic_id, "id": t.id, "number": ref.number, "caption": t.caption,
        "note": t.note,
        "columns": [{"id": c.id, "title": c.title, "type": c.type, "unit": c.unit}
                    for c in t.columns],
        "rows": table_rows(t),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
