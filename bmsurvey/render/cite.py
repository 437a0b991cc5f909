""""Cite this": a citation of the survey, a topic, a section or a direction in BibTeX, CSL-JSON
and plain text, built from survey.yml so every export says the same."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bmsurvey.core.authors import Credit, credited, named_authors
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.survey import TopicView

# Braces become \textbraceleft{}/\textbraceright{}, not \{ \}: BibTeX counts braces before TeX
# sees a backslash, so one unbalanced `{` in a title written as `\{` would end the field early.
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                  "&": r"\&", "%": r"\%",
                  "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


_LATEX_TABLE = str.maketrans(_LATEX_SPECIAL)


def latex_escape(text: str) -> str:
    return text.translate(_LATEX_TABLE)


@dataclass(frozen=True)
class CiteUnit:
    """What is cited: the topic (anchor '') or one of its sections or directions."""

    part_id: str
    topic_id: str
    topic_title: str
    anchor: str = ""
    title: str = ""
    kind: str = "topic"  # "topic" | "section" | "table" | "direction"
    named: tuple[Credit, ...] = ()  # its named authors (bmsurvey.core.authors.named_authors)

    def authors(self, meta: SurveyMeta) -> tuple[Credit, ...]:
        """Who the unit is credited to: its named authors, else survey.yml's."""
        return credited(self.named, meta)

    @property
    def key(self) -> str:
        return "bmsurvey-" + self.topic_id + (f"-{self.anchor}" if self.anchor else "")

    @property
    def file_stem(self) -> str:
        """/cite/<topic-id>/<anchor> for a unit, /cite/<topic-id> for the whole topic."""
        return f"cite/{self.topic_id}/{self.anchor}" if self.anchor else f"cite/{self.topic_id}"

    def url(self, meta: SurveyMeta) -> str:
        return self.url_at(meta.url)

    def url_at(self, site_url: str) -> str:
        """The unit's address under a site address (the living site's or an edition's)."""
        base = site_url.rstrip("/") + f"/{self.part_id}/{self.topic_id}/"
        return base + (f"#{self.anchor}" if self.anchor else "")

    def full_title(self) -> str:
        return f"{self.topic_title}: {self.title}" if self.anchor else self.topic_title


def cite_units_of(view: TopicView) -> list[CiteUnit]:
    """The citable units of a topic page, in page order: the same units the survey indexes."""
    return [CiteUnit(view.part.id, view.id, view.topic.title, u.anchor,
                     u.title if u.anchor else "", "topic" if u.kind == "summary" else u.kind,
                     named_authors(view.topic, u.anchor if u.kind == "section" else ""))
            for u in view.units()]


# A name part BibTeX would split or misread: one holding the word "and" or a comma.
_SPLITS = re.compile(r"\band\b|,", re.IGNORECASE)


def _name_part(text: str) -> str:
    escaped = latex_escape(text)
    return "{" + escaped + "}" if _SPLITS.search(text) else escaped


def bibtex_names(credits: tuple[Credit, ...]) -> str:
    """`Family, Given and ...`; a collective or single-word name in braces, as written."""
    out = []
    for c in credits:
        if c.literal:
            out.append("{" + latex_escape(c.literal) + "}")
        else:
            out.append(_name_part(c.family) + (f", {_name_part(c.given)}" if c.given else ""))
    return " and ".join(out)


def csl_names(credits: tuple[Credit, ...]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for c in credits:
        if c.literal:
            out.append({"literal": c.literal})
        else:
            out.append({"family": c.family, **({"given": c.given} if c.given else {})})
    return out


def living_note(unit: CiteUnit, living: str) -> str:
    """What an edition's citation says beside its own URL: where the living version is."""
    return f"Living version: {unit.url_at(living)}" if living else ""


def bibtex(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> str:
    """`living`: the living site's address when `meta` is an edition's (its URL is cited)."""
    what = {"topic": "Topic", "section": "Section", "table": "Table",
            "direction": "Future direction"}[unit.kind]
    fields = [
        ("author", bibtex_names(unit.authors(meta))),
        ("title", latex_escape(unit.full_title())),
        ("howpublished", latex_escape(f"{meta.title}, version {meta.version}")),
        ("year", str(meta.date_released.year)),
        ("month", str(meta.date_released.month)),
        ("url", unit.url(meta)),
        ("note", latex_escape(f"{what} of the living survey, version {meta.version} of "
                              f"{meta.date_released.isoformat()}"
                              + (f". {living_note(unit, living)}" if living else ""))),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{unit.key},\n{body}}}\n"


def csl(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> dict[str, Any]:
    authors = csl_names(unit.authors(meta))
    d = meta.date_released
    item: dict[str, Any] = {
        "id": unit.key,
        "type": "entry-encyclopedia" if unit.anchor else "article",
        "title": unit.full_title(),
        "container-title": meta.title,
        "author": authors,
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "version": meta.version,
        "URL": unit.url(meta),
        "publisher": meta.short_title,
    }
    if unit.anchor:
        item["section"] = unit.title
    if living:
        item["note"] = living_note(unit, living)
    return item


def plain(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> str:
    authors = "; ".join(c.display for c in unit.authors(meta))
    d = meta.date_released
    return (f"{authors} ({d.year}). {unit.full_title()}. In {meta.title} "
            f"(Version {meta.version}, {d.isoformat()}). {unit.url(meta)}"
            + (f". {living_note(unit, living)}" if living else ""))


def csl_json(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> str:
    return json.dumps([csl(unit, meta, living)], indent=2, ensure_ascii=False) + "\n"
