"""Cross-checks over the whole project, and the index the renderer needs (who cites what, where)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bmsurvey.core import editions as ed
from bmsurvey.core.bib import BibEntry
from bmsurvey.core.catalogue import check_catalogue, cited_keys, view_models
from bmsurvey.core.citations import find_citations
from bmsurvey.core.coverage import month_label, months_between, newest
from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.plaintext import markup_warnings
from bmsurvey.core.project import BIB_NAME, Project, TopicDoc, load_project
from bmsurvey.core.schema import PARTS, Part, Topic
from bmsurvey.core.schema.catalogue import ModelRecord
from bmsurvey.core.schema.editions import Edition
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.schema.parts import RESERVED_IDS, topic_rank
from bmsurvey.core.schema.topic import Table
from bmsurvey.core.tables import cell_keys, check_tables, topic_tables
from bmsurvey.core.xrefs import find_xrefs

CATALOGUE_ID = "catalogue"  # the Site of a reference cited by the model catalogue
SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """A citable unit of a topic page: its summary (anchor ''), a section or a direction."""

    anchor: str
    title: str
    body: str
    body_path: tuple[str | int, ...]
    kind: str  # "summary" | "section" | "table" | "direction"


@dataclass(frozen=True)
class Site:
    """Where a reference is cited: a unit of a topic page."""

    part_id: str
    topic_id: str
    topic_title: str
    anchor: str
    title: str

    @property
    def url(self) -> str:
        """Site-relative URL of the place, e.g. `models/language-model/#scaling-laws`."""
        page = f"{self.part_id}/{self.topic_id}/" if self.part_id else f"{self.topic_id}/"
        return page + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class TopicView:
    part: Part
    topic: Topic
    doc: TopicDoc

    @property
    def id(self) -> str:
        return self.topic.id

    @property
    def url(self) -> str:
        return f"{self.part.id}/{self.topic.id}/"

    def units(self) -> Iterator[Unit]:
        """Every citable unit in page order; a table's body is its caption, text cells and note,
        so its citations are found and located like a section's."""
        yield Unit("", "Summary", self.topic.summary, ("summary",), "summary")
        tables = list(topic_tables(self.topic))
        for i, s in enumerate(self.topic.sections):
            yield Unit(s.id, s.title, s.body, ("sections", i, "body"), "section")
            for ref in (t for t in tables if t.section_index == i):
                yield Unit(ref.anchor, f"Table {ref.number}: {plain_text(ref.table.caption)}",
                           table_text(ref.table), ref.path, "table")
        for i, d in enumerate(self.topic.future_directions):
            yield Unit(d.id, d.title, d.body, ("future_directions", i, "body"), "direction")


@dataclass
class Survey:
    project: Project
    topics: list[TopicView] = field(default_factory=list)
    cited_in: dict[str, list[Site]] = field(default_factory=dict)
    topic_keys: dict[str, list[str]] = field(default_factory=dict)  # in first-cited order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    editions: list[Edition] = field(default_factory=list)  # editions.yml, oldest first
    # What "Cite this" cites: the current edition's metadata (None: survey.yml's, the living
    # site), and the living site's address cited beside it ("" when the URL is the living one).
    cite_meta: SurveyMeta | None = None
    cite_living: str = ""

    @property
    def entries(self) -> dict[str, BibEntry]:
        return self.project.bib.entries

    @property
    def models(self) -> list[ModelRecord]:
        """The model catalogue's valid records; empty where the project has none."""
        cat = self.project.catalogue
        return list(cat.catalogue.models) if cat is not None and cat.catalogue else []

    @property
    def has_catalogue(self) -> bool:
        return self.project.catalogue is not None

    def by_part(self, part_id: str) -> list[TopicView]:
        return [t for t in self.topics if t.part.id == part_id]

    def topic(self, topic_id: str) -> TopicView | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def plain_text(markdown: str) -> str:
    """One line of inline Markdown as plain words (a table's caption in its citation): no
    citations, no cross-reference brackets, no emphasis marks."""
    spans = sorted([(c.start, c.end) for c in find_citations(markdown)] +
                   [(x.start, x.end) for x in find_xrefs(markdown)])
    out, last = [], 0
    for start, end in spans:
        out.append(markdown[last:start])
        last = end
    out.append(markdown[last:])
    text = re.sub(r"[*_`]+", "", "".join(out))
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(text.split())).strip()


