"""Two engines, one survey: the shipped survey built with mkdocs (the plugin) and with Zensical
(`bmsurvey build --engine zensical`: `render --out` files built by Zensical) gives readers the same
pages, anchors, links, cite and export files and search documents; nothing is requested off the
site's host. One build per engine per session (the mkdocs one is conftest's `real_site`).

What differs is the theme's own chrome (allowed below, nowhere else):
- anchor ids: Zensical puts the skip link's target `__skip` into the content; `__toc`, the
  toggle of the table of contents, is on other pages (Material: pages like /about/ and
  /references/; Zensical: the part pages);
- links: the mkdocs site has the "Edit this page" link (the plugin points it at the topic's YAML);
  the Zensical site has none (its pages are generated files, as in `render --out`);
- search: Zensical's documents carry `level`, `path` and `tags` besides location, title, text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from bmsurvey.adapters.render_out import source_dir_links
from bmsurvey.adapters.zensical import build_zensical
from bmsurvey.core.survey import Survey, load_survey
from tests.conftest import REPO, copy_root
from tests.helpers import broken_links, parse_page, run_cli
from tests.test_hostile import audit

THEME_IDS = {"__skip", "__toc"}
# A site served below a path, so that a relative link climbing above the site root shows.
BASE = "https://site.test/under/a/path/"
# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                 "prefetch", "manifest", "mask-icon"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


@pytest.fixture(scope="session")
def sites(real_site: Path, zensical_site: Path) -> dict[str, Path]:
    return {"mkdocs": real_site, "zensical": zensical_site}


@pytest.fixture(scope="session")
def survey() -> Survey:
    return load_survey(REPO)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _url(page: str) -> str:
    return BASE + page.removesuffix("index.html")


class _Refs(HTMLParser):
    """Every href/src of a page, whether it sits in the <article>, and what the browser fetches
    by itself (scripts, styles, icons, images, frames, inline style urls)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[tuple[bool, str, str]] = []  # in article, tag, value
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = {k: v or "" for k, v in attrs}
        self.depth += tag == "article"
        if tag == "a" and d.get("rel") == "edit":
            return  # the mkdocs site's edit link (see the module's docstring)
        self.links += [(self.depth > 0, tag, d[k]) for k in ("href", "src") if k in d]
        if tag == "link" and FETCHING_RELS & set(d.get("rel", "").lower().split()):
            self.fetched.append(d.get("href", ""))
        if tag in ("script", "img", "source", "audio", "video", "track", "iframe", "embed",
                   "input", "frame"):
            self.fetched.append(d.get("src", ""))
        if tag == "object":
            self.fetched.append(d.get("data", ""))
        for value in (d.get("srcset", ""), d.get("imagesrcset", "")):
            self.fetched += [part.split()[0] for part in value.split(",") if part.strip()]
        self.fetched += [a or b for a, b in _CSS_URL.findall(d.get("style", ""))]

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"


def _refs(site: Path, page: str) -> _Refs:
    refs = _Refs()
    refs.feed((site / page).read_text(encoding="utf-8"))
    return refs


