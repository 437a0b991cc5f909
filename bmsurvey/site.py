"""Everything the site is made of, as (path, content) pairs: pure, shared by the mkdocs plugin
and `bmsurvey render`. Knows the URL scheme, not mkdocs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from bmsurvey.render.pages import REFERENCES_SRC, Renderer, part_src, topic_src
from bmsurvey.schema import PARTS
from bmsurvey.survey import Survey

ASSETS = ("bmsurvey.css", "bmsurvey.js")
ASSET_DIR = "assets/bmsurvey"


@dataclass(frozen=True)
class Generated:
    path: str  # site source path, e.g. "models/language-model.md" or "export/references.bib"
    content: str | bytes
    edit_path: str | None = None  # project-relative source to edit, for topic pages


def asset_bytes(name: str) -> bytes:
    return resources.files("bmsurvey").joinpath("assets", name).read_bytes()


def generate(survey: Survey, renderer: Renderer) -> list[Generated]:
    out: list[Generated] = []
    for part in PARTS:
        out.append(Generated(part_src(part), renderer.part_page(part)))
    for view in survey.topics:
        out.append(Generated(topic_src(view), renderer.topic_page(view), view.doc.path))
    out.append(Generated(REFERENCES_SRC, renderer.references_page()))
    for name in ASSETS:
        out.append(Generated(f"{ASSET_DIR}/{name}", asset_bytes(name)))
    return out


def nav(survey: Survey, extra_pages: list[str]) -> list[object]:
    """Home, the four parts with their topics, then the reader tools and the hand pages."""
    items: list[object] = [{"Home": "index.md"}]
    for part in PARTS:
        children: list[object] = [part_src(part)]
        children += [{v.topic.title: topic_src(v)} for v in survey.by_part(part.id)]
        items.append({part.title: children})
    items.append({"References": REFERENCES_SRC})
    items += extra_pages
    return items
