"""What changed between two states of the survey, computed from the data, never by hand.

A survey is reduced to a `Fingerprint` (per topic: its part, title, a digest of its own fields,
and per section its title and a digest of its data; per reference its title). Fingerprints are
small JSON, cached with each edition, so comparing editions never reloads old content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bmsurvey.core.survey import Survey

Kind = Literal["added", "changed", "removed"]
# Topic fields that say when, not what: a new review date alone is not a change of content.
_NOT_CONTENT = {"sections", "last_reviewed"}


def _digest(data: Any) -> str:
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SectionPrint:
    title: str
    digest: str


@dataclass(frozen=True)
class TopicPrint:
    part: str
    title: str
    digest: str  # the topic's own fields (summary, directions, ...), not its sections
    sections: dict[str, SectionPrint] = field(default_factory=dict)


@dataclass(frozen=True)
class Fingerprint:
    topics: dict[str, TopicPrint] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # key -> title (plain text)

    def to_json(self) -> str:
        # Not sorted: sections keep their page order, as when computed (the /changes/ lists).
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Fingerprint:
        data = json.loads(text)
        topics = {tid: TopicPrint(t["part"], t["title"], t["digest"],
                                  {sid: SectionPrint(**s) for sid, s in t["sections"].items()})
                  for tid, t in data["topics"].items()}
        return cls(topics, dict(data["refs"]))


def fingerprint(survey: Survey) -> Fingerprint:
    topics = {}
    for view in survey.topics:
        data = view.topic.model_dump(mode="json")
        own = {k: v for k, v in data.items() if k not in _NOT_CONTENT}
        sections = {s["id"]: SectionPrint(s["title"], _digest(s)) for s in data["sections"]}
        topics[view.id] = TopicPrint(view.part.id, view.topic.title, _digest(own), sections)
    refs = {key: e.title for key, e in survey.entries.items()}
    return Fingerprint(topics, refs)


@dataclass(frozen=True)
class Change:
    """One topic (section '') or section added, changed or removed between two states."""

    kind: Kind
    topic_id: str
    title: str  # the section's (or topic's) title, the newer one where both exist
    topic_title: str
    section_id: str = ""
    old_part: str = ""  # where it stood before ("" when added)
    new_part: str = ""  # where it stands now ("" when removed)

    def path(self, part: str) -> str:
        """Site-relative URL of the place under one state's site."""
        return f"{part}/{self.topic_id}/" + (f"#{self.section_id}" if self.section_id else "")


@dataclass(frozen=True)
class Changes:
    changes: list[Change]
    refs_added: list[tuple[str, str]]  # (key, title)
    refs_removed: list[tuple[str, str]]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.refs_added or self.refs_removed)


def compare(old: Fingerprint | None, new: Fingerprint) -> Changes:
    """`new` against `old` (None: everything in `new` was added)."""
    old = old or Fingerprint()
    out: list[Change] = []
    for tid in sorted(set(old.topics) | set(new.topics)):
        a, b = old.topics.get(tid), new.topics.get(tid)
        if a is None and b is not None:
            out.append(Change("added", tid, b.title, b.title, new_part=b.part))
            out += [Change("added", tid, s.title, b.title, sid, new_part=b.part)
                    for sid, s in b.sections.items()]
            continue
        if b is None and a is not None:
            out.append(Change("removed", tid, a.title, a.title, old_part=a.part))
            continue
        assert a is not None and b is not None
        if (a.digest, a.title, a.part) != (b.digest, b.title, b.part):
            out.append(Change("changed", tid, b.title, b.title, "", a.part, b.part))
        for sid in [*b.sections, *(s for s in a.sections if s not in b.sections)]:
            sa, sb = a.sections.get(sid), b.sections.get(sid)
            if sa is None and sb is not None:
                out.append(Change("added", tid, sb.title, b.title, sid, "", b.part))
            elif sb is None and sa is not None:
                out.append(Change("removed", tid, sa.title, b.title, sid, a.part, ""))
            elif sa is not None and sb is not None and sa != sb:
                out.append(Change("changed", tid, sb.title, b.title, sid, a.part, b.part))
    added = sorted((k, t) for k, t in new.refs.items() if k not in old.refs)
    removed = sorted((k, t) for k, t in old.refs.items() if k not in new.refs)
    return Changes(out, added, removed)


def section_history(prints: list[tuple[str, Fingerprint]],
                    living: Fingerprint) -> dict[tuple[str, str], str]:
    """(topic id, section id) -> "added in X · changed in Y" over the editions, oldest first;
    "new since X" for a living section no edition holds yet (X: the newest edition)."""
    added: dict[tuple[str, str], str] = {}
    changed: dict[tuple[str, str], str] = {}
    before = Fingerprint()
    for version, fp in prints:
        for tid, t in fp.topics.items():
            for sid, s in t.sections.items():
                old = before.topics.get(tid)
                prev = old.sections.get(sid) if old is not None else None
                if (tid, sid) not in added:
                    added[(tid, sid)] = version
                elif prev is not None and prev != s:
                    changed[(tid, sid)] = version
        before = fp
    newest = prints[-1][0] if prints else ""
    out = {}
    for tid, t in living.topics.items():
        for sid in t.sections:
            key = (tid, sid)
            if key in added:
                text = f"added in {added[key]}"
                out[key] = text + (f" · changed in {changed[key]}" if key in changed else "")
            elif newest:
                out[key] = f"new since {newest}"
    return out
