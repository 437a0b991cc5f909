"""The plugin hands Markdown a skeleton of each generated page and puts the HTML blocks back
(`bmsurvey.render.source`). The site must be the one mkdocs makes from the whole Markdown, which
is what `bmsurvey render --out` writes: the floor."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import _HTMLHandler

from bmsurvey.core.project import load_project
from bmsurvey.core.survey import build_survey
from bmsurvey.render.pages import Renderer
from bmsurvey.render.search import search_text
from bmsurvey.render.site import generate
from bmsurvey.render.source import PageSource, PlaceholderMismatch, anchor_ids, restore
from tests.conftest import REPO, copy_root, mkdocs_build
from tests.helpers import run_cli

# What only the plugin adds: the search dialog's name and the edit links (the floor has no
# edit_uri, because its pages are not the files a contributor edits).
_PLUGIN_ONLY = [
    (re.compile(r' aria-label="Search"'), ""),
    (re.compile(r'<a href="[^"]*" title="Edit this page"[^>]*rel="edit">.*?</a>', re.S), ""),
]


def _normalise(html: str) -> str:
    for pattern, repl in _PLUGIN_ONLY:
        html = pattern.sub(repl, html)
    # Python-Markdown empties whitespace-only lines, even inside raw HTML; blocks put back
    # keep them. Runs of blank lines are where the edit link was.
    return re.sub(r"\n\s*\n", "\n", html)


def _search_docs(site: Path) -> dict[str, dict[str, str]]:
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    # Listed in file order, which differs (generated files come last); the blank-line note
    # above shows up here as runs of spaces.
    docs = {d["location"]: {**d, "text": " ".join(d["text"].split())} for d in index["docs"]}
    assert len(docs) == len(index["docs"]), "a location is indexed twice"
    return docs


@pytest.mark.parametrize("case", ["basic", "hostile", "real", "striphtml"])
def test_site_is_the_floors_site(case: str, tmp_path: Path,
                                 caplog: pytest.LogCaptureFixture) -> None:
    """"striphtml": the site's own Markdown extensions remove HTML comments, placeholders
    included, so the plugin falls back to rendering each page's whole Markdown."""
    if case == "striphtml":
        root = copy_root("basic", tmp_path)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("markdown_extensions:\n",
                                "markdown_extensions:\n  - pymdownx.striphtml\n")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    else:
        root = REPO if case == "real" else copy_root(case, tmp_path)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.bmsurvey"):
        site = mkdocs_build(root, tmp_path / "site")
    slow = caplog.text.count("rendering the page's full Markdown")
    assert (slow >= 5) if case == "striphtml" else slow == 0
    code, _, err = run_cli("--root", str(root), "render", "--out", str(tmp_path / "floor"))
    assert code == 0, err
    floor = mkdocs_build(tmp_path / "floor", tmp_path / "floor-site")
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(floor) for p in floor.rglob("*.html"))
    assert len(pages) > 10
    differ = [str(p) for p in pages
              if _normalise((site / p).read_text("utf-8"))
              != _normalise((floor / p).read_text("utf-8"))]
    assert differ == []
    ours = _search_docs(site)
    assert len(ours) > 20
    assert ours == _search_docs(floor)


@pytest.mark.parametrize("case", ["hostile", "real"])
def test_anchor_ids_are_mkdocs_own(case: str) -> None:
    """The ids put back into mkdocs' anchor list are those its own HTML parser would find."""
    project = load_project(REPO if case == "real" else Path(__file__).parent / "roots" / case)
    survey = build_survey(project)
    pages = [g.content for g in generate(survey, Renderer(survey), with_exports=False)
             if isinstance(g.content, PageSource)]
    assert len(pages) >= 8
    total = 0
    for page in pages:
        blocks = page.skeleton().blocks
        parser = _HTMLHandler()
        parser.feed("\n".join(blocks))
        parser.close()
        assert anchor_ids(blocks) == parser.present_anchor_ids
        total += len(parser.present_anchor_ids)
    assert total > 15


