"""Project metadata (`survey.yml`): what citations of the survey and its sections are built from."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

HTTP_URL = r"^https?://[^\s<>\"'{}\\|^`]+$"


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: str | None = Field(default=None, description="An organisation or collective name.")
    family: str | None = Field(default=None, description="Family name of a person.")
    given: str | None = Field(default=None, description="Given names of a person.")

    def display(self) -> str:
        return self.name or f"{self.given or ''} {self.family or ''}".strip()


class SurveyMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: str = "bmsurvey: A Living Survey of Big Models"
    short_title: str = "bmsurvey"
    authors: list[Person] = Field(
        default_factory=lambda: [Person(name="The bmsurvey contributors")])
    version: str = "0.0.0"
    date_released: dt.date = dt.date(2025, 1, 1)
    # Addresses go into href attributes, BibTeX `url` fields and CSL: plain http(s) only.
    url: str = Field(default="https://example.org/", pattern=HTTP_URL,
                     description="The living site's address.")
    repository: str = Field(default="", pattern="^$|" + HTTP_URL,
                            description="The source repository's address, or empty.")
    license: str = "CC-BY-4.0"
    abstract: str = ""
