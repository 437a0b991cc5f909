"""Size figures of a topic: what the stats page shows and the content tests check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bmsurvey.core.citations import find_citations
from bmsurvey.core.survey import Survey, TopicView

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.%]*")


def prose_words(markdown: str) -> int:
    """Words of prose, citations left out."""
    out, last = [], 0
    for c in find_citations(markdown):
        out.append(markdown[last:c.start])
        last = c.end
    out.append(markdown[last:])
    return len(_WORD.findall("".join(out)))


@dataclass(frozen=True)
class TopicMetrics:
    topic_id: str
    title: str
    part_id: str
    sections: int
    directions: int
    words: int  # prose in sections and directions
    min_section_words: int
    references: int
    key_works: int


def topic_metrics(survey: Survey, view: TopicView) -> TopicMetrics:
    t = view.topic
    section_words = [prose_words(s.body) for s in t.sections]
    words = sum(section_words) + sum(prose_words(d.body) for d in t.future_directions)
    return TopicMetrics(t.id, t.title, view.part.id, len(t.sections), len(t.future_directions),
                        words, min(section_words, default=0), len(survey.topic_keys.get(t.id, [])),
                        sum(len(s.key_works) for s in t.sections))