def test_skeleton_keeps_markdown_and_numbers_the_blocks() -> None:
    page = PageSource().md("# T").html("<p>a</p>").md("## S {#s}").html("").html("<div>b</div>")
    page.html("<div data-search-exclude>c</div>", search=False)
    skeleton = page.skeleton()
    assert skeleton.markdown == ("# T\n\n<!--bms-block-0-->\n\n## S {#s}\n\n<!--bms-block-1-->"
                                 "\n\n<!--bms-block-2-->\n")
    assert skeleton.blocks == ("<p>a</p>", "<div>b</div>", "<div data-search-exclude>c</div>")
    assert skeleton.unsearchable == {2}
    assert restore("<!--bms-block-0--><!--bms-block-1--><!--bms-block-2-->", skeleton.blocks,
                   skeleton.unsearchable) == "<p>a</p><div>b</div>"
    with pytest.raises(ValueError):
        PageSource().html("<div>not marked</div>", search=False)
    assert page.markdown == ("# T\n\n<p>a</p>\n\n## S {#s}\n\n<div>b</div>\n\n"
                             "<div data-search-exclude>c</div>\n")
    assert skeleton.full_markdown() == page.markdown
    # Blocks go in once, and their own text is not scanned for placeholders again.
    assert restore("<h1>T</h1>\n<!--bms-block-1-->\n<!--bms-block-0-->",
                   ("<!--bms-block-1-->", "x")) == "<h1>T</h1>\nx\n<!--bms-block-1-->"


@pytest.mark.parametrize("rendered", ["<!--bms-block-0-->", "<!--bms-block-0--><!--bms-block-0-->"
                                      "<!--bms-block-1-->", "<!--bms-block-0--><!--bms-block-2-->"])
def test_a_lost_or_copied_placeholder_is_an_error(rendered: str) -> None:
    with pytest.raises(PlaceholderMismatch):
        restore(rendered, ("<p>a</p>", "<p>b</p>"))


def test_hand_pages_may_link_to_anchors_inside_blocks(tmp_path: Path) -> None:
    """A reference's id lives in an HTML block; strict mkdocs must still know the anchor."""
    root = copy_root("basic", tmp_path)
    (root / "docs" / "reading.md").write_text(
        "# Reading\n\nStart with [the scaling paper](references.md#kaplan2020scaling).\n",
        encoding="utf-8")
    site = mkdocs_build(root, tmp_path / "site")
    assert 'href="../references/#kaplan2020scaling"' in (
        site / "reading/index.html").read_text("utf-8")
    (root / "docs" / "reading.md").write_text(
        "# Reading\n\nSee [nothing](references.md#no-such-key).\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_build(root, tmp_path / "site2")


@pytest.mark.parametrize("fragment", [
    "plain", "a &amp; b &lt;c&gt; &quot;q&quot;", "<span>x</span> <em>y</em>. <span>z</span>",
    "line\nbreak", "<span> </span>  <b>\n</b>", "<code>k</code> · <a href='#'>link</a>",
    "<p></p><p> </p>", "<code> </code>after", "Caf\u00e9 \u2014 \u00fcber", "<sub>2</sub>x",
])
def test_search_text_is_materials_reading(fragment: str) -> None:
    """Our writing of a fragment equals what Material's indexer makes of it, as a title and
    as a text."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(f'<h2 id="k">{fragment}</h2><div>{fragment}</div>')
    parser.close()
    section = parser.data[-1]
    assert section.id == "k"
    assert search_text(fragment, title=True) == "".join(section.title).strip()
    assert search_text(fragment) == "".join(section.text).strip()


def test_without_materials_search_the_references_page_is_indexed_by_mkdocs(
        tmp_path: Path) -> None:
    """With mkdocs' own theme and search plugin, nothing is left out of the index or appended:
    its indexer reads /references/ like any page (one document per table-of-contents entry)."""
    root = copy_root("basic", tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"theme:\n(  .*\n)+", "theme:\n  name: mkdocs\n", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = mkdocs_build(root, tmp_path / "site")
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    refs = [d for d in index["docs"] if d["location"].startswith("references/")]
    assert len({d["location"] for d in refs}) == len(refs)
    page = next(d for d in refs if d["location"] == "references/")
    assert "Scaling Laws for Neural Language Models" in page["text"]
    assert 'id="kaplan2020scaling"' in (site / "references/index.html").read_text("utf-8")
