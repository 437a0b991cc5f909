"""Taint test: every string field of every input carries a hostile marker, and no output lets it
run. It walks the inputs (every YAML file the project loads, every BibTeX field) and every file
of the built site, so a new field or a new output is covered without editing this test.

Fields that cannot hold the payload (ids, keys, numbers, dates) are found by the checker: a
tainted field it rejects is restored, and the loop goes on until the project checks clean.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import lxml.html
import pytest
import yaml

from bmsurvey.core.loader import load_yaml
from bmsurvey.core.project import BIB_NAME
from bmsurvey.core.survey import load_survey
from tests.conftest import REPO, mkdocs_build

MARK = "zzT"
_MARK_RE = re.compile(MARK + r"(\d+)x")
FORMULA = ("=", "+", "@", "\t", "\r")


def payload(n: int, bib: bool = False) -> str:
    """Markup that runs if printed raw anywhere in HTML, breaks JSON or BibTeX if not escaped,
    and starts like a spreadsheet formula. Bib values must keep their braces balanced."""
    core = (f"={MARK}{n}x \"'></title></textarea></script><script>{MARK}{n}x()</script>"
            f"<img src=x onerror={MARK}{n}x()> &amp; ")
    if bib:
        return core
    return core + f"}}, note = {{{MARK}inj}} x@misc{{{MARK}evil{n}, title = {{ "


Path_ = tuple[str | int, ...]


def _leaves(data: Any, at: Path_ = ()) -> Iterator[Path_]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, at + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, at + (i,))
    elif isinstance(data, str):
        yield at


def _get(data: Any, path: Path_) -> Any:
    for p in path:
        data = data[p]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for p in path[:-1]:
        data = data[p]
    data[path[-1]] = value


class Tainter:
    """Puts a numbered payload into every string of the project's inputs and takes it back out
    of the fields the checker refuses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0
        self.yaml_docs: dict[str, Any] = {}
        self.original: dict[tuple[str, Path_], str] = {}
        self.bib_lines: list[str] = []
        self.bib_original: dict[int, str] = {}
        self.fields: dict[int, str] = {}  # marker number -> "file:path"

    def _next(self) -> int:
        self.n += 1
        return self.n

    def taint(self) -> None:
        yaml_files = sorted(self.root.glob("topics/*/*.yaml")) + \
            sorted(p for p in self.root.glob("*.yml") if p.name != "mkdocs.yml")
        yaml_files += sorted(p for d in ("catalogue", "data") for p in
                             (self.root / d).glob("**/*.yaml"))
        for file in yaml_files:
            rel = file.relative_to(self.root).as_posix()
            loaded, _ = load_yaml(file.read_bytes(), rel)  # the checker's own loader
            assert loaded is not None, rel
            data = loaded.data
            for path in list(_leaves(data)):
                value = _get(data, path)
                n = self._next()
                self.original[(rel, path)] = value
                self.fields[n] = f"{rel}:{'.'.join(map(str, path))}"
                _set(data, path, payload(n) + value)
            self.yaml_docs[rel] = data
        text = (self.root / BIB_NAME).read_text(encoding="utf-8")
        self.bib_lines = text.split("\n")
        field = re.compile(r"^(\s+)([A-Za-z]+)(\s*=\s*\{)(.*)(\},?)$")
        for i, line in enumerate(self.bib_lines):
            m = field.match(line)
            if m:
                n = self._next()
                self.bib_original[i] = line
                self.fields[n] = f"{BIB_NAME}:{i + 1}:{m.group(2)}"
                self.bib_lines[i] = (m.group(1) + m.group(2) + m.group(3) + payload(n, bib=True)
                                     + m.group(4) + m.group(5))
        self.write()

    def write(self) -> None:
        for rel, data in self.yaml_docs.items():
            (self.root / rel).write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9),
                encoding="utf-8")
        (self.root / BIB_NAME).write_text("\n".join(self.bib_lines), encoding="utf-8")

    def restore_refused(self) -> int:
        """Restore every tainted field the checker reports an error on; how many were."""
        errors = [d for d in load_survey(self.root).diagnostics if d.is_error]
        restored = 0
        for d in errors:
            if d.path == BIB_NAME:
                i = d.line - 1
                if i in self.bib_original and self.bib_lines[i] != self.bib_original[i]:
                    self.bib_lines[i] = self.bib_original[i]
                    restored += 1
                continue
            if d.path not in self.yaml_docs:
                continue
            loaded, _ = load_yaml((self.root / d.path).read_bytes(), d.path)
            assert loaded is not None
            values = loaded.positions.values
            at = {p for p, where in values.items() if where == (d.line, d.col)}
            # The leaves on the reported line, and those inside the value reported there.
            on_line = [p for p, (line, _) in values.items() if (d.path, p) in self.original
                       and (line == d.line or any(p[:k] in at for k in range(len(p))))]
            for path in on_line:
                if _get(self.yaml_docs[d.path], path) != self.original[(d.path, path)]:
                    _set(self.yaml_docs[d.path], path, self.original[(d.path, path)])
                    restored += 1
        if errors and not restored:
            raise AssertionError("the checker refuses the tainted project and no tainted field "
                                 "explains it:\n" + "\n".join(d.format_text() for d in errors))
        self.write()
        return restored

    def live_markers(self) -> set[int]:
        """The markers still in the inputs once the project checks clean."""
        out = {int(m.group(1)) for data in self.yaml_docs.values() for p in _leaves(data)
               for m in _MARK_RE.finditer(_get(data, p))}
        out |= {int(m.group(1)) for line in self.bib_lines for m in _MARK_RE.finditer(line)}
        return out


