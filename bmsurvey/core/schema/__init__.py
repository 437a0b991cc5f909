"""Pure data models of the survey: no I/O, no rendering."""

from __future__ import annotations

from bmsurvey.core.schema.parts import PARTS, Part, part_of_topic
from bmsurvey.core.schema.topic import (
    Author,
    Column,
    Direction,
    KeyWork,
    Section,
    Table,
    Topic,
)

__all__ = ["PARTS", "Author", "Column", "Direction", "KeyWork", "Part", "Section", "Table", "Topic",
           "part_of_topic"]
