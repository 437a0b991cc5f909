"""CITATION.cff is generated from survey.yml and the topics' named authors
(`bmsurvey citation --write`); the committed file must be current."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bmsurvey.core.project import load_meta
from bmsurvey.core.survey import load_survey
from bmsurvey.render.cff import citation_cff
from tests.conftest import REPO, copy_root
from tests.helpers import run_cli


def test_committed_citation_cff_is_current() -> None:
    survey = load_survey(REPO)
    committed = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == citation_cff(survey), \
        "CITATION.cff is stale: run `bmsurvey citation --write` and commit it"


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
    # The shipped survey names no one yet: survey.yml's authors are the fallback.
    assert [a.get("name") or f"{a.get('given-names')} {a.get('family-names')}"
            for a in cff["authors"]] == [p.display() for p in meta.authors]
    assert " ".join(cff["abstract"].split()) == " ".join(meta.abstract.split())


def test_citation_cff_lists_every_named_author_once_in_order(tmp_path: Path) -> None:
    root = copy_root("authors", tmp_path)
    cff = yaml.safe_load(citation_cff(load_survey(root)))
    assert cff["authors"] == [
        {"family-names": "Carberry", "given-names": "Josiah",
         "orcid": "https://orcid.org/0000-0002-1825-0097",
         "affiliation": "Institute of Fictional Studies"},
        {"family-names": "van Dyke", "given-names": "Ada"},  # once, though named twice
        {"name": "Ørsted"},
        {"family-names": "Example", "given-names": "Grace Q.",
         "orcid": "https://orcid.org/0000-0001-5109-3700"},
    ]


def test_citation_check_fails_with_the_fix_and_write_repairs(tmp_path: Path) -> None:
    root = copy_root("authors", tmp_path)
    code, out, _ = run_cli("--root", str(root), "citation", "--check")
    assert code == 1 and "run `bmsurvey citation --write`" in out
    code, out, _ = run_cli("--root", str(root), "citation", "--write")
    assert code == 0 and "wrote CITATION.cff" in out
    assert run_cli("--root", str(root), "citation", "--check")[0] == 0
    topic = root / "topics/models/language-model.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "Josiah Carberry", "Josiah S. Carberry"), encoding="utf-8")
    assert run_cli("--root", str(root), "citation", "--check")[0] == 1


def test_hostile_author_names_stay_data_in_cff(tmp_path: Path) -> None:
    root = copy_root("authors", tmp_path)
    hostile = 'Evil\'s "x: y" # z\u2028- name: injected'
    topic = root / "topics/models/language-model.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "name: Ørsted", "name: " + json.dumps(hostile)), encoding="utf-8")
    cff = yaml.safe_load(citation_cff(load_survey(root)))
    assert len(cff["authors"]) == 4
    # One author whose name is data (line separators read as spaces), not YAML structure.
    assert cff["authors"][2] == {"family-names": "injected",
                                 "given-names": " ".join(hostile.split()[:-1])}
