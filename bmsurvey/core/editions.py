"""Load and check `editions.yml`: located diagnostics for the file, and a check that every
listed commit is in the repository's history (a shallow clone is told how to fetch it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pydantic import ValidationError

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import load_yaml
from bmsurvey.core.schema.editions import Edition
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.schema_errors import to_diagnostics

EDITIONS_NAME = "editions.yml"
FETCH_HINT = ("fetch the whole history: `git fetch --unshallow` here, or `fetch-depth: 0` on "
              "actions/checkout in a workflow")


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=False)


def load_editions(root: Path) -> tuple[list[Edition], list[Diagnostic]]:
    """The editions in file order (oldest first expected), or [] where there is no file."""
    path = root / EDITIONS_NAME
    if not path.is_file():
        return [], []
    loaded, diags = load_yaml(path.read_bytes(), EDITIONS_NAME)
    if loaded is None:
        return [], diags
    if not isinstance(loaded.data, list):
        line, col = loaded.positions.of(())
        return [], [*diags, Diagnostic(
            EDITIONS_NAME, line, col, "schema-type", "editions.yml must be a list of editions",
            "write one `- version: ...` item per edition with `date`, `commit` and `summary`")]
    editions: list[Edition] = []
    where: dict[str, tuple[int, int]] = {}
    for i, item in enumerate(loaded.data):
        try:
            edition = Edition.model_validate(item)
        except ValidationError as exc:
            diags.extend(to_diagnostics(exc, EDITIONS_NAME, loaded.positions, Edition, (i,)))
            continue
        line, col = loaded.positions.of((i, "version"))
        if edition.version in where:
            first = where[edition.version][0]
            diags.append(Diagnostic(
                EDITIONS_NAME, line, col, "edition-duplicate",
                f"edition {edition.version} is listed twice (first on line {first})",
                "keep one item per version; a new edition needs a new version"))
            continue
        where[edition.version] = (line, col)
        editions.append(edition)
    diags.extend(_check_commits(root, editions, where))
    return editions, diags


def _check_commits(root: Path, editions: list[Edition],
                   where: dict[str, tuple[int, int]]) -> list[Diagnostic]:
    if not editions:
        return []
    inside = git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        why = inside.stderr.strip().splitlines()[-1:] or ["not a git work tree"]
        return [Diagnostic(EDITIONS_NAME, 1, 1, "edition-history-missing",
                           "editions.yml lists editions, but git cannot read the project's "
                           f"history ({why[0]}): editions are built from their commits",
                           "build from a git clone with its whole history (`fetch-depth: 0` "
                           "on actions/checkout); in a container, mark the checkout as a "
                           "git safe.directory")]
    shallow = git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    out = []
    for e in editions:
        if git(root, "cat-file", "-e", f"{e.commit}^{{commit}}").returncode == 0:
            continue
        line, col = where[e.version]
        if shallow:
            out.append(Diagnostic(
                EDITIONS_NAME, line, col, "edition-history-missing",
                f"edition {e.version}: commit {e.commit[:12]} is not in this shallow clone",
                FETCH_HINT))
        else:
            out.append(Diagnostic(
                EDITIONS_NAME, line, col, "edition-commit-unknown",
                f"edition {e.version}: commit {e.commit} is not in the repository's history",
                "write the full hash of a commit of this repository (`git rev-parse <rev>`); "
                "if it is on another branch, fetch that branch"))
    return out


def check_current(meta: SurveyMeta, editions: list[Edition], root: Path) -> list[Diagnostic]:
    """A warning when survey.yml's version is not an edition yet: normal between editions,
    worth knowing when releasing one. Cite this then cites the living site."""
    if not editions or any(e.version == meta.version for e in editions):
        return []
    return [Diagnostic(EDITIONS_NAME, 0, 0, "edition-unlisted",
                       f"survey.yml says version {meta.version}, which editions.yml does not "
                       "list: Cite this cites the living site until it does",
                       f"when releasing {meta.version}, add it to editions.yml with its date "
                       "and commit", "warning")]


def ordered(editions: list[Edition]) -> list[Edition]:
    """Oldest first: by date, then file order."""
    return sorted(editions, key=lambda e: e.date)


def current_edition(meta: SurveyMeta, editions: list[Edition]) -> Edition | None:
    return next((e for e in editions if e.version == meta.version), None)


def edition_url(site_url: str, version: str) -> str:
    return site_url.rstrip("/") + f"/editions/{version}/"


def edition_meta(meta: SurveyMeta, edition: Edition) -> SurveyMeta:
    """The survey's metadata as the edition is cited: its version, date and address."""
    return meta.model_copy(update={"version": edition.version, "date_released": edition.date,
                                   "url": edition_url(meta.url, edition.version)})
