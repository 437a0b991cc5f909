"""CITATION.cff, generated: survey.yml's metadata and every author named in the topics (or
survey.yml's authors where no one is named), so GitHub's "Cite this repository" credits the same
people as the site. `bmsurvey citation --write` writes it; a test fails while it is stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bmsurvey.core.authors import Credit, survey_authors
from bmsurvey.core.survey import Survey

CFF_PATH = Path("CITATION.cff")
HEADER = ("# Generated from survey.yml and the topics' named authors by "
          "`bmsurvey citation --write`:\n# edit those, not this file.\n")
MESSAGE = ("If you use this survey, please cite it as below. Individual sections can be cited "
           "too: see the Cite control on each page.")


def _person(c: Credit) -> dict[str, str]:
    out = {"name": c.literal} if c.literal else {
        "family-names": c.family, **({"given-names": c.given} if c.given else {})}
    if c.orcid:
        out["orcid"] = c.orcid_url
    if c.affiliation:
        out["affiliation"] = c.affiliation
    return out


def citation_cff(survey: Survey) -> str:
    """The exact text of CITATION.cff for this survey."""
    meta = survey.project.meta
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": MESSAGE,
        "type": "dataset",
        "title": meta.title,
        "authors": [_person(c) for c in survey_authors((v.topic for v in survey.topics), meta)],
        "version": meta.version,
        "date-released": meta.date_released,
        "url": meta.url,
    }
    if meta.repository:
        data["repository-code"] = meta.repository
    data["license"] = meta.license
    if meta.abstract:
        data["abstract"] = " ".join(meta.abstract.split())
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96)


def cff_is_current(survey: Survey) -> bool:
    path = survey.project.root / CFF_PATH
    return path.is_file() and path.read_text(encoding="utf-8") == citation_cff(survey)


def write_cff(survey: Survey) -> bool:
    """Write CITATION.cff; whether it changed."""
    if cff_is_current(survey):
        return False
    (survey.project.root / CFF_PATH).write_text(citation_cff(survey), encoding="utf-8")
    return True
