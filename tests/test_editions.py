"""Editions: a fixture repository with three commits and two listed editions, built with mkdocs;
the frozen copies, their banners and cite files, /editions/, /changes/, the section history,
the cache, and editions.yml's diagnostics."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bmsurvey.adapters.zensical import build_zensical
from bmsurvey.core.changes import Fingerprint, fingerprint
from bmsurvey.core.editions import load_editions
from bmsurvey.core.survey import load_survey
from bmsurvey.render.site import exports
from tests.conftest import REPO, copy_root, mkdocs_build
from tests.helpers import broken_links, run_cli, text_of

SITE = "https://example.org/basic/"
TOPIC = "topics/models/language-model.yaml"
NEW_SECTION = """  - id: emergence
    title: Emergent abilities
    body: |
      Some abilities appear only at scale [@wei2022emergent].
"""
OLD_SECTION = """  - id: history
    title: History
    body: |
      N-gram models came first.
"""
NEW_REF = """
@article{wei2022emergent,
  author = {Wei, Jason and Tay, Yi and others},
  title = {Emergent Abilities of Large Language Models},
  journal = {Transactions on Machine Learning Research},
  year = {2022},
  url = {https://arxiv.org/abs/2206.07682},
}
"""


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Fixture",
                           "-c", "user.email=fixture@example.org", *args],
                          capture_output=True, text=True, check=True).stdout.strip()


def _commit(root: Path, message: str) -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


def _meta(version: str) -> str:
    return (f"title: Basic survey\nversion: {version}\ndate_released: 2026-01-0"
            f"{1 if version == '0.1.0' else 2}\nurl: {SITE}\n")


def _add_section(root: Path, section: str, before: str = "future_directions:") -> None:
    path = root / TOPIC
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(before, section + before, 1), encoding="utf-8")


def make_repo(tmp: Path) -> tuple[Path, str, str]:
    """Commit 1 (edition 0.1.0), commit 2 (edition 0.2.0: a section changed, one added, one
    removed, a reference added), commit 3 (editions.yml, living work after 0.2.0)."""
    root = copy_root("basic", tmp)
    _git(root, "init", "-q", "-b", "main")
    (root / "survey.yml").write_text(_meta("0.1.0"), encoding="utf-8")
    (root / "docs" / "notes.md").write_text("# Notes\n\nA hand-written page.\n",
                                            encoding="utf-8")
    _add_section(root, OLD_SECTION)
    first = _commit(root, "0.1.0")
    (root / "survey.yml").write_text(_meta("0.2.0"), encoding="utf-8")
    path = root / TOPIC
    text = path.read_text(encoding="utf-8").replace(OLD_SECTION, "")
    path.write_text(text.replace("Loss falls as a power law", "Loss falls smoothly as a power "
                                 "law", 1), encoding="utf-8")
    _add_section(root, NEW_SECTION)
    with (root / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(NEW_REF)
    second = _commit(root, "0.2.0")
    (root / "editions.yml").write_text(
        f"- version: 0.1.0\n  date: 2026-01-01\n  commit: {first}\n  summary: The first one.\n"
        f"- version: 0.2.0\n  date: 2026-01-02\n  commit: {second}\n"
        "  summary: Scaling <laws> & more.\n", encoding="utf-8")
    _commit(root, "editions")
    return root, first, second


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    root, first, second = make_repo(tmp_path_factory.mktemp("editions"))
    return root, mkdocs_build(root), first, second


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_edition_pages_have_banners_linking_to_the_living_page(built: tuple) -> None:
    _, site, _, _ = built
    for version, date in (("0.1.0", "2026-01-01"), ("0.2.0", "2026-01-02")):
        page = _page(site, f"editions/{version}/models/language-model")
        assert f"Edition {version} of {date}" in text_of(page)
        assert 'role="note"' in page
        assert '<a href="../../../../models/language-model/">Read the living version' in page
        assert (site / f"editions/{version}/search/search_index.json").is_file()
        assert (site / f"editions/{version}/export/references.bib").is_file()
    # The text as it stood: 0.1.0 has the old sentence and the removed section.
    old = text_of(_page(site, "editions/0.1.0/models/language-model"))
    assert "Loss falls as a power law" in old and "N-gram models came first." in old
    assert "Emergent abilities" not in old
    new = text_of(_page(site, "editions/0.2.0/models/language-model"))
    assert "Loss falls smoothly as a power law" in new and "Emergent abilities" in new
    assert broken_links(site) == []


def test_banner_falls_back_to_the_part_page(built: tuple) -> None:
    _, site, _, _ = built
    home = _page(site, "editions/0.1.0")
    assert '<a href="../../">Read the living version' in home


def test_cite_files_point_to_the_edition(built: tuple) -> None:
    _, site, _, _ = built
    for version in ("0.1.0", "0.2.0"):
        bib = (site / f"editions/{version}/cite/language-model/scaling-laws.bib").read_text()
        assert f"url = {{{SITE}editions/{version}/models/language-model/#scaling-laws}}" in bib
        assert f"Living version: {SITE}models/language-model/\\#scaling-laws" in bib
        assert f"version {version}" in bib
        csl = json.loads((site / f"editions/{version}/cite/language-model.json").read_text())
        assert csl[0]["URL"] == f"{SITE}editions/{version}/models/language-model/"
        assert csl[0]["note"] == f"Living version: {SITE}models/language-model/"
    # The living site cites the current edition (survey.yml says 0.2.0), the living URL beside.
    bib = (site / "cite/language-model/scaling-laws.bib").read_text()
    assert f"url = {{{SITE}editions/0.2.0/models/language-model/#scaling-laws}}" in bib
    assert f"Living version: {SITE}models/language-model/\\#scaling-laws" in bib
    page = _page(site, "models/language-model")
    assert f"{SITE}editions/0.2.0/models/language-model/#scaling-laws" in page


def test_editions_page_lists_newest_first(built: tuple) -> None:
    _, site, first, second = built
    page = _page(site, "editions")
    text = text_of(page)
    assert text.index("Edition 0.2.0") < text.index("Edition 0.1.0")
    assert "Scaling &lt;laws&gt; &amp; more." in page  # the summary, escaped
    assert '<a href="0.2.0/">Read edition 0.2.0</a>' in page
    assert second[:12] in page and first[:12] in page
    assert '<a href="../changes/#edition-0-2-0">What changed</a>' in page


def test_changes_page_lists_added_changed_removed(built: tuple) -> None:
    _, site, _, _ = built
    page = _page(site, "changes")
    lm = "models/language-model/"
    added = page[page.index("Added ("):page.index("Changed (")]
    assert "Emergent abilities" in added
    assert f'href="../editions/0.2.0/{lm}#emergence"' in added
    changed = page[page.index("Changed ("):page.index("Removed (")]
    assert "Scaling laws" in changed
    assert f'href="../editions/0.2.0/{lm}#scaling-laws"' in changed
    assert f'href="../editions/0.1.0/{lm}#scaling-laws"' in changed
    removed = page[page.index("Removed ("):page.index("References added")]
    assert "History" in removed and f'href="../editions/0.1.0/{lm}#history"' in removed
    assert "wei2022emergent" in page and "Emergent Abilities of Large Language Models" in page


def test_living_sections_show_their_history(built: tuple) -> None:
    _, site, _, _ = built
    page = _page(site, "models/language-model")
    assert '<p class="bms-history" data-search-exclude>added in 0.1.0 · changed in 0.2.0</p>' \
        in page
    assert "added in 0.2.0</p>" in page  # emergence
    edition = _page(site, "editions/0.2.0/models/language-model")
    assert "bms-history" not in edition  # an edition shows itself, not its future


def test_editions_are_frozen_and_cached(built: tuple) -> None:
    root, site, _, _ = built
    before = {p.relative_to(site): p.read_bytes() for p in (site / "editions").rglob("*")
              if p.is_file() and p.parent != site / "editions"}
    keys = {p: p.stat().st_mtime_ns for p in (root / ".cache").rglob("key.json")}
    assert len(keys) == 2
    path = root / TOPIC
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Loss falls smoothly", "Loss now falls smoothly", 1), encoding="utf-8")
    _add_section(root, NEW_SECTION.replace("emergence", "later").replace("Emergent", "Later"))
    site2 = mkdocs_build(root, root / "site2")
    after = {p.relative_to(site2): p.read_bytes() for p in (site2 / "editions").rglob("*")
             if p.is_file() and p.parent != site2 / "editions"}
    assert after.keys() == before.keys() and all(after[k] == before[k] for k in before)
    assert {p: p.stat().st_mtime_ns for p in keys} == keys  # not rebuilt
    living = text_of(_page(site2, "models/language-model"))
    assert "Loss now falls smoothly" in living and "new since 0.2.0" in living


def test_editions_yml_diagnostics(tmp_path: Path) -> None:
    root, first, _ = make_repo(tmp_path)
    (root / "editions.yml").write_text(
        f"- version: 0.1.0\n  date: 2026-01-01\n  commit: {first}\n  summary: One.\n"
        f"- version: 0.1.0\n  date: 2026-01-01\n  commit: {first}\n  summary: Twice.\n"
        "- version: 0.3.0\n  date: soon\n  commit: abc\n  summary: Bad.\n  extra: 1\n"
        f"- version: 0.4.0\n  date: 2026-02-01\n  commit: {'deadbeef' * 5}\n  summary: Nowhere.\n",
        encoding="utf-8")
    _, diags = load_editions(root)
    found = {(d.code, d.line) for d in diags}
    assert ("edition-duplicate", 5) in found
    assert ("edition-commit-unknown", 14) in found
    assert {c for c, _ in found} >= {"schema-unknown-field", "edition-duplicate",
                                     "edition-commit-unknown"}
    assert any(d.line == 10 for d in diags)  # the bad date, located
    survey = load_survey(root)
    assert any(d.code == "edition-unlisted" and d.severity == "warning"
               for d in survey.diagnostics)  # survey.yml says 0.2.0, not listed now


def test_shallow_clone_is_told_to_fetch(tmp_path: Path) -> None:
    root, _, _ = make_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
                   check=True)
    _, diags = load_editions(clone)
    assert [d.code for d in diags] == ["edition-history-missing"] * 2
    assert "git fetch --unshallow" in diags[0].hint and "fetch-depth: 0" in diags[0].hint


# -- the shipped survey -------------------------------------------------------------------------
def _plain_sentences(markdown: str) -> list[str]:
    """Sentences without markup (citations, emphasis, quotes) as they read on the page."""
    sentences = re.split(r"(?<=\.)\s+", " ".join(markdown.split()))
    return [s for s in sentences if len(s) > 40 and not re.search(r"[@\[\]*_`<>&\"']", s)]


def test_shipped_editions_match_their_commits() -> None:
    editions, diags = load_editions(REPO)
    assert [d for d in diags if d.is_error] == []
    assert [e.version for e in editions][:2] == ["0.1.0", "0.2.0"]
    first = editions[0]
    assert first.date.isoformat() == "2026-11-27"
    old_meta = yaml.safe_load(_git(REPO, "show", f"{first.commit}:survey.yml"))
    assert old_meta["version"] == "0.1.0"
    meta = load_survey(REPO).project.meta
    assert meta.version in [e.version for e in editions]


def test_shipped_edition_shows_the_text_as_it_stood(real_site: Path) -> None:
    editions, _ = load_editions(REPO)
    old = yaml.safe_load(_git(REPO, "show", f"{editions[0].commit}:{TOPIC}"))
    now = " ".join((REPO / TOPIC).read_text(encoding="utf-8").split())
    bodies = [old["summary"], *(s["body"] for s in old["sections"])]
    gone = [s for b in bodies for s in _plain_sentences(b) if s not in now]
    assert gone, "expected sentences of 2026-11-27 that the living topic no longer has"
    edition = text_of(_page(real_site, "editions/0.1.0/models/language-model"))
    living = text_of(_page(real_site, "models/language-model"))
    for sentence in gone:
        assert sentence in edition and sentence not in living
    assert "Edition 0.1.0 of 2026-11-27" in edition


def test_shipped_cite_files_point_into_the_current_edition(real_site: Path) -> None:
    meta = load_survey(REPO).project.meta
    base = f"{meta.url}editions/{meta.version}/"
    bib = (real_site / "cite/language-model/scaling-laws.bib").read_text(encoding="utf-8")
    assert f"url = {{{base}models/language-model/#scaling-laws}}" in bib
    assert f"Living version: {meta.url}models/language-model/\\#scaling-laws" in bib
    for path in (real_site / "cite").rglob("*.json"):
        [item] = json.loads(path.read_text(encoding="utf-8"))
        assert item["URL"].startswith(base), path
    old = (real_site / "editions/0.1.0/cite/language-model.json").read_text(encoding="utf-8")
    assert json.loads(old)[0]["URL"] == f"{meta.url}editions/0.1.0/models/language-model/"


def test_zensical_builds_the_editions_too(built: tuple, tmp_path: Path) -> None:
    root, _, _, _ = built
    site = build_zensical(root, tmp_path / "zsite")
    page = _page(site, "editions/0.1.0/models/language-model")
    assert "Edition 0.1.0 of 2026-01-01" in text_of(page)
    assert '<a href="../../../../models/language-model/">Read the living version' in page
    bib = (site / "editions/0.1.0/cite/language-model/scaling-laws.bib").read_text()
    assert f"url = {{{SITE}editions/0.1.0/models/language-model/#scaling-laws}}" in bib
    assert "added in 0.1.0 · changed in 0.2.0" in _page(site, "models/language-model")
    assert "Emergent abilities" in _page(site, "changes")


def test_an_edition_failing_todays_checks_is_located(tmp_path: Path) -> None:
    root, first, _ = make_repo(tmp_path)
    _git(root, "checkout", "-q", first)
    path = root / TOPIC
    path.write_text(path.read_text(encoding="utf-8").replace("title: Scaling laws", "titel: x", 1),
                    encoding="utf-8")
    bad = _commit(root, "a broken topic")
    _git(root, "checkout", "-q", "main")
    (root / "editions.yml").write_text(
        f"- version: 0.1.0\n  date: 2026-01-01\n  commit: {bad}\n  summary: Broken.\n",
        encoding="utf-8")
    code, _, message = run_cli("--root", str(root), "build")
    assert code == 1
    assert f"{bad[:12]}:{TOPIC}:" in message and "in edition 0.1.0:" in message
    assert "[schema-unknown-field]" in message
    assert not (root / ".cache/bmsurvey/editions" / f"0.1.0-{bad}").exists()


def test_a_banner_follows_its_living_page_away(tmp_path: Path) -> None:
    """When a living page goes, the editions are rebuilt so that their banners lead home."""
    root, _, _ = make_repo(tmp_path)
    site = mkdocs_build(root)
    notes = _page(site, "editions/0.1.0/notes")
    assert '<a href="../../../notes/">Read the living version' in notes
    (root / "docs" / "notes.md").unlink()
    site = mkdocs_build(root, root / "site2")
    assert '<a href="../../../">Read the living version' in _page(site, "editions/0.1.0/notes")
    assert "A hand-written page." in text_of(_page(site, "editions/0.1.0/notes"))
    assert broken_links(site) == []


def test_an_unlisted_current_version_cites_the_living_site(tmp_path: Path) -> None:
    root, first, _ = make_repo(tmp_path)
    (root / "editions.yml").write_text(
        f"- version: 0.1.0\n  date: 2026-01-01\n  commit: {first}\n  summary: One.\n",
        encoding="utf-8")
    survey = load_survey(root)  # survey.yml says 0.2.0: not an edition yet
    assert survey.cite_meta is None and survey.cite_living == ""
    files = {g.path: g.content for g in exports(survey)}
    bib = files["cite/language-model/scaling-laws.bib"]
    assert isinstance(bib, str)
    assert f"url = {{{SITE}models/language-model/#scaling-laws}}" in bib
    assert "Living version" not in bib and "editions/" not in bib


def test_fingerprints_keep_page_order_through_the_cache(built: tuple) -> None:
    root, _, _, _ = built
    survey = load_survey(root)
    fresh = fingerprint(survey)
    cached = Fingerprint.from_json(fresh.to_json())
    assert cached == fresh
    assert [list(t.sections) for t in cached.topics.values()] == \
        [list(t.sections) for t in fresh.topics.values()]
    assert list(fresh.topics["language-model"].sections) == \
        [s.id for s in survey.topic("language-model").topic.sections]  # type: ignore[union-attr]


def test_each_shipped_edition_publishes_its_own_pdf(real_site: Path) -> None:
    """Every edition's frozen copy has its PDF, typeset from its own content: its title page
    names its version and date."""
    editions, diags = load_editions(REPO)
    assert editions and not [d for d in diags if d.is_error]
    for edition in editions:
        pdf = real_site / "editions" / edition.version / "export" / "bmsurvey.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), edition.version
        if shutil.which("pdftotext"):
            first = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout
            assert edition.version in first and str(edition.date.year) in first, first
