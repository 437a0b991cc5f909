"""Pure data models of the survey: no I/O, no rendering."""

from __future__ import annotations

from bmsurvey.schema.parts import PARTS, Part, part_of_topic
from bmsurvey.schema.topic import Direction, KeyWork, Section, Topic

__all__ = ["PARTS", "Direction", "KeyWork", "Part", "Section", "Topic", "part_of_topic"]
