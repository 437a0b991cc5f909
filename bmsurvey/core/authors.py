"""Who is credited for what: the named authors of a topic, a section and the whole survey, with
the fallback to survey.yml's authors ("The bmsurvey contributors") where no one is named.

Every output that names people (cite files, meta tags, JSON-LD, CITATION.cff, the byline) reads
them from here, so they all credit the same people in the same order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bmsurvey.core.schema import Author, Section, Topic
from bmsurvey.core.schema.meta import Person, SurveyMeta
from bmsurvey.core.schema.orcid import ORCID_URL


@dataclass(frozen=True)
class Credit:
    """One credited name. A person has a family name (and usually given names); a collective or
    a single-word name has only `literal`."""

    literal: str = ""
    family: str = ""
    given: str = ""
    orcid: str = ""  # the bare iD, `0000-0002-1825-0097`
    affiliation: str = ""

    @property
    def display(self) -> str:
        """The name as it reads in running text: `Given Family`."""
        return self.literal or f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """`Family, Given` (Highwire Press, Dublin Core); a collective as it is."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def orcid_url(self) -> str:
        return ORCID_URL + self.orcid if self.orcid else ""

    def same_person(self, other: Credit) -> bool:
        if self.orcid and other.orcid:
            return self.orcid == other.orcid
        return self.display.casefold() == other.display.casefold()


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a name written `Given Family` or `Family, Given`; ("", "") for a
    single word, which is credited as written."""
    text = " ".join(name.split())
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        return (family, given) if family else ("", "")
    words = text.split(" ")
    if len(words) < 2:
        return "", ""
    return words[-1], " ".join(words[:-1])


def from_author(author: Author) -> Credit:
    family, given = split_name(author.name)
    literal = "" if family else " ".join(author.name.split())
    return Credit(literal, family, given, author.orcid or "", author.affiliation or "")


def from_person(person: Person) -> Credit:
    """survey.yml's authors: `name` is a collective, `family`/`given` a person."""
    if person.name:
        return Credit(literal=person.name)
    return Credit(family=person.family or "", given=person.given or "")


def dedupe(credits: Iterable[Credit]) -> tuple[Credit, ...]:
    """First appearance wins: the same ORCID, or the same name without one, is one author."""
    out: list[Credit] = []
    for c in credits:
        if not any(c.same_person(o) for o in out):
            out.append(c)
    return tuple(out)


def named_authors(topic: Topic, section_id: str = "") -> tuple[Credit, ...]:
    """The people named for a topic, or for one of its sections: the topic's authors, then the
    section's own. Tables and directions are the topic's."""
    credits = [from_author(a) for a in topic.authors]
    for section in topic.sections:
        if section.id == section_id:
            credits += [from_author(a) for a in section.authors]
    return dedupe(credits)


def own_authors(section: Section) -> tuple[Credit, ...]:
    """The authors a section adds to its topic's (its byline)."""
    return dedupe(from_author(a) for a in section.authors)


def credited(named: tuple[Credit, ...], meta: SurveyMeta) -> tuple[Credit, ...]:
    """`named`, or survey.yml's authors when no one is named."""
    return named or tuple(from_person(p) for p in meta.authors)


def survey_authors(topics: Iterable[Topic], meta: SurveyMeta) -> tuple[Credit, ...]:
    """Everyone named anywhere, in order of first appearance in part and topic order (each
    topic's authors, then its sections' in reading order); survey.yml's authors if no one is."""
    named: list[Credit] = []
    for topic in topics:
        named += [from_author(a) for a in topic.authors]
        named += [from_author(a) for s in topic.sections for a in s.authors]
    return credited(dedupe(named), meta)
