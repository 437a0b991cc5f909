"""The model catalogue as a page (/catalogue/), two log-scale charts, the CSV/JSON downloads and
the filtered views that topic sections embed. Every view is made from `catalogue.model_row`."""

from __future__ import annotations

import csv
import html
import io
import json
import math
from collections.abc import Callable, Sequence

from bmsurvey.core.catalogue import QUANTITIES, model_row, source_of
from bmsurvey.core.schema.catalogue import ModelRecord, Quantity
from bmsurvey.render.source import PageSource
from bmsurvey.render.tables import FORMULA_START

esc = html.escape
CATALOGUE_SRC = "catalogue.md"
DOMAIN_COLOURS = {"language": "#3949ab", "code": "#5e35b1", "vision": "#00796b",
                  "multimodal": "#c2185b", "video": "#ad1457", "speech": "#e65100",
                  "protein": "#2e7d32", "science": "#6d4c41", "other": "#546e7a"}
ACCESS = {"open-weights": "open weights", "api": "API only", "closed": "closed"}
ARCH = {"dense": "dense", "moe": "mixture of experts", "ssm": "state space", "hybrid": "hybrid",
        "diffusion": "diffusion", "other": "other"}
COLUMNS: tuple[tuple[str, str, str], ...] = (
    # (key, header, type for sorting)
    ("name", "Model", "text"), ("organisation", "Organisation", "text"), ("date", "Date", "date"),
    ("domain", "Domain", "text"), ("parameters", "Parameters", "number"),
    ("active_parameters", "Active parameters", "number"),
    ("training_tokens", "Training tokens", "number"),
    ("training_compute", "Training compute (FLOP)", "number"),
    ("architecture", "Architecture", "text"), ("context_length", "Context (tokens)", "number"),
    ("accessibility", "Access", "text"), ("licence", "Licence", "text"),
    ("reference", "Source", "text"),
)
Cite = Callable[[str], str]  # a reference key -> a citation link


def human(value: float) -> str:
    """1.75e11 -> 175B; 3.1e23 -> 3.1×10²³ for compute-sized numbers."""
    if value >= 1e16:
        exp = math.floor(math.log10(value))
        return f"{value / 10 ** exp:.3g}×10<sup>{exp}</sup>"
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:g}"


def _quantity(m: ModelRecord, q: Quantity | None, cite: Cite) -> str:
    if q is None:
        return ' data-sort="" class="bms-num bms-empty"><span title="not in the catalogue">–</span>'
    if q.value == "undisclosed":
        return ' data-sort="" class="bms-num"><span class="bms-undisclosed">undisclosed</span>'
    number = q.number() or 0.0
    shown = human(number)
    if q.status == "estimated":
        tip = f"Estimate: {q.note or ''} (source: {source_of(m, q)})"
        shown = (f'<span class="bms-est" title="{esc(tip)}">≈{shown}</span>'
                 f'<span class="bms-est-src"> {cite(source_of(m, q))}</span>')
    elif q.source and q.source != m.reference:
        shown += f'<span class="bms-est-src"> {cite(q.source)}</span>'
    return f' data-sort="{number!r}" class="bms-num">{shown}'


def model_tr(m: ModelRecord, cite: Cite, anchor: bool = True, root: str = "") -> str:
    ident = f' id="{esc(m.id)}"' if anchor else ""
    name = esc(m.name) if anchor else f'<a href="{root}catalogue/#{esc(m.id)}">{esc(m.name)}</a>'
    cells = [f'<th scope="row">{name}</th>', f"<td>{esc(m.organisation)}</td>",
             f'<td data-sort="{esc(m.date)}">{esc(m.date)}</td>', f"<td>{esc(m.domain)}</td>"]
    cells += [f"<td{_quantity(m, getattr(m, q), cite)}</td>" for q in QUANTITIES]
    ctx = (f'<td data-sort="{m.context_length}" class="bms-num">{m.context_length:,}</td>'
           if m.context_length else '<td data-sort="" class="bms-num bms-empty">–</td>')
    cells += [f"<td>{esc(ARCH[m.architecture])}</td>", ctx,
              f"<td>{esc(ACCESS[m.accessibility])}</td>", f"<td>{esc(m.licence or '')}</td>",
              f'<td data-sort="{esc(m.reference)}">{cite(m.reference)}</td>']
    data = (f' data-domain="{m.domain}" data-access="{m.accessibility}" '
            f'data-arch="{m.architecture}"')
    return f"<tr{ident}{data}>{''.join(cells)}</tr>"