def table_text(table: Table) -> str:
    """The Markdown of a table that may cite or cross-reference, in source order."""
    texts = [table.caption]
    text_cols = [c.id for c in table.columns if c.type == "text"]
    for row in table.rows:
        texts += [v for c in text_cols if isinstance(v := row.get(c), str)]
    if table.note:
        texts.append(table.note)
    return "\n".join(texts)


def _locate(doc: TopicDoc, body_path: tuple[str | int, ...], key: str, nth: int,
            prefix: str = "@", skip: int = 1) -> tuple[int, int]:
    """Line/col of the nth `@key` (or other prefixed token) at or after the body's start."""
    start_line, start_col = doc.positions.of(body_path)
    lines = doc.text.splitlines()
    seen = 0
    pattern = re.compile(re.escape(prefix + key) + r"(?![A-Za-z0-9_])")
    for i in range(max(start_line - 1, 0), len(lines)):
        for m in pattern.finditer(lines[i]):
            if seen == nth:
                return i + 1, m.start() + 1 + skip  # column of the key, after the prefix
            seen += 1
    return start_line, start_col


def page_anchors(view: TopicView) -> dict[str, str]:
    """Anchor -> title of everything on a topic page a cross-reference may point at."""
    out = {s.id: s.title for s in view.topic.sections}
    out.update({ref.anchor: f"Table {ref.number}" for ref in topic_tables(view.topic)})
    out.update({d.id: d.title for d in view.topic.future_directions})
    return out


def _check_xrefs(view: TopicView, unit: Unit, diags: list[Diagnostic],
                 anchors: dict[str, dict[str, str]]) -> None:
    count: dict[str, int] = defaultdict(int)
    for x in find_xrefs(unit.body):
        n = count[x.source]
        count[x.source] += 1
        target = x.topic or view.id
        line, col = _locate(view.doc, unit.body_path, x.source, n, prefix="", skip=0)
        if target not in anchors:
            close = difflib.get_close_matches(target, list(anchors), n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'? " if close else "") + \
                "write [[topic-id#section-id]] with a topic id such as " + \
                ", ".join(sorted(anchors)[:3])
            diags.append(Diagnostic(view.doc.path, line, col, "unknown-xref",
                                    f"cross-reference {x.source} names unknown topic "
                                    f"'{target}'", hint))
        elif x.anchor and x.anchor not in anchors[target]:
            known = anchors[target]
            close = difflib.get_close_matches(x.anchor, list(known), n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'? " if close else "") + \
                f"topic '{target}' has: " + ", ".join(list(known)[:12])
            diags.append(Diagnostic(view.doc.path, line, col, "unknown-xref",
                                    f"cross-reference {x.source} names no section, table or "
                                    f"direction of topic '{target}'", hint))


def _did_you_mean(key: str, keys: list[str]) -> str:
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.7)
    if close:
        return f"did you mean '{close[0]}'? Otherwise add an entry for '{key}' to {BIB_NAME}"
    return f"add an entry for '{key}' to {BIB_NAME}, or fix the key"


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.lower())


