"""Everything the site is made of, as (path, content) pairs: pure, shared by the mkdocs plugin
and `bmsurvey render`. Knows the URL scheme, not mkdocs."""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bmsurvey.core.schema import PARTS
from bmsurvey.core.survey import Survey
from bmsurvey.core.tables import topic_tables
from bmsurvey.render import cite, export
from bmsurvey.render.catalogue import CATALOGUE_SRC, models_csv, models_json, models_schema
from bmsurvey.render.charts import stats_page, timeline_page
from bmsurvey.render.cite import CiteUnit, cite_units_of
from bmsurvey.render.docs_pages import diagnostic_codes_markdown, schema_reference_markdown
from bmsurvey.render.editions import CHANGES_SRC, EDITIONS_SRC
from bmsurvey.render.pages import REFERENCES_SRC, Renderer, part_src, topic_src
from bmsurvey.render.source import PageSource
from bmsurvey.render.tables import table_csv, table_json

ASSETS = ("bmsurvey.css", "bmsurvey.js")
# Material template overrides that keep contributed titles inert (see templates/main.html).
TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
ASSET_DIR = "assets/bmsurvey"
TIMELINE_SRC = "timeline.md"
STATS_SRC = "stats.md"
SCHEMA_SRC = "schema.md"
CODES_SRC = "diagnostics.md"


@dataclass(frozen=True)
class Generated:
    path: str  # site source path, e.g. "models/language-model.md" or "export/references.bib"
    content: str | bytes | PageSource  # a page keeps its HTML blocks apart (render.source)
    edit_path: str | None = None  # project-relative source to edit, for topic pages


def asset_bytes(name: str) -> bytes:
    return resources.files("bmsurvey").joinpath("assets", name).read_bytes()


def generate(survey: Survey, renderer: Renderer, with_exports: bool = True) -> list[Generated]:
    out = topic_pages(survey, renderer) + survey_pages(survey, renderer)
    if with_exports:
        out += exports(survey)
    return out


def topic_pages(survey: Survey, renderer: Renderer) -> list[Generated]:
    """The part and topic pages: one per source file, re-rendered only when it changes."""
    out = [Generated(part_src(part), renderer.part_page(part)) for part in PARTS]
    out += [Generated(topic_src(view), renderer.topic_page(view), view.doc.path)
            for view in survey.topics]
    return out


def survey_pages(survey: Survey, renderer: Renderer) -> list[Generated]:
    """The pages drawn from the whole survey, the reference pages and the assets."""
    out = [Generated(REFERENCES_SRC, renderer.references_page()),
           Generated(TIMELINE_SRC, timeline_page(survey)),
           Generated(STATS_SRC, stats_page(survey)),
           Generated(SCHEMA_SRC, schema_reference_markdown()),
           Generated(CODES_SRC, diagnostic_codes_markdown())]
    if survey.has_catalogue:
        out.append(Generated(CATALOGUE_SRC, renderer.catalogue_page()))
    out += [Generated(f"{ASSET_DIR}/{name}", asset_bytes(name)) for name in ASSETS]
    return out


def write_files(files: list[Generated], folder: Path) -> None:
    for gen in files:
        target = folder / gen.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(gen.content, bytes):
            target.write_bytes(gen.content)
        else:
            text = gen.content.markdown if isinstance(gen.content, PageSource) else gen.content
            target.write_text(text, encoding="utf-8")


def cite_units(survey: Survey) -> list[CiteUnit]:
    return [unit for view in survey.topics for unit in cite_units_of(view)]


def root_of(src: str) -> str:
    """Relative path from the page built from docs path `src` to the site root (directory
    URLs: `about.md` is served at `about/`, `a/index.md` at `a/`)."""
    depth = src.count("/") + (0 if src == "index.md" or src.endswith("/index.md") else 1)
    return "../" * depth


def exports(survey: Survey) -> list[Generated]:
    """The download files: /export/... and the cite files /cite/<topic>/<unit>.{bib,json}."""
    meta = survey.project.meta
    out = [Generated("export/references.bib", export.references_bib(survey)),
           Generated("export/references.csl.json", export.references_csl(survey)),
           Generated("export/bmsurvey.json", export.knowledge_base(survey)),
           Generated("export/bmsurvey.core.schema.json", export.knowledge_base_schema())]
    out += [Generated(f"export/{v.id}.bib", export.topic_bib(survey, v.id))
            for v in survey.topics]
    if survey.has_catalogue:
        out += [Generated("export/models.csv", models_csv(survey.models)),
                Generated("export/models.json", models_json(survey.models)),
                Generated("export/models.schema.json", models_schema())]
    for view in survey.topics:
        for ref in topic_tables(view.topic):
            stem = f"export/tables/{view.id}/{ref.table.id}"
            out.append(Generated(f"{stem}.csv", table_csv(ref)))
            out.append(Generated(f"{stem}.json", table_json(ref, view.id)))
    cited, living = survey.cite_meta or meta, survey.cite_living  # the current edition's
    for unit in cite_units(survey):
        out.append(Generated(f"{unit.file_stem}.bib", cite.bibtex(unit, cited, living)))
        out.append(Generated(f"{unit.file_stem}.json", cite.csl_json(unit, cited, living)))
    return out


def nav_title(text: str) -> str:
    """A contributed title as a navigation title. mkdocs hands nav titles to themes as HTML
    (Material and Zensical print them raw, in the nav, the header and `<title>`), so this is
    the boundary where contributed text must become inert: escaped, not rejected."""
    return html.escape(text, quote=True)


def nav(survey: Survey, extra_pages: list[str]) -> list[object]:
    """Home, the four parts with their topics, then the reader tools and the hand pages."""
    items: list[object] = [{"Home": "index.md"}]
    for part in PARTS:
        children: list[object] = [part_src(part)]
        children += [{nav_title(v.topic.title): topic_src(v)} for v in survey.by_part(part.id)]
        items.append({part.title: children})
    items += [{"References": REFERENCES_SRC}, {"Timeline": TIMELINE_SRC},
              {"Statistics": STATS_SRC}]
    if survey.has_catalogue:
        items.append({"Model catalogue": CATALOGUE_SRC})
    if survey.editions:
        items += [{"Editions": EDITIONS_SRC}, {"What changed": CHANGES_SRC}]
    items += extra_pages
    items += [{"Schema reference": SCHEMA_SRC}, {"Diagnostic codes": CODES_SRC}]
    return items
