"""Hostile input: contributed YAML and BibTeX never put script on the site, never crash or hang
the checker, and never lose data silently."""

from __future__ import annotations

import json
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bmsurvey.core.bib import parse_bib
from bmsurvey.core.loader import load_yaml
from tests.conftest import copy_root, mkdocs_build
from tests.helpers import run_cli

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "input", "meta", "style",
                  "link", "base", "img", "video", "audio", "svg", "math", "template", "marquee",
                  "noscript", "frame", "frameset", "applet"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "path", "circle", "rect", "line"}


class _Audit(HTMLParser):
    """Collects dangerous constructs inside the page's <article> (Material's own chrome and
    scripts live outside it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or any(c in ("md-content__button", "md-icon", "bms-filter") for c in classes):
            self.skip += tag not in VOID  # Material's own chrome (edit button, icons)
            return
        if not self.depth or (tag == "svg" and "bms-chart" in classes):
            return
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            v = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and \
                    v.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={v[:30]}]")
            if name == "href" and v.startswith(("http://", "https://")) and \
                    "noopener" not in dict(attrs).get("rel", "") and tag == "a":
                self.found.append(f"external link without rel=noopener: {v[:40]}")
            if name == "style" and "url(" in v:
                self.found.append(f"{tag}[style url()]")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag == "article":
            self.depth -= 1


def audit(html: str) -> list[str]:
    a = _Audit()
    a.feed(html)
    return a.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_root("hostile", tmp_path_factory.mktemp("hostile"))
    return mkdocs_build(root)


def test_hostile_markdown_and_bibtex_render_without_dangerous_constructs(
        hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    problems = {str(p.relative_to(hostile_site)): audit(p.read_text(encoding="utf-8"))
                for p in pages}
    assert {k: v for k, v in problems.items() if v} == {}


def test_hostile_text_survives_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "models/language-model/index.html").read_text(encoding="utf-8")
    assert "safe link" in page and 'href="https://example.org/ok"' in page
    refs = (hostile_site / "references/index.html").read_text(encoding="utf-8")
    # BibTeX fields are text: markup shows escaped, never as elements.
    assert "Scaling &lt;script&gt;" in refs or "Scaling alert" in refs


def test_search_index_holds_no_live_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            found = audit(f"<article>{doc[field]}</article>")
            assert found == [], (doc["location"], found)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,x",
    "vbscript:x", "https://example.org/\"onmouseover=\"x", "ftp://example.org/x", "//evil.example",
])
def test_unsafe_bibtex_urls_are_refused_with_a_location(basic: Path, url: str) -> None:
    bib = basic / "references.bib"
    text = bib.read_text(encoding="utf-8").replace(
        "url = {https://arxiv.org/abs/2001.08361}", "url = {" + url + "}")
    bib.write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "references.bib:9:1: error: url of 'kaplan2020scaling' is not an http(s) address " \
        "[unsafe-url]" in out


# -- YAML -----------------------------------------------------------------------------------

BILLION_LAUGHS = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def write_topic(root: Path, raw: bytes) -> Path:
    path = root / "topics/models/language-model.yaml"
    path.write_bytes(raw)
    return path


def test_alias_bomb_is_refused_fast(basic: Path) -> None:
    write_topic(basic, BILLION_LAUGHS)
    started = time.perf_counter()
    code, out, _ = run_cli("--root", str(basic), "check")
    assert time.perf_counter() - started < 2.0
    assert code == 1
    assert "language-model.yaml:1:4: error: anchor &a is not allowed [yaml-anchor]" in out
    assert "language-model.yaml:2:8: error: alias *a is not allowed [yaml-alias]" in out


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system", "!!python/object/new:os.system",
    "!!python/name:os.system", "!!python/module:os", "!custom", "!<tag:yaml.org,2002:str>",
])
def test_tags_are_refused_and_never_executed(basic: Path, tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write_topic(basic, f"id: language-model\ntitle: {tag} ['touch {marker}']\n".encode())
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "language-model.yaml:2:8: error: tag " in out and "[yaml-tag]" in out
    assert not marker.exists()


def test_merge_keys_are_refused(basic: Path) -> None:
    write_topic(basic, b"id: language-model\n<<: {title: x}\n")
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "language-model.yaml:2:1: error: merge keys (<<) are not allowed [yaml-merge]" in out


def test_duplicate_key_is_located_at_the_second_key(basic: Path) -> None:
    path = basic / "topics/models/language-model.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_reviewed: 2022-12-01\n",
                                 "last_reviewed: 2022-12-01\ntitle: Again\n"), encoding="utf-8")
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "language-model.yaml:7:1: error: duplicate key 'title' (first defined on line 3) " \
        "[yaml-duplicate-key]" in out


@pytest.mark.parametrize(("raw", "where", "byte"), [
    (b"id: language-model\ntitle: caf\xe9\n", "2:11", "0xe9"),  # Latin-1
    (b"id: language-model\ntitle: \xff\xfe\n", "2:8", "0xff"),
    (b"id: language-model\ntitle: x\xe2\x82\n", "2:9", "0xe2"),  # truncated sequence
    (b"\xff\xfei\x00d\x00:\x00", "1:1", "0xff"),  # UTF-16
    (b"id: \xed\xa0\x80\n", "1:5", "0xed"),  # encoded surrogate
])
def test_invalid_utf8_is_located(basic: Path, raw: bytes, where: str, byte: str) -> None:
    write_topic(basic, raw)
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert f"language-model.yaml:{where}: error: invalid UTF-8 byte {byte} [encoding]" in out


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"\xef\xbb\xbf", b"# only a comment\n"])
def test_empty_files_are_errors(basic: Path, raw: bytes) -> None:
    write_topic(basic, raw)
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "language-model.yaml:1:1: error:" in out
    assert "[yaml-empty]" in out


def test_utf8_bom_is_accepted(basic: Path) -> None:
    path = basic / "topics/models/language-model.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, out, _ = run_cli("--root", str(basic), "check", "--strict")
    assert code == 0, out


def test_oversized_file_is_refused(basic: Path) -> None:
    write_topic(basic, b"id: language-model\nsummary: |\n" + b"  x\n" * 700_000)
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "[yaml-too-large]" in out


def test_deep_nesting_is_refused(basic: Path) -> None:
    write_topic(basic, b"id: " + b"[" * 3000 + b"]" * 3000 + b"\n")
    code, out, _ = run_cli("--root", str(basic), "check")
    assert code == 1
    assert "[yaml-too-deep]" in out or "[yaml-syntax]" in out


# -- BibTeX ---------------------------------------------------------------------------------

ENTRY = ("@misc{{{key},\n  author = {{Doe, Jane}},\n  title = {{Title {key}}},\n"
         "  year = {{2020}},\n}}\n")


@pytest.mark.parametrize(("broken", "code"), [
    ("@misc{broken,\n  title = {unclosed,\n  year = {2020},\n", "bib-syntax"),
    ("@misc{broken,\n  title = {A} year = {2020},\n}\n", "bib-value"),
    ("@misc{,\n  title = {No key},\n}\n", "bib-key-charset"),
    ("misc{broken,\n  title = {No at sign},\n}\n", "bib-stray-text"),
    ("@misc{broken,\n  title = {A},\n  title = {B},\n}\n", "bib-duplicate-field"),
    ("@misc{bad key,\n  title = {Space in key},\n}\n", "bib-key-charset"),
])
def test_broken_entry_in_the_middle_keeps_the_rest(broken: str, code: str) -> None:
    before = "".join(ENTRY.format(key=f"a{i}") for i in range(5))
    after = "".join(ENTRY.format(key=f"z{i}") for i in range(5))
    bib, diags = parse_bib(before + "\n" + broken + "\n" + after)
    assert {f"a{i}" for i in range(5)} | {f"z{i}" for i in range(5)} <= set(bib.entries)
    located = [d for d in diags if d.code == code]
    assert located, [d.format_text() for d in diags]
    first = before.count("\n") + 2  # the broken entry's first line
    assert first <= located[0].line <= first + broken.count("\n")
    assert all(d.is_error for d in located)


def test_string_macros_and_accents_render_on_the_references_page(basic_site: Path) -> None:
    refs = (basic_site / "references/index.html").read_text(encoding="utf-8")
    assert "Advances in Neural Information Processing Systems 35" in refs  # @string # concat
    assert "Müller, R." in refs  # {\"u}


def test_yaml_and_bib_loaders_do_not_leak_positions_into_data() -> None:
    loaded, diags = load_yaml(b"a: |\n  text\n", "t.yaml")
    assert diags == [] and loaded is not None and loaded.data == {"a": "text\n"}