def _check_bib(project: Project, cited: set[str] | None, diags: list[Diagnostic]) -> None:
    seen: dict[tuple[str, str], BibEntry] = {}
    for entry in project.bib.entries.values():
        missing = [f for f in ("title", "year") if not entry.get(f).strip()]
        for name in missing:
            diags.append(Diagnostic(BIB_NAME, entry.line, 1, "bib-missing-field",
                                    f"entry '{entry.key}' has no {name}",
                                    f"add `{name} = {{...}}`; citations need author, title "
                                    "and year"))
        if not (entry.get("author") or entry.get("editor")):
            diags.append(Diagnostic(BIB_NAME, entry.line, 1, "bib-missing-field",
                                    f"entry '{entry.key}' has no author", "add `author = {...}`",
                                    "warning"))
        if not (entry.doi or entry.arxiv or entry.url):
            diags.append(Diagnostic(BIB_NAME, entry.line, 1, "bib-no-link",
                                    f"entry '{entry.key}' has no DOI, arXiv id or URL",
                                    "add `doi`, `eprint` (with archivePrefix = {arXiv}) or `url` "
                                    "so readers can find the work", "warning"))
        if entry.url and not SAFE_URL.match(entry.url):
            f = entry.fields["url"]
            diags.append(Diagnostic(BIB_NAME, f.line, 1, "unsafe-url",
                                    f"url of '{entry.key}' is not an http(s) address",
                                    "use an https:// link; other schemes are never linked"))
        if cited is not None and entry.key not in cited:
            diags.append(Diagnostic(BIB_NAME, entry.line, 1, "uncited-reference",
                                    f"reference '{entry.key}' is never cited",
                                    "cite it in a topic with [@" + entry.key + "] or remove it",
                                    "warning"))
        for kind, value in (("DOI", entry.doi.lower()), ("arXiv id", entry.arxiv),
                            ("title", _norm_title(entry.title))):
            if not value:
                continue
            first = seen.setdefault((kind, value), entry)
            if first is not entry:
                diags.append(Diagnostic(BIB_NAME, entry.line, 1, "duplicate-work",
                                        f"'{entry.key}' has the same {kind} as '{first.key}' "
                                        f"(line {first.line})",
                                        "keep one key for the work and cite that one", "warning"))
                break


