"""The generated pages: part overviews, topic pages and the reference list.

Structure (headings) is Markdown so mkdocs builds the table of contents and search sections;
every piece of contributed text inside is sanitised HTML from `safe`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from bmsurvey.core.authors import named_authors, own_authors
from bmsurvey.core.bib import BibEntry
from bmsurvey.core.catalogue import view_models
from bmsurvey.core.citations import Citation, CiteItem, find_citations
from bmsurvey.core.coverage import month_label, newest
from bmsurvey.core.schema import PARTS, Part
from bmsurvey.core.schema.topic import CatalogueView
from bmsurvey.core.survey import Survey, TopicView, page_anchors, plain_text
from bmsurvey.core.tables import TableRef, topic_tables
from bmsurvey.core.xrefs import XRef, find_xrefs
from bmsurvey.render import cite
from bmsurvey.render.byline import byline_html
from bmsurvey.render.catalogue import catalogue_page, catalogue_table
from bmsurvey.render.cite import CiteUnit, cite_units_of
from bmsurvey.render.labels import Label, make_labels, reference_html, reference_text
from bmsurvey.render.safe import escape_heading, inline_html, markdown_to_html
from bmsurvey.render.scholarly import topic_head
from bmsurvey.render.source import PageSource
from bmsurvey.render.tables import table_html
from bmsurvey.render.taxonomy import taxonomy_figure

esc = html.escape


def topic_src(view: TopicView) -> str:
    return f"{view.part.id}/{view.id}.md"


def part_src(part: Part) -> str:
    return f"{part.id}/index.md"


REFERENCES_SRC = "references.md"


def _links(entry: BibEntry) -> str:
    out = []
    if entry.doi:
        out.append(f'<a href="https://doi.org/{esc(entry.doi)}" rel="noopener noreferrer">'
                   f"doi:{esc(entry.doi)}</a>")
    if entry.arxiv:
        out.append(f'<a href="https://arxiv.org/abs/{esc(entry.arxiv)}" '
                   f'rel="noopener noreferrer">arXiv:{esc(entry.arxiv)}</a>')
    url = entry.url
    if url.lower().startswith(("http://", "https://")) and not (
            entry.doi and entry.doi in url) and not (entry.arxiv and entry.arxiv in url):
        out.append(f'<a href="{esc(url)}" rel="noopener noreferrer">link</a>')
    return " · ".join(out)


K = TypeVar("K")


def _once(cache: dict[K, str], key: K, make: Callable[[], str]) -> str:
    """`make()` the first time `key` is asked for, the cached text after that."""
    text = cache.get(key)
    if text is None:
        text = cache[key] = make()
    return text


@dataclass
class Renderer:
    survey: Survey
    labels: dict[str, Label] = field(default_factory=dict)
    pdf: bool = False  # the build publishes /export/bmsurvey.pdf: topic pages link to it
    _tooltips: dict[str, str] = field(default_factory=dict)
    _references: dict[str, str] = field(default_factory=dict)
    _links: dict[tuple[str, bool, bool, str], str] = field(default_factory=dict)
    _cache: dict[tuple[str, ...], PageSource] = field(default_factory=dict)
    # Where the topic pages are served and the survey's PDF, for their scholarly head tags
    # (render.scholarly.topic_head): "" is survey.yml's url; an edition passes its own.
    base_url: str = ""
    pdf_url: str | None = None
    # (topic id, section id) -> "added in 0.1.0 · changed in 0.2.0" (render.editions)
    history: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = make_labels(self.survey.entries)

    # -- citations -------------------------------------------------------------------------
    def tooltip(self, key: str) -> str:
        """The reference as plain text, escaped for a title attribute; once per key."""
        return _once(self._tooltips, key, lambda: esc(
            reference_text(self.survey.entries[key], self.labels[key])))

    def reference(self, key: str) -> str:
        """The reference as HTML; once per key (topic reference lists and /references/)."""
        return _once(self._references, key,
                     lambda: reference_html(self.survey.entries[key], self.labels[key]))

    def cite_html(self, c: Citation, root: str) -> str:
        """Trusted HTML for one citation; `root` is the relative path to the site root."""
        links = []
        for item in c.items:
            if item.locator or item.prefix:
                links.append(self._cite_link(item, c.narrative, root))
                continue
            # Most citations are a bare key: their link is built once per key, form and depth.
            links.append(_once(self._links, (item.key, item.suppress_author, c.narrative, root),
                               partial(self._cite_link, item, c.narrative, root)))
        if c.narrative:
            return links[0]
        return "(" + "; ".join(links) + ")"

    def _cite_link(self, item: CiteItem, narrative: bool, root: str) -> str:
        if item.key not in self.survey.entries:
            return f'<span class="bms-cite-missing">@{esc(item.key)}?</span>'
        label = self.labels[item.key]
        text = (label.year if item.suppress_author else
                label.narrative if narrative else label.parenthetical)
        if item.locator:
            text += f", {item.locator}"
        if item.prefix:
            text = f"{item.prefix} {text}"
        return (f'<a class="bms-cite" href="{root}references/#{esc(item.key)}" '
                f'title="{self.tooltip(item.key)}">{esc(text)}</a>')

    def cite_known(self, markdown: str, root: str) -> str:
        """Replace the citations of known keys in trusted Markdown (hand-written pages)."""
        out, last = [], 0
        for c in find_citations(markdown):
            if all(item.key in self.survey.entries for item in c.items):
                out += [markdown[last:c.start], self.cite_html(c, root)]
                last = c.end
        out.append(markdown[last:])
        return "".join(out)

    def body(self, text: str, root: str, here: str = "") -> str:
        """Contributed Markdown as safe HTML; `here` is the topic whose page it stands on."""
        return markdown_to_html(text, lambda c: self.cite_html(c, root),
                                lambda x: self.xref_html(x, root, here))

    def inline(self, text: str, root: str, here: str = "") -> str:
        return inline_html(self.body(text, root, here))

    # -- cross-references ------------------------------------------------------------------
    def xref_html(self, x: XRef, root: str, here: str) -> str:
        """A link to a section, table or direction of a topic, titled as its target."""
        view = self.survey.topic(x.topic or here)
        titles = page_anchors(view) if view is not None else {}
        if view is None or (x.anchor and x.anchor not in titles):
            return f'<span class="bms-xref-missing">{esc(x.source)}</span>'
        if not x.anchor:
            return f'<a class="bms-xref" href="{root}{view.url}">{esc(view.topic.title)}</a>'
        href = f"#{x.anchor}" if view.id == here else f"{root}{view.url}#{x.anchor}"
        tip = f"{view.topic.title}: {titles[x.anchor]}"
        return (f'<a class="bms-xref" href="{href}" title="{esc(tip)}">'
                f"{esc(titles[x.anchor])}</a>")

    def xref_targets(self, view: TopicView) -> tuple[str, ...]:
        """What a topic page shows of other topics through its cross-references (cache key)."""
        out = []
        for unit in view.units():
            for x in find_xrefs(unit.body):
                other = self.survey.topic(x.topic or view.id)
                if other is not None and other is not view:
                    out.append(f"{other.id}:{other.topic.title}:{page_anchors(other)}")
        return tuple(sorted(set(out)))

    # -- the model catalogue ---------------------------------------------------------------
    def cite_key(self, key: str, root: str) -> str:
        """A parenthetical label without parentheses, for a table cell."""
        return self.cite_html(Citation(0, 0, (CiteItem(key),), False), root)[1:-1]

    def catalogue_page(self) -> PageSource:
        return catalogue_page(self.survey.models, lambda k: self.cite_key(k, "../"))

    def catalogue_view(self, view: CatalogueView, topic: TopicView, root: str,
                       anchor: str) -> str:
        models = view_models(self.survey.models, view)
        caption = self.inline(view.caption, root, topic.id)
        table = (catalogue_table(models, lambda k: self.cite_key(k, root), anchor=False,
                                 root=root, label=plain_text(view.caption))
                 if models else "<p>No catalogued model matches this view yet.</p>")
        # Data, not prose: left out of search like the catalogue page's table.
        return (f'<figure id="catalogue-{topic.id}-{anchor}" class="bms-table bms-catalogue-view" '
                f'data-search-exclude><figcaption>{caption} '
                f'({len(models)} models from the <a href="{root}catalogue/">model catalogue</a>)'
                f"</figcaption>{table}</figure>")

    # -- tables ----------------------------------------------------------------------------
    def table(self, ref: TableRef, view: TopicView, root: str) -> str:
        base = f"{root}export/tables/{view.id}/{ref.table.id}"
        downloads = (f'Download Table {ref.number}: <a href="{base}.csv" download>CSV</a> · '
                     f'<a href="{base}.json" download>JSON</a>')

        def cite_keys(keys: list[str]) -> str:
            # Parenthetical labels without the parentheses: the column says what they are.
            return self.cite_html(Citation(0, 0, tuple(CiteItem(k) for k in keys), False),
                                  root)[1:-1]

        return table_html(ref, lambda t: self.inline(t, root, view.id), cite_keys, downloads)

    # -- cite this ---------------------------------------------------------------------------
    def cite_control(self, unit: CiteUnit, root: str) -> str:
        """A disclosure with the citation of one unit in three forms, each with a copy button."""
        meta, living = self.survey.cite_meta or self.survey.project.meta, self.survey.cite_living
        what = {"topic": "this topic", "section": "this section", "table": "this table",
                "direction": "this direction"}[unit.kind]
        base = f"bms-cite-{unit.anchor or 'topic'}"
        forms = (("bib", "BibTeX", cite.bibtex(unit, meta, living), f"{unit.file_stem}.bib"),
                 ("csl", "CSL-JSON", cite.csl_json(unit, meta, living), f"{unit.file_stem}.json"),
                 ("txt", "Plain text", cite.plain(unit, meta, living), ""))
        blocks = []
        for suffix, label, text, file in forms:
            ident = f"{base}-{suffix}"
            link = (f' <a href="{root}{file}" download>{esc(file.rsplit("/", 1)[-1])}</a>'
                    if file else "")
            blocks.append(
                f'<div class="bms-cite-form"><p class="bms-cite-label">{label}{link} '
                f'<button type="button" class="bms-copy" data-copy="{ident}" '
                f'aria-label="Copy {label} citation of {what}">Copy</button></p>'
                f'<pre class="bms-cite-text"><code id="{ident}">{esc(text.strip())}</code></pre>'
                "</div>")
        return (f'<details class="bms-citethis" data-search-exclude><summary>Cite {what}</summary>'
                f'{"".join(blocks)}</details>')

    # -- pages -----------------------------------------------------------------------------
    def topic_page(self, view: TopicView) -> PageSource:
        project = self.survey.project
        titles = tuple(f"{t.id}={t.topic.title}" for t in self.survey.topics)
        cited = self.survey.cite_meta or project.meta
        history = tuple(f"{s.id}={self.history.get((view.id, s.id), '')}"
                        for s in view.topic.sections)
        cache_key = (view.doc.path, view.doc.digest, project.bib_digest, repr(project.meta),
                     str(self.pdf), *titles, *self.xref_targets(view), cited.url, cited.version,
                     *history)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        topic, root = view.topic, "../../"
        page = PageSource().md(f"# {escape_heading(topic.title)}")
        page.meta.update(topic_head(view, self.survey, base_url=self.base_url,
                                    pdf_url=self.published_pdf_url(),
                                    xref=lambda x: self.xref_html(x, root, view.id)
                                    ).front_matter())
        page.html(byline_html(named_authors(topic)))
        keys = self.survey.topic_keys.get(topic.id, [])
        reach = newest([self.survey.entries[k] for k in keys])
        covers = f"Covers work up to {month_label(reach)} · " if reach else ""
        page.html(f'<p class="bms-meta">Part: <a href="../">{esc(view.part.title)}</a> · '
                  f"{covers}Last reviewed {topic.last_reviewed.isoformat()} · "
                  f"{len(keys)} references{self.pdf_link(view, root)}</p>")
        units = {u.anchor: u for u in cite_units_of(view)}
        page.html(self.cite_control(units[""], root), search=False)
        page.html(f'<div class="bms-summary">{self.body(topic.summary, root, view.id)}</div>')
        page.html(taxonomy_figure(view, self.labels), search=False)
        tables = list(topic_tables(topic))
        for i, section in enumerate(topic.sections):
            page.md(f"## {escape_heading(section.title)} {{#{section.id}}}")
            page.html(byline_html(own_authors(section), "Section by"))
            if (view.id, section.id) in self.history:
                page.html(f'<p class="bms-history" data-search-exclude>'
                          f"{esc(self.history[(view.id, section.id)])}</p>", search=False)
            page.html(f'<div class="bms-body">{self.body(section.body, root, view.id)}</div>')
            for ref in (t for t in tables if t.section_index == i):
                page.html(self.table(ref, view, root))
                page.html(self.cite_control(units[ref.anchor], root), search=False)
            if section.catalogue is not None:
                page.html(self.catalogue_view(section.catalogue, view, root, section.id),
                          search=False)
            if section.key_works:
                items = []
                for kw in section.key_works:
                    cite = self.cite_html(Citation(0, 0, (CiteItem(kw.key),), True), root)
                    name = f"<strong>{esc(kw.name)}</strong> " if kw.name else ""
                    items.append(f"<li>{name}{cite}: {esc(kw.contribution)}</li>")
                page.html('<div class="bms-keyworks"><p class="bms-keyworks-title">Key works</p>'
                          f'<ul>{"".join(items)}</ul></div>')
            page.html(self.cite_control(units[section.id], root), search=False)
        if topic.future_directions:
            page.md("## Future directions {#future-directions}")
            for d in topic.future_directions:
                page.md(f"### {escape_heading(d.title)} {{#{d.id}}}")
                page.html(f'<div class="bms-body">{self.body(d.body, root, view.id)}</div>')
                page.html(self.cite_control(units[d.id], root), search=False)
        if topic.related:
            links = []
            for rid in topic.related:
                other = self.survey.topic(rid)
                if other is not None:
                    links.append(f'<li><a href="{root}{other.url}">{esc(other.topic.title)}</a> '
                                 f"({esc(other.part.title)})</li>")
            page.md("## Related topics {#related-topics}").html(f"<ul>{''.join(links)}</ul>")
        keys = self.survey.topic_keys.get(topic.id, [])
        page.md("## References {#references}")
        page.html(f'<p class="bms-meta"><a href="{root}export/{topic.id}.bib" download>'
                  f"Download the {len(keys)} references of this topic as BibTeX</a></p>")
        ordered = sorted(keys, key=lambda k: self.sort_key(k))
        items = [f'<li><a href="{root}references/#{esc(k)}">{esc(self.labels[k].parenthetical)}'
                 f"</a>: {self.reference(k)}</li>"
                 for k in ordered]
        page.html(f'<ol class="bms-topic-refs" data-search-exclude>{"".join(items)}</ol>',
                  search=False)
        self._cache[cache_key] = page
        return page

    def published_pdf_url(self) -> str | None:
        """The PDF's address for `citation_pdf_url`: given, or where the build publishes it."""
        if self.pdf_url or not self.pdf:
            return self.pdf_url
        base = self.base_url or self.survey.project.meta.url
        return base.rstrip("/") + "/export/bmsurvey.pdf"

    def pdf_link(self, view: TopicView, root: str) -> str:
        """The topic in the typeset PDF (its named destination), when the build publishes it."""
        if not self.pdf:
            return ""
        return (f' · <a class="bms-pdf" href="{root}export/bmsurvey.pdf#{esc(view.id)}">'
                "Read in the PDF</a>")

    def sort_key(self, key: str) -> tuple[str, str, str]:
        entry = self.survey.entries[key]
        first = next((n.family for n in entry.authors if not n.others), "")
        return (first.lower(), entry.year, key)

    def part_page(self, part: Part) -> PageSource:
        page = PageSource().md(f"# {escape_heading(part.title)}").html(f"<p>{esc(part.blurb)}</p>")
        for view in self.survey.by_part(part.id):
            page.md(f"## [{escape_heading(view.topic.title)}]({view.id}.md) {{#{view.id}}}")
            page.html(f'<div class="bms-summary">{self.body(view.topic.summary, "../")}</div>')
            sections = ", ".join(
                f'<a href="{view.id}/#{s.id}">{esc(s.title)}</a>' for s in view.topic.sections)
            page.html(f'<p class="bms-meta">Sections: {sections}</p>')
        return page

    def reference_entry(self, key: str, root: str = "../") -> str:
        entry = self.survey.entries[key]
        sites = self.survey.cited_in.get(key, [])
        topics = sorted({s.topic_id for s in sites})
        cited = "; ".join(f'<a href="{root}{esc(s.url)}">{esc(s.topic_title)} › {esc(s.title)}</a>'
                          for s in sites)
        first = next((n.family for n in entry.authors if not n.others), "")
        attrs = (f'class="bms-ref" id="{esc(key)}" data-year="{esc(entry.year)}" '
                 f'data-type="{esc(entry.type)}" data-topics="{esc(" ".join(topics))}" '
                 f'data-first="{esc(first.lower())}" data-cites="{len(sites)}"')
        # Each entry is a heading whose id is the key, followed by its paragraphs, all flat in
        # one container: citations land on the heading, the search index gets one small
        # document per reference, and no wrapper element nests the heading (Material's search
        # indexer walks back over every earlier section at each closing wrapper: quadratic).
        return (f"<h2 {attrs}>{self.reference(key)}</h2>{self.reference_links(key)}"
                + (f'<p class="bms-cited-in" data-search-exclude>Cited in: {cited}</p>' if sites
                   else '<p class="bms-cited-in" data-search-exclude>Not cited yet.</p>'))

    def filter_controls(self) -> str:
        """The reference browser's form; hidden until bmsurvey.js wires it up."""
        years = sorted({int(e.year) for e in self.survey.entries.values() if e.year})
        lo, hi = (years[0], years[-1]) if years else (1900, 2100)
        topics = "".join(f'<option value="{esc(v.id)}">{esc(v.topic.title)}</option>'
                         for v in self.survey.topics)
        types = "".join(f'<option value="{esc(t)}">{esc(t)}</option>'
                        for t in sorted({e.type for e in self.survey.entries.values()}))
        return (
            '<form id="bms-filter" class="bms-filter" role="search" data-search-exclude '
            'aria-label="Filter references" hidden>'
            '<label>Search<input type="search" name="text" placeholder="title, author or key" '
            'autocomplete="off"></label>'
            f'<label>Topic<select name="topic"><option value="">All topics</option>{topics}'
            "</select></label>"
            f'<label>From year<input type="number" name="from" min="{lo}" max="{hi}" '
            f'placeholder="{lo}"></label>'
            f'<label>To year<input type="number" name="to" min="{lo}" max="{hi}" '
            f'placeholder="{hi}"></label>'
            f'<label>Type<select name="type"><option value="">All types</option>{types}'
            "</select></label>"
            '<label>Sort by<select name="sort"><option value="author">First author</option>'
            '<option value="year">Year, newest first</option>'
            '<option value="year-asc">Year, oldest first</option>'
            '<option value="cites">Citing sections, most first</option></select></label>'
            '<button type="reset" class="bms-copy">Clear</button>'
            '<output id="bms-count" aria-live="polite"></output></form>')

    def references_intro(self) -> str:
        return (f"<p>All {len(self.survey.entries)} works cited by the survey. Each entry lists "
                "the sections that cite it. Download them as "
                '<a href="../export/references.bib" download>BibTeX</a> or '
                '<a href="../export/references.csl.json" download>CSL-JSON</a>.</p>')

    def reference_links(self, key: str) -> str:
        """The reference's links and its key: the text of its search document."""
        links = _links(self.survey.entries[key])
        return (f'<p class="bms-ref-links">{links + " · " if links else ""}'
                f'<code class="bms-key">{esc(key)}</code></p>')

    def references_keys(self) -> list[str]:
        return sorted(self.survey.entries, key=self.sort_key)

    def references_page(self, controls: str | None = None) -> PageSource:
        if controls is None:
            controls = self.filter_controls()
        page = PageSource().md("# References").html(self.references_intro()).html(controls)
        return page.html('<div class="bms-refs" id="bms-refs">'
                         + "".join(self.reference_entry(k) for k in self.references_keys())
                         + "</div>")


__all__ = ["PARTS", "REFERENCES_SRC", "Renderer", "part_src", "topic_src"]