def catalogue_table(models: Sequence[ModelRecord], cite: Cite, anchor: bool = True,
                    root: str = "", label: str = "Model catalogue", search: bool = True) -> str:
    num = ' class="bms-num"'
    heads = "".join(f'<th scope="col" data-type="{t}"{num if t == "number" else ""}>'
                    f"{esc(h)}</th>" for _, h, t in COLUMNS)
    rows = "".join(model_tr(m, cite, anchor, root) for m in models)
    exclude = "" if search else " data-search-exclude"
    return (f'<div class="bms-table-scroll" role="region" aria-label="{esc(label)}" '
            f'tabindex="0"{exclude}><table class="bms-sortable bms-catalogue"><thead><tr>'
            f"{heads}</tr></thead><tbody>{rows}</tbody></table></div>")


def _year_frac(date: str) -> float:
    return int(date[:4]) + (int(date[5:7]) - 0.5) / 12


def log_chart(models: Sequence[ModelRecord], field: str, title: str, ident: str,
              unit: str, root: str = "") -> str:
    """Models by date (x) and `field` (y, log scale); each point links to its row."""
    pts = [(m, q.number()) for m in models if (q := getattr(m, field)) is not None
           and q.number()]
    if not pts:
        return ""
    w, h, left, bottom, top, right = 900, 380, 70, 40, 20, 20
    x0 = math.floor(min(_year_frac(m.date) for m, _ in pts))
    x1 = max(math.ceil(max(_year_frac(m.date) for m, _ in pts)), x0 + 1)
    lo = math.floor(math.log10(min(v for _, v in pts if v)))
    hi = max(math.ceil(math.log10(max(v for _, v in pts if v))), lo + 1)

    def sx(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * (w - left - right)

    def sy(v: float) -> float:
        return h - bottom - (math.log10(v) - lo) / (hi - lo) * (h - bottom - top)

    biggest = max(pts, key=lambda p: p[1])
    desc = (f"{len(pts)} models from {min(m.date for m, _ in pts)} to "
            f"{max(m.date for m, _ in pts)}; {unit} range from {human(min(v for _, v in pts))} "
            f"to {human(biggest[1])} ({biggest[0].name}). Every point links to its row of the "
            "table below.").replace("<sup>", "^").replace("</sup>", "")
    parts = [f'<svg class="bms-chart" viewBox="0 0 {w} {h}" role="group" '
             f'aria-labelledby="{ident}-title {ident}-desc"><title id="{ident}-title">'
             f'{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>']
    step = 1 if hi - lo <= 8 else 2
    for e in range(lo, hi + 1, step):
        y = sy(10 ** e)
        parts.append(f'<line x1="{left}" x2="{w - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="bms-grid"/><text x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end" class="bms-axis">10{_sup(e)}</text>')
    for year in range(x0, x1 + 1):
        parts.append(f'<text x="{sx(year):.1f}" y="{h - bottom + 18}" text-anchor="middle" '
                     f'class="bms-axis">{year}</text>')
    for m, v in sorted(pts, key=lambda p: p[0].date):
        q = getattr(m, field)
        est = " (estimate)" if q.status == "estimated" else ""
        dashed = ' class="bms-est-point"' if est else ""
        label = f"{m.name}, {m.organisation}, {m.date}: {_plain(human(v))} {unit}{est}"
        parts.append(f'<a href="{root}#{esc(m.id)}" aria-label="{esc(label)}">'
                     f'<circle cx="{sx(_year_frac(m.date)):.1f}" cy="{sy(v):.1f}" r="5" '
                     f'fill="{DOMAIN_COLOURS[m.domain]}" fill-opacity="0.8"'
                     f"{dashed}>"
                     f"<title>{esc(label)}</title></circle></a>")
    parts.append("</svg>")
    return f'<div class="bms-figure" data-search-exclude>{"".join(parts)}</div>'


def _sup(e: int) -> str:
    return str(e).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _plain(text: str) -> str:
    return text.replace("×10<sup>", "e").replace("</sup>", "")


def legend() -> str:
    items = "".join(f'<li><span class="bms-swatch" style="background:{c}"></span>{esc(d)}</li>'
                    for d, c in DOMAIN_COLOURS.items())
    return f'<ul class="bms-legend" aria-label="Colours by domain">{items}</ul>'


def filter_form() -> str:
    """Filters for the page script; hidden until the script runs (the table works without)."""
    def select(name: str, label: str, options: dict[str, str]) -> str:
        opts = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in options.items())
        return (f'<label>{label} <select name="{name}"><option value="">all</option>{opts}'
                "</select></label>")
    domains = {d: d for d in DOMAIN_COLOURS}
    return ('<form class="bms-filter bms-catalogue-filter" role="search" data-search-exclude '
            'aria-label="Filter the models" hidden>'
            '<label>Text <input type="search" name="text" placeholder="name, organisation, '
            'licence" autocomplete="off"></label>'
            + select("domain", "Domain", domains) + select("access", "Access", ACCESS)
            + select("arch", "Architecture", ARCH)
            + '<button type="reset">Clear</button> <output class="bms-count" aria-live="polite">'
            "</output></form>")


