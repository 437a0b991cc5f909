"""Build-time charts for /timeline/ and /stats/: plain SVG and HTML, no JavaScript, no CDN.
Every label is escaped; every chart has a text title and a table or list behind it."""

from __future__ import annotations

import html
import math
from collections import defaultdict
from dataclasses import dataclass

from bmsurvey.core.metrics import topic_metrics
from bmsurvey.core.schema import PARTS
from bmsurvey.core.survey import Survey
from bmsurvey.render.source import PageSource

esc = html.escape
PART_COLOURS = {"resource": "#3949ab", "models": "#00796b", "key-technologies": "#c2185b",
                "application": "#e65100"}


def legend() -> str:
    items = "".join(f'<li><span class="bms-swatch" style="background:{PART_COLOURS[p.id]}">'
                    f"</span>{esc(p.title)}</li>" for p in PARTS)
    return f'<ul class="bms-legend" aria-label="Colours by part">{items}</ul>'


@dataclass(frozen=True)
class Landmark:
    date: str
    name: str
    organisation: str
    parameters: str
    params: float | None
    modality: str
    part_id: str
    topic_id: str
    topic_title: str
    anchor: str
    section_title: str
    key: str
    url: str = ""  # site-relative; a catalogue model's row rather than a topic section

    @property
    def href(self) -> str:
        return self.url or f"{self.part_id}/{self.topic_id}/#{self.anchor}"


def _figure(svg: str) -> str:
    # In a block-level wrapper: Markdown would put a bare <svg> inside a <p>.
    return f'<div class="bms-figure">{svg}</div>'


def landmarks(survey: Survey) -> list[Landmark]:
    """Key works with a date, one per (work, name): the first section that lists it wins."""
    seen: set[tuple[str, str]] = set()
    out: list[Landmark] = []
    for view in survey.topics:
        for s in view.topic.sections:
            for kw in s.key_works:
                if not kw.date or kw.key not in survey.entries:
                    continue
                name = kw.name or survey.entries[kw.key].title
                if (kw.key, name) in seen:
                    continue
                seen.add((kw.key, name))
                out.append(Landmark(kw.date, name, kw.organisation or "", kw.parameters or "",
                                    kw.parameter_count(), kw.modality or "", view.part.id,
                                    view.id, view.topic.title, s.id, s.title, kw.key))
    # The catalogue's models join the timeline, except those a key work already places there.
    named = {m.name.casefold() for m in out}
    for model in survey.models:
        if model.name.casefold() in named:
            continue
        q = model.parameters.number()
        out.append(Landmark(model.date, model.name, model.organisation,
                            _si(q) if q else "", q, model.domain, "models", "catalogue",
                            "Model catalogue", model.id, model.name, model.reference,
                            f"catalogue/#{model.id}"))
    out.sort(key=lambda m: (m.date, m.name.lower()))
    return out


