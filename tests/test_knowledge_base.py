"""The shipped knowledge base: complete, checked, and built into a site whose links all resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bmsurvey.metrics import topic_metrics
from bmsurvey.schema import PARTS
from bmsurvey.survey import load_survey
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


def test_site_urls_and_structure(real_site: Path) -> None:
    for part in PARTS:
        assert (real_site / part.id / "index.html").is_file()
        for topic in part.topics:
            page = (real_site / part.id / topic / "index.html").read_text(encoding="utf-8")
            body = page[page.index('<article'):page.index('</article>')]
            fd = body.index('<h2 id="future-directions">')
            assert len(re.findall(r"<h2 id=", body[:fd])) >= 6
            assert len(re.findall(r"<h3 id=", body[fd:body.index('<h2 id="related-topics"')])) >= 4
    for page in ("references", "timeline", "stats"):
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