def catalogue_page(models: Sequence[ModelRecord], cite: Cite) -> PageSource:
    ordered = sorted(models, key=lambda m: (m.date, m.name.lower()), reverse=True)
    n = len(models)
    counts = {f: sum(1 for m in models if (q := getattr(m, f)) is not None and q.number())
              for f in QUANTITIES}
    estimates = sum(1 for m in models for f in QUANTITIES
                    if (q := getattr(m, f)) is not None and q.status == "estimated")
    page = PageSource().md("# Model catalogue")
    page.html(
        f"<p>{n} models of the field as sourced data: {counts['parameters']} with a parameter "
        f"count, {counts['training_tokens']} with training tokens and "
        f"{counts['training_compute']} with training compute. Each number comes from the "
        "paper or report in the Source column unless marked ≈, an estimate whose source and "
        f"method show when you point at it ({estimates} estimates). Parameter counts that a "
        "report withholds say <em>undisclosed</em>. Download the data as "
        '<a href="../export/models.csv" download>CSV</a> or '
        '<a href="../export/models.json" download>JSON</a> (with its '
        '<a href="../export/models.schema.json" download>JSON Schema</a>).</p>')
    page.md("## Parameters over time {#parameters-over-time}").html(legend())
    # The charts and the table are data, not prose: the search index leaves them out (the
    # table has its own filter), which keeps a 1,500-model page from dominating the build.
    page.html(log_chart(models, "parameters", "Parameters of the catalogued models by date "
                        "(log scale)", "bms-cat-params", "parameters"), search=False)
    page.md("## Training compute over time {#compute-over-time}")
    page.html(log_chart(models, "training_compute", "Training compute of the catalogued models "
                        "by date (log scale, FLOP)", "bms-cat-compute", "FLOP"), search=False)
    page.md("## All models {#models}")
    page.html(filter_form(), search=False)
    page.html(catalogue_table(ordered, cite, search=False), search=False)
    return page


def models_csv(models: Sequence[ModelRecord]) -> str:
    rows = [model_row(m) for m in models]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = list(rows[0]) if rows else ["id"]
    writer.writerow(keys)
    for row in rows:
        cells = []
        for k in keys:
            v = row[k]
            text = "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
            if text.startswith(FORMULA_START) and not isinstance(v, (int, float)):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
    return out.getvalue()


def models_json(models: Sequence[ModelRecord]) -> str:
    return json.dumps({"models": [model_row(m) for m in models]}, indent=2,
                      ensure_ascii=False) + "\n"


def models_schema() -> str:
    """The JSON Schema of the download: one flat object per model."""
    number = {"type": ["number", "string", "null"],
              "description": "A number, the text `undisclosed`, or null when not catalogued."}
    text = {"type": ["string", "null"]}
    props: dict[str, object] = {k: {"type": "string"} for k in
                                ("id", "name", "organisation", "date", "domain", "architecture",
                                 "accessibility", "reference")}
    for q in QUANTITIES:
        props[q] = number
        props[f"{q}_status"] = {"enum": ["reported", "estimated", None]}
        props[f"{q}_source"] = text
        props[f"{q}_note"] = text
    props.update({"context_length": {"type": ["integer", "null"]}, "licence": text,
                  "notes": text})
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "bmsurvey model catalogue", "type": "object", "required": ["models"],
              "properties": {"models": {"type": "array", "items": {
                  "type": "object", "additionalProperties": False,
                  "required": list(props), "properties": props}}}}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