def _si(value: float) -> str:
    """10**e as a short parameter count: 100M, 1B, 10T."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def _year_frac(date: str) -> float:
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 else 6
    return year + (month - 0.5) / 12


def size_chart(items: list[Landmark], root: str) -> str:
    """Landmark models by release date (x) and parameter count (y, log scale)."""
    pts = [m for m in items if m.params]
    if not pts:
        return ""
    w, h, left, bottom, top, right = 900, 360, 60, 40, 20, 20
    x0 = math.floor(min(_year_frac(m.date) for m in pts))
    x1 = math.ceil(max(_year_frac(m.date) for m in pts)) + (0 if len(pts) > 1 else 1)
    lo = math.floor(math.log10(min(m.params or 1 for m in pts)))
    hi = math.ceil(math.log10(max(m.params or 1 for m in pts)))
    hi = hi if hi > lo else lo + 1

    def sx(v: float) -> float:
        return left + (v - x0) / max(x1 - x0, 1) * (w - left - right)

    def sy(v: float) -> float:
        return h - bottom - (math.log10(v) - lo) / (hi - lo) * (h - bottom - top)

    # role="group", not "img": the points are links, and an img role would hide them from
    # assistive technology while leaving them in the tab order.
    parts = [f'<svg class="bms-chart" viewBox="0 0 {w} {h}" role="group" '
             'aria-labelledby="bms-size-title"><title id="bms-size-title">Parameter count of '
             "landmark models by release date (log scale)</title>"]
    for e in range(lo, hi + 1):
        y = sy(10 ** e)
        label = _si(10 ** e)
        parts.append(f'<line x1="{left}" x2="{w - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="bms-grid"/><text x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end" class="bms-axis">{label}</text>')
    for year in range(x0, x1 + 1):
        x = sx(year)
        parts.append(f'<text x="{x:.1f}" y="{h - bottom + 18}" text-anchor="middle" '
                     f'class="bms-axis">{year}</text>')
    for m in pts:
        x, y = sx(_year_frac(m.date)), sy(m.params or 1)
        href = root + m.href
        org = f", {m.organisation}" if m.organisation else ""
        label = f"{m.name} ({m.parameters}, {m.date}{org})"
        parts.append(f'<a href="{esc(href)}" aria-label="{esc(label)}"><circle cx="{x:.1f}" '
                     f'cy="{y:.1f}" r="6" fill="{PART_COLOURS[m.part_id]}" fill-opacity="0.8">'
                     f"<title>{esc(label)}</title></circle></a>")
    parts.append("</svg>")
    return _figure("".join(parts))


def timeline_page(survey: Survey, root: str = "../") -> PageSource:
    items = landmarks(survey)
    by_year: dict[str, list[Landmark]] = defaultdict(list)
    for m in items:
        by_year[m.date[:4]].append(m)
    page = PageSource().md("# Timeline")
    page.html("<p>Landmark models, datasets and systems discussed in the survey, by first public "
              "release. Each entry links to the section that discusses it, or to its row in the "
              "model catalogue; colours show the part. The data comes from the typed fields of "
              "key works in the topic files and from the model catalogue.</p>")
    page.html(legend()).md("## Model size over time {#model-size}").html(size_chart(items, root))
    for year in sorted(by_year):
        page.md(f"## {year} {{#y{year}}}")
        lis = []
        for m in by_year[year]:
            facts = ", ".join(x for x in (m.organisation, m.parameters and f"{m.parameters} "
                                          "parameters", m.modality) if x)
            href = root + m.href
            lis.append(f'<li class="bms-tl-item bms-part-{m.part_id}">'
                       f'<time datetime="{esc(m.date)}">{esc(m.date)}</time> '
                       f'<a href="{esc(href)}"><strong>{esc(m.name)}</strong></a>'
                       + (f" <span class=\"bms-tl-facts\">{esc(facts)}</span>" if facts else "")
                       + (f' <span class="bms-tl-where">{esc(m.topic_title)} › '
                          f"{esc(m.section_title)}</span>" if not m.url else
                          ' <span class="bms-tl-where">Model catalogue</span>') + "</li>")
        page.html(f'<ul class="bms-timeline">{"".join(lis)}</ul>')
    if not items:
        page.html("<p>No key work has a date yet.</p>")
    return page


def _refs_per_year(survey: Survey) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = {p.id: defaultdict(int) for p in PARTS}
    for p in PARTS:
        keys: set[str] = set()
        for view in survey.by_part(p.id):
            keys.update(survey.topic_keys.get(view.id, []))
        for k in keys:
            y = survey.entries[k].year
            if y:
                counts[p.id][int(y)] += 1
    return counts


def year_chart(survey: Survey) -> str:
    counts = _refs_per_year(survey)
    years = sorted({y for c in counts.values() for y in c})
    if not years:
        return ""
    first = max(years[0], years[-1] - 24)  # the last 25 years; older works join the first bar
    span = list(range(first, years[-1] + 1))
    bars: dict[int, dict[str, int]] = {y: defaultdict(int) for y in span}
    for part_id, per_year in counts.items():
        for y, n in per_year.items():
            bars[max(y, first)][part_id] += n
    peak = max(sum(b.values()) for b in bars.values()) or 1
    w, h, left, bottom, top = 900, 320, 50, 40, 20
    bw = (w - left - 10) / len(span)
    out = [f'<svg class="bms-chart" viewBox="0 0 {w} {h}" role="img" '
           'aria-labelledby="bms-years-title"><title id="bms-years-title">Cited references per '
           "year, stacked by part</title>"]
    for i, y in enumerate(span):
        x, base = left + i * bw, float(h - bottom)
        label = f"{'≤' if y == first and years[0] < first else ''}{y}"
        for p in PARTS:
            n = bars[y][p.id]
            if not n:
                continue
            bh = n / peak * (h - bottom - top)
            base -= bh
            out.append(f'<rect x="{x + 1:.1f}" y="{base:.1f}" width="{bw - 2:.1f}" '
                       f'height="{bh:.1f}" fill="{PART_COLOURS[p.id]}"><title>{esc(p.title)}, '
                       f"{label}: {n}</title></rect>")
        if i % 2 == 0 or len(span) < 13:
            out.append(f'<text x="{x + bw / 2:.1f}" y="{h - bottom + 16}" text-anchor="middle" '
                       f'class="bms-axis">{label}</text>')
    out.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="bms-axis">'
               f"{peak}</text></svg>")
    return _figure("".join(out))


def _luminance(rgb: tuple[float, float, float]) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _heat(share: float) -> str:
    """An opaque cell colour (the same in light and dark mode) and the text colour with the
    better contrast on it, so every count stays readable (WCAG AA)."""
    if share <= 0:
        return ""
    alpha = 0.08 + 0.72 * share
    r, g, b = (alpha * c + (1 - alpha) * 255 for c in (57, 73, 171))
    lum = _luminance((r, g, b))
    text = "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"
    r, g, b = round(r), round(g), round(b)
    return f"background:rgb({r},{g},{b});color:{text}"


def cocitation_table(survey: Survey, root: str) -> str:
    views = survey.topics
    keys = {v.id: set(survey.topic_keys.get(v.id, [])) for v in views}
    peak = max((len(keys[a.id] & keys[b.id]) for a in views for b in views if a.id != b.id),
               default=1) or 1
    head = "".join(f'<th scope="col" title="{esc(v.topic.title)}"><a href="{root}{v.url}">'
                   f"{i + 1}</a></th>" for i, v in enumerate(views))
    rows = []
    for i, a in enumerate(views):
        cells = []
        for b in views:
            n = len(keys[a.id] & keys[b.id])
            if a.id == b.id:
                cells.append(f'<td class="bms-diag">{n}</td>')
            else:
                cells.append(f'<td style="{_heat(n / peak)}" '
                             f'title="{esc(a.topic.title)} and {esc(b.topic.title)}: {n} shared">'
                             f"{n or ''}</td>")
        rows.append(f'<tr><th scope="row">{i + 1}. <a href="{root}{a.url}">'
                    f'{esc(a.topic.title)}</a></th>{"".join(cells)}</tr>')
    return (f'<div class="bms-matrix-wrap"><table class="bms-matrix"><caption>References shared '
            f"by each pair of topics (the diagonal counts each topic's own references)</caption>"
            f'<thead><tr><th scope="col">Topic</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def sizes_table(survey: Survey, root: str) -> str:
    rows = []
    for v in survey.topics:
        m = topic_metrics(survey, v)
        rows.append(f'<tr><td><a href="{root}{v.url}">{esc(m.title)}</a></td>'
                    f"<td>{esc(v.part.title)}</td><td>{m.sections}</td><td>{m.directions}</td>"
                    f"<td>{m.words:,}</td><td>{m.references}</td><td>{m.key_works}</td></tr>")
    return ('<div class="bms-matrix-wrap"><table class="bms-sizes"><caption>Size of each topic'
            '</caption><thead><tr>'
            '<th scope="col">Topic</th><th scope="col">Part</th><th scope="col">Sections</th>'
            '<th scope="col">Directions</th><th scope="col">Words</th>'
            '<th scope="col">References</th><th scope="col">Key works</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def stats_page(survey: Survey, root: str = "../") -> PageSource:
    n_refs = len(survey.entries)
    page = PageSource().md("# Statistics")
    page.html(f"<p>{len(survey.topics)} topics cite {n_refs:,} distinct works.</p>")
    page.md("## References per year {#references-per-year}").html(legend())
    page.html(year_chart(survey))
    page.html("<p>A work cited in topics of two parts counts once in each.</p>")
    page.md("## Shared references between topics {#co-citation}")
    page.html(cocitation_table(survey, root))
    return page.md("## Size of each topic {#sizes}").html(sizes_table(survey, root))
