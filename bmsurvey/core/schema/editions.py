"""`editions.yml`: the frozen, citable editions of the survey, each made from one git commit."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

VERSION = r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$"


class Edition(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    version: str = Field(pattern=VERSION, description=(
        "The edition's version, as survey.yml said it, e.g. `0.2.0`; also its folder under "
        "`/editions/`."))
    date: dt.date = Field(description="The release date, `YYYY-MM-DD`.")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$", description=(
        "The full hash of the commit the edition is built from (`git rev-parse <rev>`)."))
    summary: str = Field(min_length=1, description="One paragraph: what the edition holds or "
                                                   "what changed since the one before.")
