"""Strict pydantic models of one topic file.

Field descriptions feed the JSON Schema and the schema reference page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from bmsurvey.core.schema.orcid import ORCID_PATTERN, normalise_orcid
from bmsurvey.core.schema.vocab import MONTH, Accessibility, Architecture, Domain

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=64)]
LINE_PATTERN = r"^[^\n]*\S[^\n]*$"


class PlainText:
    """Marks a field whose text is printed escaped, never read as Markdown or HTML."""


PLAIN = PlainText()
# Plain text: printed escaped, never as Markdown or HTML (the checker warns about tags in it).
Line = Annotated[str, Field(min_length=1, max_length=300, pattern=LINE_PATTERN), PLAIN]
# One line of inline Markdown: may cite and emphasise.
InlineMarkdown = Annotated[str, Field(min_length=1, max_length=600, pattern=LINE_PATTERN)]
Markdown = Annotated[str, Field(min_length=1, max_length=100_000)]

Modality = Literal[
    "text", "code", "vision", "multimodal", "speech", "protein", "graph", "systems", "other"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Orcid = Annotated[str, AfterValidator(normalise_orcid),
                  Field(json_schema_extra={"pattern": ORCID_PATTERN})]


class Author(_Strict):
    """A named author of a topic or of a section, credited in its byline, its citations, its
    meta tags and CITATION.cff."""

    name: Line = Field(
        description="The author's name as it should be cited: `Given Family`, or "
        "`Family, Given` when the family name has several words (`van Dyke, Ada`).",
        examples=["Josiah Carberry"],
    )
    orcid: Orcid | None = Field(
        default=None,
        description="The author's ORCID iD, `0000-0002-1825-0097` or "
        "`https://orcid.org/0000-0002-1825-0097`; its check character is verified.",
        examples=["0000-0002-1825-0097"],
    )
    affiliation: Line | None = Field(
        default=None, description="Where the author works, as it should be printed.",
        examples=["University of Somewhere"],
    )


class KeyWork(_Strict):
    """A work that matters for a section, with what it contributed. The optional typed fields feed
    the timeline."""

    key: str = Field(
        description="BibTeX key of the work in references.bib.",
        examples=["kaplan2020scaling"],
        min_length=1,
    )
    contribution: Line = Field(
        description="One line, in your own words: what this work contributed.",
        examples=["Showed that loss falls as a power law in parameters, data and compute."],
    )
    name: Line | None = Field(
        default=None,
        description="Short name of the model, dataset or system, shown on the timeline.",
        examples=["GPT-3"],
    )
    date: Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")] | None = Field(
        default=None,
        description="First public release, `YYYY` or `YYYY-MM`. Places the work on the timeline.",
        examples=["2020-05"],
    )
    organisation: Line | None = Field(
        default=None, description="Lab or company that released it.", examples=["OpenAI"]
    )
    parameters: Annotated[str, Field(pattern=r"^\d+(\.\d+)?[KMBT]$")] | None = Field(
        default=None,
        description="Parameter count with a suffix K, M, B or T.",
        examples=["175B"],
    )
    modality: Modality | None = Field(
        default=None, description="What the work models.", examples=["text"]
    )

    @field_validator("date", mode="before")
    @classmethod
    def _year_as_int(cls, value: object) -> object:
        # `date: 2020` is an int in YAML; accept it as the year.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    def parameter_count(self) -> float | None:
        if self.parameters is None:
            return None
        scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}[self.parameters[-1]]
        return float(self.parameters[:-1]) * scale

    def sort_date(self) -> str:
        return self.date or ""


ColumnType = Literal["text", "number", "date", "bool", "cite"]
Cell = str | bool | int | float | dt.date | list[str] | None


class Column(_Strict):
    """A typed column of a table. Rows give a value for every column id."""

    id: Slug = Field(description="Column id, the key rows use for this column.",
                     examples=["parameters"])
    title: Line = Field(description="Header text of the column.", examples=["Parameters"])
    type: ColumnType = Field(
        default="text",
        description="`text` (inline Markdown, may cite), `number` (with an optional `unit`), "
        "`date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), `bool` (`true`/`false`, shown as yes/no) or "
        "`cite` (a reference key or a list of keys).",
        examples=["number"],
    )
    unit: Line | None = Field(
        default=None, description="Unit of a `number` column, shown in its header.",
        examples=["B parameters"],
    )


class Table(_Strict):
    """A comparison table inside a section: rendered after the section's prose, numbered per
    topic, sortable, citable and downloadable as CSV and JSON."""

    id: Slug = Field(
        description="Stable id of the table, unique within the topic; its anchor is "
        "`table-<id>`.",
        examples=["open-model-families"],
    )
    caption: InlineMarkdown = Field(
        description="One line saying what the table compares; inline Markdown, may cite.",
        examples=["Open-weight model families by size, data and licence."],
    )
    columns: list[Column] = Field(description="The columns, left to right.", min_length=1)
    rows: list[dict[str, Cell]] = Field(
        description="One mapping per row, from column id to value; `null` leaves a cell empty.",
        examples=[[{"model": "GPT-3", "parameters": 175}]],
        min_length=1,
    )
    note: Markdown | None = Field(
        default=None, description="Optional note under the table (sources, caveats); may cite.",
        examples=["Parameter counts as reported by each model's paper."],
    )


class CatalogueView(_Strict):
    """A filtered view of the model catalogue shown in a section: the models that match every
    filter given, newest first."""

    caption: InlineMarkdown = Field(description="What the view shows; inline Markdown.",
                                    examples=["Open-weight language models since 2023."])
    domain: list[Domain] = Field(default_factory=list, description="Keep these domains.",
                                 examples=[["language", "code"]])
    accessibility: list[Accessibility] = Field(default_factory=list,
                                               description="Keep these access levels.",
                                               examples=[["open-weights"]])
    architecture: list[Architecture] = Field(default_factory=list,
                                             description="Keep these architectures.",
                                             examples=[["moe"]])
    since: Annotated[str, Field(pattern=MONTH)] | None = Field(
        default=None, description="Earliest month, `YYYY-MM`.", examples=["2023-01"])
    until: Annotated[str, Field(pattern=MONTH)] | None = Field(
        default=None, description="Latest month, `YYYY-MM`.", examples=["2026-12"])


class Section(_Strict):
    """A section of a topic page, rendered as an `<h2>` whose id is the section id."""

    id: Slug = Field(
        description="Stable anchor of the section: lowercase words joined by hyphens. "
        "People cite it; do not rename it.",
        examples=["scaling-laws"],
    )
    title: Line = Field(description="Heading of the section.", examples=["Scaling laws"])
    authors: list[Author] = Field(
        default_factory=list,
        description="Authors of this section besides the topic's authors; it is cited with "
        "both.",
    )
    body: Markdown = Field(
        description="Markdown prose. Cite with `[@key]`, `[@a; @b]`, `[@key, p. 3]` or narrative "
        "`@key`; point to another topic's section with `[[topic-id#section-id]]`.",
        examples=["Loss falls smoothly with scale [@kaplan2020scaling]."],
    )
    key_works: list[KeyWork] = Field(
        default_factory=list, description="The works that matter most for this section."
    )
    tables: list[Table] = Field(
        default_factory=list, description="Comparison tables, shown after the prose."
    )
    catalogue: CatalogueView | None = Field(
        default=None, description="A filtered view of the model catalogue, after the tables."
    )


class Direction(_Strict):
    """A future research direction, rendered as an `<h3>` under Future directions."""

    id: Slug = Field(description="Stable anchor of the direction.", examples=["data-efficiency"])
    title: Line = Field(description="Heading of the direction.", examples=["Data efficiency"])
    body: Markdown = Field(
        description="One argued paragraph, citing the works it builds on.",
        examples=["Repeating data helps only so far [@muennighoff2023scaling]."],
    )


class Topic(_Strict):
    """One topic of the survey: `topics/<part-id>/<topic-id>.yaml`."""

    id: Slug = Field(
        description="Topic id; must equal the file name without `.yaml`.",
        examples=["language-model"],
    )
    title: Line = Field(description="Title of the topic page.", examples=["Language Model"])
    authors: list[Author] = Field(
        default_factory=list,
        description="The topic's authors, in the order they are credited. Without any, the "
        "topic is credited to the survey's authors in survey.yml.",
    )
    summary: Markdown = Field(
        description="One or two paragraphs placing the topic within big-model research.",
        examples=["Language models predict text and, at scale, do much more."],
    )
    last_reviewed: dt.date = Field(
        description="When the content was last reviewed, as an ISO date.",
        examples=["2025-11-20"],
    )
    related: list[Slug] = Field(
        default_factory=list,
        description="Ids of related topics.",
        examples=[["multi-modal-model", "evaluation"]],
    )
    sections: list[Section] = Field(description="The sections, in reading order.", min_length=1)
    future_directions: list[Direction] = Field(
        default_factory=list, description="Open problems and directions, in reading order."
    )
