"""CI workflows, hooks and contributor forms: valid YAML, consistent with .ci/run and the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bmsurvey.schema import PARTS
from tests.conftest import REPO

GITHUB = REPO / ".github"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps_text(workflow: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", ""))
                     for job in workflow["jobs"].values() for step in job.get("steps", []))


def test_check_workflow_matches_ci_run_and_test_script() -> None:
    wf = load(GITHUB / "workflows" / "check.yml")
    assert "pull_request" in wf[True]  # PyYAML reads the key `on` as True
    text = steps_text(wf)
    job = wf["jobs"]["check"]
    assert "3.11" in job["container"]
    for command in ('pip install -e ".[test]"', "bmsurvey fmt --check",
                    "bmsurvey check --strict --format github", "bash scripts/test.sh",
                    "bmsurvey build", "actions/upload-artifact"):
        assert command in text, command
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    apt_pkgs = re.search(r'apt_pkgs="([^"]+)"', ci_run)
    assert apt_pkgs is not None
    for pkg in [*apt_pkgs.group(1).split(), "nodejs", "npm"]:
        assert re.search(rf"apt-get install .*\b{pkg}\b", text), pkg
    assert text.index("apt-get install") < text.index("bash scripts/test.sh")
    assert text.index("bmsurvey fmt --check") < text.index("bash scripts/test.sh")
    upload = next(s for s in job["steps"] if "upload-artifact" in str(s.get("uses")))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_deploy_workflow_publishes_pages() -> None:
    wf = load(GITHUB / "workflows" / "deploy.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    text = steps_text(wf)
    assert "bmsurvey build" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"


def test_pre_commit_hooks() -> None:
    hooks = {h["id"]: h for h in load(REPO / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"bmsurvey-check", "bmsurvey-fmt"}
    assert all(h["language"] == "python" for h in hooks.values())
    assert hooks["bmsurvey-check"]["pass_filenames"] is False
    assert hooks["bmsurvey-check"]["entry"].startswith("bmsurvey check")
    assert hooks["bmsurvey-fmt"]["entry"] == "bmsurvey fmt"
    config = load(REPO / ".pre-commit-config.yaml")
    local = next(r for r in config["repos"] if r["repo"] == "local")
    ids = {h["id"] for h in local["hooks"]}
    assert {"bmsurvey-check", "bmsurvey-fmt"} <= ids
    pattern = re.compile(hooks["bmsurvey-fmt"]["files"])
    assert pattern.search("topics/models/language-model.yaml")
    assert pattern.search("references.bib") and not pattern.search("mkdocs.yml")


def test_issue_form_lists_every_topic() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "suggest-a-paper.yml")
    fields = {f.get("id"): f for f in form["body"]}
    assert {"paper-title", "identifier", "topic", "section", "why"} <= set(fields)
    options = fields["topic"]["attributes"]["options"]
    assert options == [t for p in PARTS for t in p.topics]
    assert len(options) == 16


def test_contributor_documents_state_the_rules() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for phrase in ("bmsurvey new section", "bmsurvey new topic", "<firstauthorfamily><year>"
                   "<firstword>", "python3 ../shared/refindex/check_refs.py references.bib "
                   "--show all", "MISMATCH", "unknown", "own words", "bmsurvey check --strict",
                   "bmsurvey fmt"):
        assert phrase in text, phrase
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "check_refs.py" in template and "bmsurvey check --strict" in template
