"""The survey model -> one LaTeX document and one .bib: title page, contents, the four parts in
the site's order (each topic: summary, sections with their tables and key works, future
directions), one author-year bibliography.

Named destinations: a topic is `<topic-id>`, its sections, tables (`table-<id>`), future
directions (`future-directions`) and directions are `<topic-id>.<anchor>` with the web page's
anchor, so `bmsurvey.pdf#language-model.scaling-laws` opens what `.../#scaling-laws` shows."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bmsurvey.core.authors import survey_authors
from bmsurvey.core.catalogue import view_models
from bmsurvey.core.citations import Citation, CiteItem
from bmsurvey.core.schema import PARTS
from bmsurvey.core.schema.meta import Person
from bmsurvey.core.schema.topic import Column, Table
from bmsurvey.core.survey import Survey, TopicView, page_anchors
from bmsurvey.core.tables import TableRef, Value, normal, number_text, topic_tables
from bmsurvey.core.xrefs import XRef
from bmsurvey.render.labels import Label, make_labels
from bmsurvey.render.latex.bib import bib_file, cite_ids, links_file
from bmsurvey.render.latex.escape import breakable, escape, url_arg
from bmsurvey.render.latex.markdown import Inline, markdown_to_latex
from bmsurvey.render.latex.preamble import FONT_DIR, preamble
from bmsurvey.render.tables import header

BIB_NAME = "bmsurvey-references"  # the .bib's stem, as \bibliography names it
WIDE = 7  # a table with more columns than this is set on a landscape page


@dataclass(frozen=True)
class LatexSources:
    tex: str
    bib: str


def dest(topic_id: str, anchor: str = "") -> str:
    """The PDF named destination of a topic or of an anchor on its page."""
    return f"{topic_id}.{anchor}" if anchor else topic_id


@dataclass
class _Doc:
    survey: Survey
    ids: dict[str, str]
    used: set[str] = field(default_factory=set)
    labels: dict[str, Label] = field(default_factory=dict)

    def label(self, key: str) -> str:
        """The author-year label natbib prints for a key (for sizing table columns)."""
        if not self.labels:
            self.labels = make_labels(self.survey.entries)
        found = self.labels.get(key)
        return found.parenthetical if found else key

    # -- citations and cross-references ---------------------------------------------------
    def _id(self, key: str) -> str | None:
        if key not in self.survey.entries:
            return None
        self.used.add(key)
        return self.ids[key]

    def cite(self, c: Citation) -> str:
        ids = [self._id(i.key) for i in c.items]
        if any(i is None for i in ids):
            return escape("[" + "; ".join("@" + i.key for i in c.items) + "?]")
        keys = [i for i in ids if i is not None]
        if c.narrative:
            return r"\citet{" + keys[0] + "}"
        plain = all(not (i.locator or i.prefix or i.suppress_author) for i in c.items)
        if plain:
            return r"\citep{" + ",".join(keys) + "}"
        if len(c.items) == 1 and not c.items[0].prefix:
            item = c.items[0]
            cmd = r"\citeyearpar" if item.suppress_author else r"\citep"
            return cmd + "[{" + escape(item.locator) + "}]{" + keys[0] + "}"
        parts = []
        for item, key in zip(c.items, keys, strict=True):
            text = (r"\citeyear{" + key + "}") if item.suppress_author else (
                r"\citealp{" + key + "}")
            if item.locator:
                text += ", " + escape(item.locator)
            if item.prefix:
                text = escape(item.prefix) + " " + text
            parts.append(text)
        return "(" + "; ".join(parts) + ")"

    def cite_keys(self, keys: Sequence[str]) -> str:
        known = [k for k in (self._id(key) for key in keys) if k is not None]
        missing = [k for k in keys if k not in self.survey.entries]
        out = r"\citealp{" + ",".join(known) + "}" if known else ""
        if missing:
            out += ("; " if out else "") + escape("; ".join("@" + k + "?" for k in missing))
        return out

    def xref(self, x: XRef, here: str) -> str:
        view = self.survey.topic(x.topic or here)
        titles = page_anchors(view) if view is not None else {}
        if view is None or (x.anchor and x.anchor not in titles):
            return escape(x.source)
        if not x.anchor:
            return r"\hyperlink{" + dest(view.id) + "}{" + escape(view.topic.title) + "}"
        return (r"\hyperlink{" + dest(view.id, x.anchor) + "}{" + escape(titles[x.anchor])
                + "}")

    def md(self, text: str, here: str, flat: bool = False) -> str:
        return markdown_to_latex(text, Inline(self.cite, lambda x: self.xref(x, here)), flat)

    # -- tables ---------------------------------------------------------------------------
    def cell(self, column: Column, value: Value, here: str) -> str:
        if value is None:
            return "–"
        if column.type == "number":
            assert isinstance(value, (int, float))
            return _number(value)
        if column.type == "bool":
            return "yes" if value else "no"
        if column.type == "date":
            return escape(str(value), narrow=True)
        if column.type == "cite":
            assert isinstance(value, list)
            return self.cite_keys(value)
        return self.md(str(value), here, flat=True)

    def table(self, ref: TableRef, view: TopicView) -> str:
        t = ref.table
        cols = t.columns
        heads = [escape(header(c), narrow=True) for c in cols]
        rows = [[self.cell(c, normal(c, row.get(c.id)), view.id) for c in cols] for row in t.rows]
        wide = len(cols) > WIDE
        weights = _weights(t, cols, self.label)
        total = sum(weights)
        spec = "@{}" + "".join(
            (">{\\raggedleft\\arraybackslash\\hspace{0pt}}" if c.type == "number" else
             ">{\\raggedright\\arraybackslash\\hspace{0pt}}")
            + f"p{{\\dimexpr{w / total:.4f}\\linewidth-2\\tabcolsep\\relax}}"
            for c, w in zip(cols, weights, strict=True)) + "@{}"
        lines = [" & ".join(r"\textbf{" + h + "}" for h in heads) + r" \\ \midrule\endhead"]
        lines += [" & ".join(r) + r" \\" for r in rows]
        body = ("{\\" + ("scriptsize" if wide else "footnotesize")
                + "\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{" + spec + "}\\toprule\n"
                + "\n".join(lines) + "\n\\bottomrule\\end{longtable}}\n")
        note = ("\\par{\\small " + self.md(t.note, view.id, flat=True) + "}\\par\n"
                if t.note else "")
        out = (r"\bmstablecaption{" + dest(view.id, ref.anchor) + "}{Table " + str(ref.number)
               + ".}" + self.md(t.caption, view.id, flat=True) + "\\par\\nopagebreak\n"
               + body + note)
        if wide:
            return "\\begin{landscape}\n" + out + "\\end{landscape}\n"
        return out

    def catalogue_note(self, view: TopicView, section_id: str) -> str:
        spec = next(s.catalogue for s in view.topic.sections if s.id == section_id)
        assert spec is not None
        n = len(view_models(self.survey.models, spec))
        url = self.survey.project.meta.url.rstrip("/") + "/" + view.url + "#" + section_id
        return (r"\bmsnote{" + self.md(spec.caption, view.id, flat=True) + " (" + str(n)
                + " models from the model catalogue): this view is a sortable table on the "
                "living site, " + r"\href{" + url_arg(url) + "}{" + breakable(url) + "}.}\n")

    # -- a topic --------------------------------------------------------------------------
    def topic(self, view: TopicView) -> str:
        t = view.topic
        out = [r"\chapter{" + escape(t.title) + "}\\bmsdest{" + dest(view.id) + "}\n",
               self.md(t.summary, view.id)]
        tables = list(topic_tables(t))
        for i, s in enumerate(t.sections):
            out.append(r"\section{" + escape(s.title) + "}\\bmsdest{" + dest(view.id, s.id)
                       + "}\n")
            out.append(self.md(s.body, view.id))
            for ref in (r for r in tables if r.section_index == i):
                out.append(self.table(ref, view))
            if s.catalogue is not None:
                out.append(self.catalogue_note(view, s.id))
            if s.key_works:
                items = []
                for kw in s.key_works:
                    name = r"\textbf{" + escape(kw.name, narrow=True) + "} " if kw.name else ""
                    cite = self.cite(Citation(0, 0, (CiteItem(kw.key),), True))
                    items.append(r"\item " + name + cite + ": " + escape(kw.contribution) + "\n")
                out.append("\\paragraph*{Key works}\n\\begin{itemize}\n" + "".join(items)
                           + "\\end{itemize}\n")
        if t.future_directions:
            out.append(r"\section{Future directions}\bmsdest{"
                       + dest(view.id, "future-directions") + "}\n")
            for d in t.future_directions:
                out.append(r"\subsection{" + escape(d.title) + "}\\bmsdest{"
                           + dest(view.id, d.id) + "}\n")
                out.append(self.md(d.body, view.id))
        return "".join(out)


def _number(value: float | int) -> str:
    return number_text(value, lambda exp: f"\\textsuperscript{{{exp}}}")


def _weights(table: Table, cols: list[Column], label: Callable[[str], str]) -> list[float]:
    """Relative column widths from the text they hold: the longest word sets a floor (so a
    word never runs out of its column), the average length the rest."""
    out = []
    for c in cols:
        texts = [header(c)] + [str(normal(c, row.get(c.id)) or "") for row in table.rows]
        if c.type == "cite":
            texts = [header(c)]
            for row in table.rows:
                keys = normal(c, row.get(c.id))
                texts.append("; ".join(label(k) for k in keys) if isinstance(keys, list) else "")
        longest = max((len(w) for s in texts for w in s.split()), default=4)
        mean = sum(len(s) for s in texts) / len(texts)
        out.append(max(longest * 1.45 + 1.0, math.sqrt(mean) * 3.2, 8.5))
    return out


def author_names(survey: Survey, authors: Sequence[Person] | None = None) -> list[str]:
    """Who the PDF names: `authors` if given, else everyone the topics name, else survey.yml's
    authors (the same credit as the whole-survey citation, `core.authors.survey_authors`)."""
    if authors is not None:
        return [p.display() for p in authors if p.display()]
    credits = survey_authors((v.topic for v in survey.topics), survey.project.meta)
    return [c.display for c in credits if c.display]


def title_page(survey: Survey, authors: Sequence[str]) -> str:
    meta = survey.project.meta
    names = [escape(name) for name in authors]
    who = r" \and ".join(names) if names else "The bmsurvey contributors"
    # An edition's PDF names its own frozen address and the living one (`cite_living`).
    url = survey.cite_living or meta.url
    own = ("This edition: \\href{" + url_arg(meta.url) + "}{" + breakable(meta.url) + "}\\par\n"
           if meta.url != url else "")
    return ("\\begin{titlepage}\\centering\n\\vspace*{3cm}{\\Huge\\bfseries " + escape(meta.title)
            + "\\par}\n\\vspace{1.5cm}{\\Large Version " + escape(meta.version) + "\\par}\n"
            "\\vspace{0.5cm}{\\large " + escape(meta.date_released.isoformat()) + "\\par}\n"
            "\\vspace{1.5cm}{\\large " + who.replace(r" \and ", r"\par ") + "\\par}\n"
            "\\vfill " + own + "The living survey: \\href{" + url_arg(url) + "}{"
            + breakable(url) + "}\\par\n"
            "\\medskip{\\small A typeset edition of the site. Figures, the timeline and the "
            "model catalogue's sortable views are on the site; the PDF names each place where "
            "one stands.\\par}\n\\end{titlepage}\n")


def render_latex(survey: Survey, authors: Sequence[Person] | None = None,
                 font_dir: str = FONT_DIR) -> LatexSources:
    """The whole survey as LaTeX + BibTeX. `authors` defaults to the named authors
    (`author_names`)."""
    meta = survey.project.meta
    names = author_names(survey, authors)
    doc = _Doc(survey, cite_ids(list(survey.entries)))
    body: list[str] = []
    for part in PARTS:
        views = survey.by_part(part.id)
        if not views:
            continue
        body.append(r"\part{" + escape(part.title) + "}\\bmsdest{part-" + part.id + "}\n"
                    + escape(part.blurb) + "\n\n")
        body += [doc.topic(v) for v in views]
    used = [survey.entries[k] for k in sorted(doc.used)]
    bib = bib_file(used, doc.ids)
    pdf_title = escape(meta.title)
    head = (r"\hypersetup{pdftitle={" + pdf_title + "},pdfauthor={"
            + escape("; ".join(names)) + "}}\n")
    content = "".join(body)
    doc_id = hashlib.md5((content + bib).encode("utf-8")).hexdigest().upper()
    tex = (preamble(doc_id, font_dir) + head + links_file(used)
           + "\\begin{document}\n\\bmspreloadlabels\n\\frontmatter\n"
           + title_page(survey, names)
           + "\\tableofcontents\n\\mainmatter\n" + content
           + "\\backmatter\n\\cleardoublepage\\phantomsection"
           "\\addcontentsline{toc}{chapter}{References}\\bmsdest{references}\n"
           + "\\bibliography{" + BIB_NAME + "}\n\\end{document}\n")
    return LatexSources(tex, bib)


__all__ = ["BIB_NAME", "LatexSources", "dest", "render_latex"]
