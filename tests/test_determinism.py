"""Two builds of the same sources are byte-identical when SOURCE_DATE_EPOCH is set."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import REPO, mkdocs_build


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")
    first = tree_digest(mkdocs_build(REPO, tmp_path / "a"))
    second = tree_digest(mkdocs_build(REPO, tmp_path / "b"))
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    for must in ("sitemap.xml", "search/search_index.json", "export/references.bib",
                 "export/bmsurvey.json", "references/index.html"):
        assert must in first
