"""`serve` rebuilds: the bib is parsed once per content hash, and after a topic edit only that
topic is re-rendered (the plugin keeps its Renderer across rebuilds, see on_startup)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bmsurvey.core.project
import bmsurvey.render.pages
from bmsurvey.core.survey import load_survey
from bmsurvey.render.pages import Renderer


def test_only_the_edited_topic_is_rendered_again(basic: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    bmsurvey.core.project._bib_cache.clear()  # start cold: other tests load the same fixture bib
    bib_parses: list[str] = []
    real_parse = bmsurvey.core.project.parse_bib
    monkeypatch.setattr(bmsurvey.core.project, "parse_bib",
                        lambda text, path: bib_parses.append(path) or real_parse(text, path))
    survey = load_survey(basic)
    renderer = Renderer(survey)
    for view in survey.topics:
        renderer.topic_page(view)
    assert len(bib_parses) == 1

    rendered: list[str] = []
    real_md = bmsurvey.render.pages.markdown_to_html
    monkeypatch.setattr(bmsurvey.render.pages, "markdown_to_html",
                        lambda text, *a, **k: rendered.append(text) or real_md(text, *a, **k))
    path = basic / "topics/models/vision-model.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Vision backbones",
                                                             "Visual backbones"),
                    encoding="utf-8")
    survey = load_survey(basic)
    renderer.survey = survey  # what the plugin does when the bib is unchanged
    pages = {view.id: renderer.topic_page(view).markdown for view in survey.topics}
    assert len(bib_parses) == 1  # same bib content: not parsed again
    vision = survey.topic("vision-model")
    assert vision is not None
    bodies = {vision.topic.summary} | {s.body for s in vision.topic.sections}
    for s in vision.topic.sections:  # a table's caption, note and text cells are its bodies
        for t in s.tables:
            bodies |= {t.caption, t.note or ""} | {str(r[c.id]) for r in t.rows
                                                  for c in t.columns if c.type == "text"}
    assert rendered and set(rendered) <= bodies  # only the edited topic's text was rendered
    assert "Visual backbones" in pages["vision-model"]
