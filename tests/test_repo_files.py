"""CI workflows, hooks and contributor forms: valid YAML, consistent with .ci/run and the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bmsurvey.core.schema import PARTS
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
    # Stock Debian 12 with its system Python 3.11, the machine the README names.
    assert job["container"] == "debian:12"
    for command in ("bash scripts/venv.sh test", ". .venv/bin/activate && bmsurvey fmt --check",
                    ". .venv/bin/activate && bmsurvey check --strict --format github",
                    "bash scripts/test.sh", ". .venv/bin/activate && bmsurvey build",
                    "actions/upload-artifact", "test \"$(command -v python3)\" = /usr/bin/python3"):
        assert command in text, command
    assert "pip install" not in text  # only inside the project .venv, through scripts/venv.sh
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    apt_pkgs = re.search(r'apt_pkgs="([^"]+)"', ci_run)
    assert apt_pkgs is not None
    for pkg in [*apt_pkgs.group(1).split(), "nodejs", "npm", "python3", "python3-venv", "git"]:
        assert re.search(rf"apt-get install .*(?<![\w-]){pkg}(?![\w-])", text), pkg
    assert "python3-venv" in ci_run
    assert text.index("apt-get install") < text.index("actions/checkout")
    assert text.index("bash scripts/venv.sh") < text.index("bmsurvey fmt --check")
    assert text.index("bmsurvey fmt --check") < text.index("bash scripts/test.sh")
    upload = next(s for s in job["steps"] if "upload-artifact" in str(s.get("uses")))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_readme_commands_use_the_project_venv() -> None:
    """The README's two commands make and use .venv; .ci/run runs the test command unchanged."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in ("bash scripts/serve.sh", "bash scripts/test.sh", ". .venv/bin/activate",
                    "python3-venv"):
        assert command in readme, command
    for name, extras in (("serve.sh", ""), ("test.sh", " test")):
        script = (REPO / "scripts" / name).read_text(encoding="utf-8")
        assert f"bash scripts/venv.sh{extras}\n. .venv/bin/activate\n" in script, name
        assert "pip install" not in script, name
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith(
        "bash scripts/test.sh")


def test_deploy_workflow_publishes_pages() -> None:
    wf = load(GITHUB / "workflows" / "deploy.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    text = steps_text(wf)
    assert "bmsurvey build" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_workflows_are_safe_on_pull_requests() -> None:
    """What zizmor (run by scripts/test.sh) asks, spelled out: no permissions for the workflow,
    the least for each job, actions pinned to a commit with their version named, no credentials
    left by checkout, no expression expanded inside a shell script."""
    for path in sorted((GITHUB / "workflows").glob("*.yml")):
        wf = load(path)
        assert wf["permissions"] == {}, path.name
        for job_id, job in wf["jobs"].items():
            perms = job.get("permissions")
            assert isinstance(perms, dict) and perms, (path.name, job_id)
            assert "write-all" not in str(perms) and "contents: write" not in str(perms)
            for step in job.get("steps", []):
                assert "${{" not in str(step.get("run", "")), (path.name, job_id, step)
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path.name, job_id)
        raw = path.read_text(encoding="utf-8")
        for line in raw.splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line
    test_sh = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "zizmor --offline --min-severity medium --no-progress .github/workflows/" in test_sh
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"zizmor==\d+\.\d+\.\d+"', pyproject)


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
