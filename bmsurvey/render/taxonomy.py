"""The taxonomy figure that opens each topic page: the topic, its sections and the key works of
each section with their years, drawn from the topic's own data (never kept by hand).

Inline SVG at a fixed size inside a box that scrolls sideways on a phone, so the text keeps its
size; colours come from the theme's CSS variables (light and dark); every node is a link to its
section, and the SVG has a title and a description as its text alternative."""

from __future__ import annotations

import html

from bmsurvey.core.survey import TopicView
from bmsurvey.render.labels import Label

esc = html.escape
SHOWN = 3  # key works drawn per section; the rest are counted
ROW = 22
CHAR = 7.0  # average glyph width at 13px, for truncating labels
X_TOPIC, W_TOPIC = 8, 150
X_SECTION, W_SECTION = 196, 262
X_WORK, W_WORK = 498, 262
WIDTH = X_WORK + W_WORK + 8


def _fit(text: str, width: float) -> str:
    room = int((width - 16) / CHAR)
    return text if len(text) <= room else text[:max(room - 1, 1)].rstrip() + "…"


def _wrap(text: str, width: float, lines: int) -> list[str]:
    """Up to `lines` lines that fit `width`, the last one ending in … if text is left over."""
    room = int((width - 16) / CHAR)
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = _fit(out[-1] + " " + " ".join(words), width)
    return [_fit(line, width) for line in out]


def _work_label(name: str | None, label: Label, date: str | None) -> str:
    year = (date or label.year)[:4]
    return f"{name} ({year})" if name else label.narrative


def _text_lines(title: str, cy: float, height: int) -> str:
    lines = _wrap(title, W_SECTION, 2 if height >= 2 * ROW else 1)
    first = cy + 5 - (len(lines) - 1) * 8
    spans = "".join(f'<tspan x="{X_SECTION + 8}" y="{first + i * 16:.0f}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f"<text>{spans}</text>"


def taxonomy_figure(view: TopicView, labels: dict[str, Label]) -> str:
    topic = view.topic
    blocks = []
    y = 10
    for s in topic.sections:
        works = [kw for kw in s.key_works if kw.key in labels]
        lines = [_work_label(kw.name, labels[kw.key], kw.date) for kw in works[:SHOWN]]
        if len(works) > SHOWN:
            lines.append(f"+{len(works) - SHOWN} more")
        height = max(len(lines), 1) * ROW + 8
        blocks.append((s.id, s.title, lines, y, height))
        y += height + 8
    total = max(y, 60)
    mid = total / 2
    parts = [f'<svg class="bms-chart bms-taxonomy" role="group" width="{WIDTH}" '
             f'height="{total:.0f}" viewBox="0 0 {WIDTH} {total:.0f}" '
             f'aria-labelledby="bms-taxonomy-title bms-taxonomy-desc">',
             f'<title id="bms-taxonomy-title">Taxonomy of {esc(topic.title)}</title>']
    desc = "; ".join(f"{title}: " + (", ".join(lines) if lines else "no key works")
                     for _, title, lines, _, _ in blocks)
    parts.append(f'<desc id="bms-taxonomy-desc">{esc(desc)}</desc>')
    parts.append(f'<g class="bms-tax-topic"><rect x="{X_TOPIC}" y="{mid - 20:.0f}" '
                 f'width="{W_TOPIC}" height="40" rx="6"/>'
                 f'<text x="{X_TOPIC + W_TOPIC / 2:.0f}" y="{mid + 5:.0f}" text-anchor="middle">'
                 f"{esc(_fit(topic.title, W_TOPIC))}</text></g>")
    for anchor, title, lines, top, height in blocks:
        cy = top + height / 2
        x0, x1 = X_TOPIC + W_TOPIC, X_SECTION
        parts.append(f'<path class="bms-tax-edge" d="M{x0} {mid:.0f} C{x0 + 20} {mid:.0f} '
                     f'{x1 - 20} {cy:.0f} {x1} {cy:.0f}"/>')
        parts.append(f'<a href="#{esc(anchor)}"><g class="bms-tax-section">'
                     f'<rect x="{X_SECTION}" y="{top}" width="{W_SECTION}" height="{height}" '
                     f'rx="4"/>{_text_lines(title, cy, height)}</g></a>')
        for i, line in enumerate(lines):
            ly = top + 4 + i * ROW + ROW / 2
            parts.append(f'<path class="bms-tax-edge" d="M{X_SECTION + W_SECTION} {cy:.0f} '
                         f'C{X_WORK - 20} {cy:.0f} {X_WORK - 20} {ly:.0f} {X_WORK} {ly:.0f}"/>')
            parts.append(f'<a href="#{esc(anchor)}" class="bms-tax-work">'
                         f'<text x="{X_WORK + 4}" y="{ly + 4:.0f}">{esc(_fit(line, W_WORK))}'
                         "</text></a>")
    parts.append("</svg>")
    # Left out of search: its words are the section titles, which are indexed already.
    return (f'<figure class="bms-taxonomy-figure" data-search-exclude>'
            f'<div class="bms-taxonomy-scroll">'
            f'{"".join(parts)}</div><figcaption>Figure: the sections of {esc(topic.title)} '
            "and the key works of each, drawn from the topic's data. Each node links to its "
            "section.</figcaption></figure>")
