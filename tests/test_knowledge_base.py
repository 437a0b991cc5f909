"""The shipped knowledge base: complete, checked, and built into a site whose links all resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bmsurvey.core.metrics import topic_metrics
from bmsurvey.core.schema import PARTS
from bmsurvey.core.survey import load_survey
from bmsurvey.core.tables import topic_tables
from tests.conftest import REPO
from tests.helpers import broken_links, run_cli

SURVEY = load_survey(REPO)


def test_check_strict_passes_on_the_shipped_knowledge_base() -> None:
    code, out, err = run_cli("--root", str(REPO), "check", "--strict")
    assert code == 0, out
    assert "0 errors, 0 warnings" in err


def test_all_sixteen_topics_in_their_parts() -> None:
    assert [(v.part.id, v.id) for v in SURVEY.topics] == \
        [(p.id, t) for p in PARTS for t in p.topics]
    for view in SURVEY.topics:
        first = (REPO / view.doc.path).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/topic.schema.json"


@pytest.mark.parametrize("topic_id", [t for p in PARTS for t in p.topics])
def test_topic_meets_the_content_floor(topic_id: str) -> None:
    view = SURVEY.topic(topic_id)
    assert view is not None
    m = topic_metrics(SURVEY, view)
    assert m.sections >= 6
    assert m.min_section_words >= 200
    assert m.words >= 1500
    assert m.references >= 30
    assert m.directions >= 4
    assert all(s.key_works for s in view.topic.sections)
    assert len(view.topic.related) >= 1


@pytest.mark.parametrize("topic_id", [t for p in PARTS for t in p.topics])
def test_topic_reaches_december_2026(topic_id: str) -> None:
    """The floors of the December 2026 update: recent literature, tables, live directions."""
    view = SURVEY.topic(topic_id)
    assert view is not None
    years = [int(SURVEY.entries[k].year) for k in SURVEY.topic_keys[topic_id]
             if SURVEY.entries[k].year.isdigit()]
    assert sum(y >= 2024 for y in years) >= 15
    assert sum(y >= 2025 for y in years) >= 6
    assert sum(y >= 2026 for y in years) >= 3
    tables = [ref.table for ref in topic_tables(view.topic)]
    assert sum(len(t.rows) >= 5 for t in tables) >= 2
    assert len(view.topic.future_directions) >= 4


def test_survey_wide_reference_floors() -> None:
    years = [int(e.year) for e in SURVEY.entries.values() if e.year.isdigit()]
    assert len(SURVEY.entries) >= 1400
    assert sum(y >= 2024 for y in years) >= 0.35 * len(SURVEY.entries)
    linked = sum(1 for e in SURVEY.entries.values() if e.doi or e.arxiv or e.url)
    assert linked >= 0.95 * len(SURVEY.entries)


def test_catalogue_meets_its_floors() -> None:
    models = SURVEY.models
    assert len(models) >= 150
    assert {m.domain for m in models} >= {"language", "vision", "multimodal", "speech", "code",
                                          "protein", "science"}
    assert min(m.date for m in models) <= "2017-12" and max(m.date for m in models) >= "2026-01"
    with_compute = [m for m in models if m.training_compute and m.training_compute.number()]
    with_tokens = [m for m in models if m.training_tokens and m.training_tokens.number()]
    assert len(with_compute) >= 60 and len(with_tokens) >= 60


def test_one_home_per_subject() -> None:
    """Direction ids that two topics shared were merged into one home each."""
    seen: dict[str, str] = {}
    for view in SURVEY.topics:
        for d in view.topic.future_directions:
            assert d.id not in seen, f"{d.id} in {seen.get(d.id)} and {view.id}"
            seen[d.id] = view.id


def test_site_urls_and_structure(real_site: Path) -> None:
    for part in PARTS:
        assert (real_site / part.id / "index.html").is_file()
        for topic in part.topics:
            page = (real_site / part.id / topic / "index.html").read_text(encoding="utf-8")
            body = page[page.index('<article'):page.index('</article>')]
            fd = body.index('<h2 id="future-directions">')
            assert len(re.findall(r"<h2 id=", body[:fd])) >= 6
            assert len(re.findall(r"<h3 id=", body[fd:body.index('<h2 id="related-topics"')])) >= 4
    for page in ("references", "timeline", "stats", "catalogue"):
        assert (real_site / page / "index.html").is_file()


def test_reference_page_has_a_filter_and_loads_no_external_script(real_site: Path) -> None:
    page = (real_site / "references/index.html").read_text(encoding="utf-8")
    assert '<input type="search" name="text"' in page
    assert not re.search(r'<script[^>]+src="(https?:)?//', page)
    assert len(re.findall(r'<h2 class="bms-ref" id="[^"]+"', page)) == len(SURVEY.entries)


def test_timeline_and_stats_have_charts(real_site: Path) -> None:
    timeline = (real_site / "timeline/index.html").read_text(encoding="utf-8")
    stats = (real_site / "stats/index.html").read_text(encoding="utf-8")
    assert "<svg" in timeline and timeline.count('class="bms-tl-item') >= 50
    assert stats.count("<svg") >= 1 and 'class="bms-matrix"' in stats


def test_every_internal_link_in_the_real_site_resolves(real_site: Path) -> None:
    assert broken_links(real_site) == []