def _off_host(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://", "//"))


def test_same_pages(sites: dict[str, Path]) -> None:
    pages = _pages(sites["mkdocs"])
    assert len(pages) > 25
    assert _pages(sites["zensical"]) == pages


def test_same_anchor_ids_on_every_page(sites: dict[str, Path]) -> None:
    differ: dict[str, set[str]] = {}
    total = 0
    for page in _pages(sites["mkdocs"]):
        ids = [parse_page(site / page).ids for site in sites.values()]
        total += len(ids[0])
        if (ids[0] ^ ids[1]) - THEME_IDS:
            differ[page] = (ids[0] ^ ids[1]) - THEME_IDS
    assert differ == {}
    assert total > 3000


def test_same_links_in_every_article(sites: dict[str, Path]) -> None:
    """Resolved from the page's URL under a site path: Zensical resolves relative links in raw
    HTML from the Markdown file's folder, mkdocs leaves them as they are (see
    `bmsurvey.adapters.render_out.source_dir_links`)."""
    differ = []
    n = 0
    for page in _pages(sites["mkdocs"]):
        links = [[urljoin(_url(page), v) for inside, _, v in _refs(site, page).links if inside]
                 for site in sites.values()]
        n += len(links[0])
        if links[0] != links[1]:
            differ.append(page)
    assert differ == []
    assert n > 10000


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_links_resolve_and_stay_below_the_site_root(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    assert broken_links(site) == []
    climbing = []
    for page in _pages(site):
        for _, tag, value in _refs(site, page).links:
            if value.startswith("/") or _off_host(value) or ":" in value.split("/")[0]:
                continue  # 404.html's site_url paths, external links, mailto:
            if not urljoin(_url(page), value).startswith(BASE):
                climbing.append(f"{page}: <{tag}> {value}")
    assert climbing == []


def _tree(site: Path, folder: str) -> Iterator[tuple[str, bytes]]:
    for path in sorted((site / folder).rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path.read_bytes()


@pytest.mark.parametrize("folder", ["cite", "export"])
def test_cite_and_export_files_are_identical(sites: dict[str, Path], folder: str) -> None:
    ours, theirs = (dict(_tree(site, folder)) for site in sites.values())
    assert len(ours) > (300 if folder == "cite" else 20)
    assert sorted(theirs) == sorted(ours)
    assert [name for name in ours if ours[name] != theirs[name]] == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_nothing_is_requested_off_the_site(sites: dict[str, Path], engine: str) -> None:
    """Scripts, styles, fonts, icons, images: every fetch stays on the site's host (links to
    other sites are for readers to follow; <link rel=canonical> fetches nothing)."""
    site = sites[engine]
    fetched: set[str] = set()
    found = []
    for page in _pages(site):
        for url in _refs(site, page).fetched:
            fetched.add(url)
            if _off_host(url):
                found.append(f"{page}: {url}")
    for css in site.rglob("*.css"):
        for a, b in _CSS_URL.findall(css.read_text(encoding="utf-8")):
            if _off_host(a or b):
                found.append(f"{css.relative_to(site)}: {a or b}")
    assert found == []
    assert any(u.endswith("bmsurvey.css") for u in fetched)
    assert any(u.endswith("bmsurvey.js") for u in fetched)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_zensical_search_finds_topic_prose_and_reference_titles(
        sites: dict[str, Path], survey: Survey) -> None:
    index = json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["items"]}
    assert len(docs) == len(index["items"]), "a location is indexed twice"
    for view in survey.topics:
        words = re.split(r"[\[*_`<]", view.topic.summary)[0].split()[:8]
        assert len(words) >= 5, view.id
        assert " ".join(words) in _text(docs[view.url]["text"]), view.id
    missing = [key for key, entry in survey.entries.items()
               if " ".join(entry.title.split()) not in _text(docs[f"references/#{key}"]["title"])]
    assert missing == []
    # Zensical's indexer reads the pages (data-search-exclude included) as Material's does.
    material = json.loads((sites["mkdocs"] / "search/search_index.json").read_text("utf-8"))
    ours = {d["location"]: (d["title"], d["text"]) for d in material["docs"]}
    assert {loc: (d["title"], d["text"]) for loc, d in docs.items()} == ours


def test_zensical_keeps_hostile_text_inert(tmp_path: Path) -> None:
    """The hostile fixture (see test_hostile) built by Zensical: no live markup on any page or in
    the search index, contributed titles escaped once in the nav and the <title>."""
    root = copy_root("hostile", tmp_path)
    site = build_zensical(root)
    assert site == root / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    problems = {str(p.relative_to(site)): audit(p.read_text(encoding="utf-8")) for p in pages}
    assert {k: v for k, v in problems.items() if v} == {}
    page = (site / "models/language-model/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and title.group(1).startswith("Lang &lt;script&gt;")
    assert "<script>alert" not in page
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    for doc in index["items"]:
        for field in ("title", "text"):
            assert audit(f"<article>{doc[field]}</article>") == [], (doc["location"], field)


@pytest.mark.parametrize(("src", "href", "expected"), [
    ("models/language-model.md", "../../references/#k", "../references/#k"),
    ("models/language-model.md", "../", "./"),
    ("models/language-model.md", "../../cite/language-model.bib", "../cite/language-model.bib"),
    ("references.md", "../export/references.bib", "export/references.bib"),
    ("references.md", "../models/language-model/#s", "models/language-model/#s"),
    ("models/index.md", "../references/#k", "../references/#k"),
    ("index.md", "references/", "references/"),
    ("references.md", "#k", "#k"),
    ("references.md", "https://example.org/a?b=1&amp;c=2", "https://example.org/a?b=1&amp;c=2"),
    ("references.md", "mailto:a@example.org", "mailto:a@example.org"),
])
def test_raw_html_links_are_rebased_to_the_source_folder(src: str, href: str,
                                                         expected: str) -> None:
    block = f'<p class="x"><a href="{href}" title="a &quot;q&quot; href=&quot;../&quot;">t</a></p>'
    assert source_dir_links(block, src) == block.replace(f'href="{href}"', f'href="{expected}"')


def test_cli_builds_with_zensical_and_replaces_the_site(basic: Path) -> None:
    stale = basic / "site" / "stale.html"
    stale.parent.mkdir()
    stale.write_text("old", encoding="utf-8")
    code, _, err = run_cli("--root", str(basic), "build", "--engine", "zensical")
    assert code == 0, err
    assert "built the site with Zensical" in err
    assert (basic / "site/references/index.html").is_file() and not stale.exists()
    (basic / "references.bib").write_text("@article{broken,\n", encoding="utf-8")
    code, _, err = run_cli("--root", str(basic), "build", "--engine", "zensical")
    assert code == 1 and "references.bib:" in err
