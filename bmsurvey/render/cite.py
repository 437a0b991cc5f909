""""Cite this": a citation of the survey, a topic, a section or a direction in BibTeX, CSL-JSON
and plain text, built from survey.yml so every export says the same."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.survey import TopicView

_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
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
                     u.title if u.anchor else "", "topic" if u.kind == "summary" else u.kind)
            for u in view.units()]


def _names_bibtex(meta: SurveyMeta) -> str:
    out = []
    for p in meta.authors:
        out.append("{" + latex_escape(p.name) + "}" if p.name else
                   f"{latex_escape(p.family or '')}, {latex_escape(p.given or '')}")
    return " and ".join(out)


def living_note(unit: CiteUnit, living: str) -> str:
    """What an edition's citation says beside its own URL: where the living version is."""
    return f"Living version: {unit.url_at(living)}" if living else ""


def bibtex(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> str:
    """`living`: the living site's address when `meta` is an edition's (its URL is cited)."""
    what = {"topic": "Topic", "section": "Section", "table": "Table",
            "direction": "Future direction"}[unit.kind]
    fields = [
        ("author", _names_bibtex(meta)),
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
    authors: list[dict[str, str]] = [
        {"literal": p.name} if p.name else {"family": p.family or "", "given": p.given or ""}
        for p in meta.authors]
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
    authors = "; ".join(p.display() for p in meta.authors)
    d = meta.date_released
    return (f"{authors} ({d.year}). {unit.full_title()}. In {meta.title} "
            f"(Version {meta.version}, {d.isoformat()}). {unit.url(meta)}"
            + (f". {living_note(unit, living)}" if living else ""))


def csl_json(unit: CiteUnit, meta: SurveyMeta, living: str = "") -> str:
    return json.dumps([csl(unit, meta, living)], indent=2, ensure_ascii=False) + "\n"
