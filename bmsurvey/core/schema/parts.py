"""The four parts of the survey and their canonical topics, in reading order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    blurb: str
    topics: tuple[str, ...]  # canonical topic ids, in navigation order


PARTS: tuple[Part, ...] = (
    Part(
        "resource",
        "Resource",
        "What big models are made from and run on: data, knowledge, hardware and the systems that "
        "spread training over thousands of devices.",
        ("data", "knowledge", "computing-system", "parallel-training-system"),
    ),
    Part(
        "models",
        "Models",
        "The model families themselves: language, vision and multi-modal foundation models.",
        ("language-model", "vision-model", "multi-modal-model"),
    ),
    Part(
        "key-technologies",
        "Key Technologies",
        "Cross-cutting questions: why the models work, how they reason, how they fail, how "
        "they are governed and how they are measured.",
        (
            "theory-interpretability",
            "commonsense-reasoning",
            "reliability-security",
            "governance",
            "evaluation",
        ),
    ),
    Part(
        "application",
        "Application",
        "Where big models are put to work: translation, generation, dialogue and protein science.",
        ("machine-translation", "text-generation", "dialogue", "protein-research"),
    ),
)

PART_IDS: tuple[str, ...] = tuple(p.id for p in PARTS)
PART_BY_ID: dict[str, Part] = {p.id: p for p in PARTS}
RESERVED_IDS: frozenset[str] = frozenset({"future-directions", "references", "cite"})


def part_of_topic(topic_id: str) -> Part | None:
    """The part a canonical topic belongs to, or None for a topic outside the fixed list."""
    for part in PARTS:
        if topic_id in part.topics:
            return part
    return None


def topic_rank(part_id: str, topic_id: str) -> tuple[int, str]:
    """Navigation order: canonical topics first in table order, then others by id."""
    part = PART_BY_ID[part_id]
    if topic_id in part.topics:
        return (part.topics.index(topic_id), "")
    return (len(part.topics), topic_id)