def build_survey(project: Project) -> Survey:
    survey = Survey(project, diagnostics=list(project.diagnostics))
    diags = survey.diagnostics
    keys = sorted(project.bib.entries)
    part_of = {p.id: p for p in PARTS}
    by_id: dict[str, TopicDoc] = {}
    for doc in project.topics:
        topic = doc.topic
        if topic is None:
            continue
        if topic.id != doc.file_id:
            line, col = doc.positions.of(("id",))
            diags.append(Diagnostic(doc.path, line, col, "topic-id-mismatch",
                                    f"topic id '{topic.id}' differs from the file name "
                                    f"'{doc.file_id}.yaml'",
                                    f"rename the file or set `id: {doc.file_id}`"))
            continue
        if topic.id in by_id:
            line, col = doc.positions.of(("id",))
            diags.append(Diagnostic(doc.path, line, col, "duplicate-id",
                                    f"topic id '{topic.id}' is also used by {by_id[topic.id].path}",
                                    "topic ids are unique across all parts"))
            continue
        by_id[topic.id] = doc
        survey.topics.append(TopicView(part_of[doc.part_id], topic, doc))
    # Topics that failed to load still exist: do not report links to them as unknown.
    file_ids = {d.file_id for d in project.topics}
    order = {p.id: i for i, p in enumerate(PARTS)}
    survey.topics.sort(key=lambda t: (order[t.part.id], topic_rank(t.part.id, t.id)))

    cited: set[str] = set()
    sites: dict[str, list[Site]] = defaultdict(list)
    targets = {v.id: page_anchors(v) for v in survey.topics}
    for view in survey.topics:
        doc, topic = view.doc, view.topic
        seen_ids: dict[str, tuple[str | int, ...]] = {}
        anchors: list[tuple[str, int, str]] = [("sections", i, s.id) for i, s in
                                               enumerate(topic.sections)]
        anchors += [("future_directions", i, d.id) for i, d in enumerate(topic.future_directions)]
        for kind, i, anchor in anchors:
            line, col = doc.positions.of((kind, i, "id"))
            if anchor in RESERVED_IDS:
                diags.append(Diagnostic(doc.path, line, col, "reserved-id",
                                        f"id '{anchor}' is reserved for the page itself",
                                        "choose another id"))
            if anchor in seen_ids:
                diags.append(Diagnostic(doc.path, line, col, "duplicate-id",
                                        f"id '{anchor}' is used twice in topic '{topic.id}'",
                                        "section and direction ids are page anchors and must "
                                        "be unique within the topic"))
            seen_ids[anchor] = (kind, i)
        for j, rel in enumerate(topic.related):
            if (rel not in by_id and rel not in file_ids) or rel == topic.id:
                line, col = doc.positions.of(("related", j))
                close = difflib.get_close_matches(rel, list(by_id), n=1)
                hint = (f"did you mean '{close[0]}'? " if close else "") + \
                    "related lists other topic ids"
                what = "itself" if rel == topic.id else f"unknown topic '{rel}'"
                diags.append(Diagnostic(doc.path, line, col, "unknown-related",
                                        f"related topic is {what}", hint))
        order_keys: list[str] = []
        diags.extend(markup_warnings(topic, doc.path, doc.positions))
        tdiags = check_tables(topic, doc.path, doc.positions, project.bib.entries,
                                          lambda k: _did_you_mean(k, keys))
        diags.extend(tdiags)
        for unit in view.units():
            count: dict[str, int] = defaultdict(int)
            unit_keys = [item.key for c in find_citations(unit.body) for item in c.items]
            _check_xrefs(view, unit, diags, targets)
            if unit.kind == "table":
                unit_kw = []
                t = topic.sections[int(unit.body_path[1])].tables[int(unit.body_path[3])]
                unit_keys += [k for k in cell_keys(t) if k in project.bib.entries]
            elif unit.kind == "section":
                idx = int(unit.body_path[1])
                unit_kw = topic.sections[idx].key_works
                view_spec = topic.sections[idx].catalogue
                if view_spec is not None:  # the view's citations are the section's
                    unit_keys += [k for m in view_models(survey.models, view_spec)
                                  for k in cited_keys(m) if k in project.bib.entries]
                for k, kw in enumerate(unit_kw):
                    if kw.key not in project.bib.entries:
                        line, col = doc.positions.of(("sections", idx, "key_works", k, "key"))
                        diags.append(Diagnostic(doc.path, line, col, "unknown-citation",
                                                f"key work '{kw.key}' is not in {BIB_NAME}",
                                                _did_you_mean(kw.key, keys)))
            else:
                unit_kw = []
            for key in (unit_keys if unit.kind != "table" else
                        [i.key for c in find_citations(unit.body) for i in c.items]):
                n = count[key]
                count[key] += 1
                if key not in project.bib.entries:
                    line, col = _locate(doc, unit.body_path, key, n)
                    diags.append(Diagnostic(doc.path, line, col, "unknown-citation",
                                            f"unknown citation key '{key}'",
                                            _did_you_mean(key, keys)))
            for key in unit_keys + [kw.key for kw in unit_kw]:
                if key not in project.bib.entries:
                    continue
                cited.add(key)
                if key not in order_keys:
                    order_keys.append(key)
                site = Site(view.part.id, topic.id, topic.title, unit.anchor, unit.title)
                if site not in sites[key]:
                    sites[key].append(site)
        survey.topic_keys[topic.id] = order_keys
        reach = newest([project.bib.entries[k] for k in order_keys])
        if reach is not None and months_between(reach, topic.last_reviewed) > 12:
            line, col = doc.positions.of(("last_reviewed",))
            diags.append(Diagnostic(doc.path, line, col, "review-date",
                                    f"last_reviewed {topic.last_reviewed.isoformat()} is more "
                                    f"than 12 months after the newest work the topic cites "
                                    f"({month_label(reach)})",
                                    "a review of the whole topic brings in the recent "
                                    "literature; cite it, or keep the date of the last real "
                                    "review", "warning"))
    cat = project.catalogue
    if cat is not None and cat.catalogue is not None:
        diags.extend(check_catalogue(cat, project.bib.entries, lambda k: _did_you_mean(k, keys)))
        for i, m in enumerate(cat.catalogue.models):
            diags.extend(markup_warnings(m, cat.path, cat.positions, ("models", i)))
            for key in cited_keys(m):
                if key in project.bib.entries:
                    cited.add(key)
                    site = Site("", CATALOGUE_ID, "Model catalogue", m.id, m.name)
                    if site not in sites[key]:
                        sites[key].append(site)
    survey.cited_in = dict(sites)
    # With a topic that failed to load, "never cited" would be a guess: skip that warning.
    complete = all(d.topic is not None for d in project.topics)
    _check_bib(project, cited if complete else None, diags)
    return survey


def load_survey(root: Path) -> Survey:
    survey = build_survey(load_project(root))
    editions, diags = ed.load_editions(root)
    survey.editions = ed.ordered(editions)
    meta = survey.project.meta
    survey.diagnostics += diags + ed.check_current(meta, editions, root)
    current = ed.current_edition(meta, editions)
    if current is not None:
        survey.cite_meta, survey.cite_living = ed.edition_meta(meta, current), meta.url
    return survey