# Fictional named authors: the shipped survey names no one, so the copy taints these too.
TEST_AUTHORS = [{"name": "Ada Example", "orcid": "0000-0002-1825-0097",
                 "affiliation": "Institute of Fictional Studies"}, {"name": "Example, Grace"}]


def add_authors(root: Path) -> None:
    """Name authors on the first topic and its first section, so author names, ORCIDs and
    affiliations reach every output (byline, meta tags, JSON-LD, cite files) tainted."""
    path = sorted(root.glob("topics/*/*.yaml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["authors"] = TEST_AUTHORS
    data["sections"][0]["authors"] = [{"name": "Section Author", "affiliation": "Elsewhere"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def tainted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tainter, Path]:
    root = tmp_path_factory.mktemp("taint") / "project"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        "site", ".git", "node_modules", "bench", "tests", "*.egg-info", "__pycache__", ".venv",
        ".cache"))
    # One edition, built from the untainted content (a commit of the copy): editions.yml is
    # tainted with the rest, and its summary reaches /editions/.
    git = ["git", "-C", str(root), "-c", "user.name=Taint", "-c", "user.email=taint@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "untainted"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()
    meta = yaml.safe_load((root / "survey.yml").read_text(encoding="utf-8"))
    (root / "editions.yml").write_text(yaml.safe_dump([{
        "version": meta["version"], "date": meta["date_released"], "commit": head,
        "summary": "The edition's summary."}]), encoding="utf-8")
    # After the commit: the edition is the shipped content, whose PDF the session has typeset
    # already (one PDF cache for the session, tests/conftest.py).
    add_authors(root)
    t = Tainter(root)
    t.taint()
    for _ in range(12):
        if not t.restore_refused():
            break
    return t, mkdocs_build(root)


def _site_files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_most_fields_carry_the_payload(tainted: tuple[Tainter, Path]) -> None:
    t, _ = tainted
    live = t.live_markers()
    assert len(live) > 0.6 * t.n, f"only {len(live)} of {t.n} fields kept the payload"
    # Each kind of contributed text is covered, whatever the checker had to restore.
    for kind in ("title", "body", "summary", "contribution", "name", "organisation", "caption",
                 "affiliation"):
        assert any(t.fields[n].split(":")[1].rsplit(".", 1)[-1] == kind for n in live), kind
    assert any(t.fields[n].startswith("survey.yml") for n in live)
    assert any(t.fields[n].endswith(":title") and t.fields[n].startswith(BIB_NAME) for n in live)


def test_every_marker_reaches_an_output(tainted: tuple[Tainter, Path]) -> None:
    """The scan below means something only if the payload reaches the outputs."""
    t, site = tainted
    seen: set[int] = set()
    for f in _site_files(site, ".html", ".json", ".bib", ".csv", ".txt", ".xml", ".svg"):
        seen |= {int(n) for n in _MARK_RE.findall(f.read_text(encoding="utf-8"))}
    missing = sorted(t.live_markers() - seen)
    assert not missing, "never output: " + ", ".join(t.fields[n] for n in missing[:10])


def test_no_marker_is_live_markup_in_any_html(tainted: tuple[Tainter, Path]) -> None:
    _, site = tainted
    problems: list[str] = []
    for f in _site_files(site, ".html"):
        doc = lxml.html.document_fromstring(f.read_text(encoding="utf-8"))
        rel = f.relative_to(site).as_posix()
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == "script" and MARK in (el.text or ""):
                if el.get("type") == "application/ld+json":
                    json.loads(el.text or "")  # inert only while it stays one JSON value
                    continue
                problems.append(f"{rel}: <script> runs a marker")
            for name, value in el.attrib.items():
                if name.lower().startswith("on") and MARK in value:
                    problems.append(f"{rel}: <{el.tag} {name}> runs a marker")
            if el.tag == "img" and el.get("src") == "x":
                problems.append(f"{rel}: injected <img>")
    assert not problems, "\n".join(sorted(set(problems))[:20])


def test_every_json_parses_and_search_holds_no_markup(tainted: tuple[Tainter, Path]) -> None:
    _, site = tainted
    files = _site_files(site, ".json")
    assert files
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        if f.name == "search_index.json":  # Material renders these strings as HTML
            for doc in data["docs"]:
                for key in ("title", "text"):
                    assert "<script>" + MARK not in doc[key] and "<img" not in doc[key], \
                        (doc["location"], key)


def test_no_csv_cell_is_a_formula(tainted: tuple[Tainter, Path]) -> None:
    _, site = tainted
    for f in _site_files(site, ".csv"):
        for row in csv.reader(io.StringIO(f.read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell.startswith(FORMULA), (f.name, cell[:40])
                if cell.startswith("-"):
                    float(cell)  # a negative number, not a formula


def test_bibtex_carries_the_marker_inert(tainted: tuple[Tainter, Path]) -> None:
    _, site = tainted
    files = _site_files(site, ".bib")
    assert files
    for f in files:
        lib = bibtexparser.parse_string(f.read_text(encoding="utf-8"))
        assert not lib.failed_blocks, (f.name, lib.failed_blocks[:1])
        for entry in lib.entries:
            assert MARK not in entry.key, (f.name, entry.key)
            for fld in entry.fields:
                assert not str(fld.value).startswith(MARK + "inj"), (f.name, entry.key, fld.key)


def test_pdf_prints_the_payload_literally(tainted: tuple[Tainter, Path]) -> None:
    """The shipped mkdocs.yml publishes the PDF: the payload is typeset as text, never run as
    LaTeX (a brace or backslash that ran would fail the build or eat the text)."""
    _, site = tainted
    pdf = site / "export" / "bmsurvey.pdf"
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext (.ci/run installs poppler-utils)")
    assert pdf.is_file(), "the shipped mkdocs.yml publishes the PDF, but the build did not"
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert len(set(_MARK_RE.findall(flat))) > 100
    assert "</title></textarea></script><script>" in flat
    assert "note={" + MARK + "inj}x@misc{" + MARK + "evil" in flat
