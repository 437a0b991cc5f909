"""Shared fixtures: copy a fixture project under tests/roots/<case>/, build it with mkdocs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bmsurvey.adapters.mkbuild import build_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).resolve().parent.parent
# One PDF cache for every build of the session (and for later runs in this checkout): a survey
# whose LaTeX is the same is typeset once, whichever project folder, engine or edition builds
# it. The tests that must typeset call `typeset` themselves, which never reads the cache.
os.environ.setdefault("BMSURVEY_PDF_CACHE", str(REPO / ".cache" / "bmsurvey" / "pdf"))


def copy_root(case: str, dest: Path) -> Path:
    target = dest / case
    shutil.copytree(ROOTS / case, target, ignore=shutil.ignore_patterns("site"))
    return target


def mkdocs_build(root: Path, site_dir: Path | None = None) -> Path:
    """A real, strict mkdocs build of a project folder; returns the site folder."""
    return build_site(root, site_dir or root / "site")


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    return copy_root("basic", tmp_path)


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_root("basic", tmp_path_factory.mktemp("basic"))
    return mkdocs_build(root)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge base, built once per test session with the real mkdocs.yml."""
    return mkdocs_build(REPO, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge base built by Zensical (`bmsurvey build --engine zensical`)."""
    from bmsurvey.adapters.zensical import build_zensical

    return build_zensical(REPO, tmp_path_factory.mktemp("zensical") / "site")
