"""CITATION.cff mirrors survey.yml, the one source of the survey's citation metadata."""

from __future__ import annotations

import yaml

from bmsurvey.core.project import load_meta
from tests.conftest import REPO


def test_citation_cff_mirrors_survey_yml() -> None:
    meta, diags = load_meta(REPO)
    assert diags == []
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == meta.title
    assert cff["version"] == meta.version
    assert str(cff["date-released"]) == meta.date_released.isoformat()
    assert cff["url"] == meta.url
    assert cff["repository-code"] == meta.repository
    assert cff["license"] == meta.license
    assert [a.get("name") or f"{a.get('given-names')} {a.get('family-names')}"
            for a in cff["authors"]] == [p.display() for p in meta.authors]
    assert " ".join(cff["abstract"].split()) == " ".join(meta.abstract.split())
