"""The typeset PDF (`bmsurvey pdf`): the shipped survey's text, log, destinations; a fixture whose
text holds LaTeX's special characters prints them literally; reproducible bytes; the glyph
allowlist proved against the fonts; the `pdf-glyph` warning; publishing on the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from bmsurvey.adapters import pdf as pdf_adapter
from bmsurvey.adapters.pdf import PdfResult, build_result, log_problems, missing_tools, typeset
from bmsurvey.core.citations import cited_keys
from bmsurvey.core.glyphs import RANGES, can_set
from bmsurvey.core.survey import Survey, load_survey, page_anchors
from bmsurvey.core.tables import topic_tables
from bmsurvey.render.latex import render_latex
from bmsurvey.render.latex.escape import _plain as escape_plain
from bmsurvey.render.latex.escape import escape
from bmsurvey.render.latex.preamble import FONT_DIR
from tests.conftest import REPO, ROOTS, copy_root, mkdocs_build
from tests.helpers import run_cli

pytestmark = pytest.mark.skipif(
    bool(missing_tools()) or shutil.which("pdftotext") is None,
    reason="needs texlive-luatex, texlive-latex-recommended, fonts-dejavu-core/-extra and "
           "poppler-utils (.ci/run installs them)")

SPECIALS = "\\ { } $ & # ^ _ % ~"


def pdftotext(pdf: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", out)


def squash(text: str) -> str:
    """Text without whitespace or hyphens: a title broken over lines, or hyphenated, still
    matches."""
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="session")
def shipped() -> tuple[Survey, PdfResult]:
    """The shipped survey typeset once per session, or taken with its log from the project's
    cache, which the site builds of the session (mkdocs.yml has `pdf: true`) share."""
    survey = load_survey(REPO)
    return survey, build_result(survey)


@pytest.fixture(scope="session")
def shipped_text(shipped: tuple[Survey, PdfResult], tmp_path_factory: pytest.TempPathFactory
                 ) -> str:
    return pdftotext(shipped[1].pdf, tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="session")
def special() -> tuple[Survey, PdfResult]:
    survey = load_survey(ROOTS / "pdf-special")
    return survey, typeset(render_latex(survey))


# --- the shipped survey ----------------------------------------------------------------------


def test_shipped_log_is_clean(shipped: tuple[Survey, PdfResult]) -> None:
    log = shipped[1].log
    assert log_problems(log) == []
    assert not re.search(r"^! ", log, re.M)
    assert not re.search(r"Warning: (Citation|Reference) .* undefined", log)
    assert "unreferenced destination" not in log
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \((\d+\.?\d*)pt too wide", log)]
    assert all(w <= 10 for w in widths), widths


def test_shipped_text_holds_every_title(shipped: tuple[Survey, PdfResult],
                                        shipped_text: str) -> None:
    survey, text = shipped[0], squash(shipped_text)
    for view in survey.topics:
        assert squash(view.topic.title) in text, view.id
        for s in view.topic.sections:
            assert squash(s.title) in text, (view.id, s.id)
        for d in view.topic.future_directions:
            assert squash(d.title) in text, (view.id, d.id)
    assert squash(survey.project.meta.title) in text
    assert squash(survey.project.meta.url) in text


def test_shipped_text_holds_cited_titles(shipped: tuple[Survey, PdfResult],
                                         shipped_text: str) -> None:
    survey, text = shipped[0], squash(shipped_text)
    # what the topics' text, tables and key works cite (the catalogue's views stay on the site)
    keys = sorted({k for v in survey.topics for u in v.units() for k in cited_keys(u.body)} |
                  {kw.key for v in survey.topics for s in v.topic.sections for kw in s.key_works})
    assert len(keys) > 1000
    sample = keys[:: max(1, len(keys) // 25)]
    missing = [k for k in sample if squash(survey.entries[k].title) not in text]
    assert not missing, missing


def test_shipped_named_destinations(shipped: tuple[Survey, PdfResult], tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "s.pdf"
    path.write_bytes(shipped[1].pdf)
    names = set(pypdf.PdfReader(str(path)).named_destinations)
    survey = shipped[0]
    wanted = set()
    for view in survey.topics:
        wanted.add(view.id)
        wanted |= {f"{view.id}.{anchor}" for anchor in page_anchors(view)}
        if view.topic.future_directions:
            wanted.add(f"{view.id}.future-directions")
        wanted |= {f"{view.id}.{ref.anchor}" for ref in topic_tables(view.topic)}
    assert wanted - names == set()
    assert "language-model.scaling-laws" in names


# --- special characters ----------------------------------------------------------------------


def test_special_characters_print_literally(special: tuple[Survey, PdfResult],
                                            tmp_path: Path) -> None:
    assert log_problems(special[1].log) == []
    assert special[1].runs == 2  # the labels are read before the first citation: no 3rd run
    text = pdftotext(special[1].pdf, tmp_path)
    flat = " ".join(text.split())
    assert f"Special Survey: {SPECIALS}" in flat  # survey.yml title
    assert f"Specials {SPECIALS} in a" in flat  # topic title
    assert f"Summary with specials {SPECIALS} and \\textbf{{not bold}} \\input{{/etc/passwd}}" \
        in flat  # body: commands print, never run
    assert "Section with % and # and \\relax" in flat
    assert f"code {SPECIALS}" in flat  # inline code
    assert f"Cell {SPECIALS} α–ω" in flat  # table cell
    assert f"Caption with {SPECIALS}" in flat
    assert "KW \\ { } $" in flat and "Contribution with & # ^ _ % ~ specials." in flat
    assert "Direction ^ _ ~" in flat
    # the bib field, decoded from LaTeX and escaped again
    assert "Braces { and } with a backslash \\ and 100% & #1 _x_ and über" in flat
    assert "Journal of α-Tests & Specials" in flat
    for chars in ("café naïve Ångström Łódź", "αβγ ΔΣΩ", "“double” ‘single’ «guillemets»",
                  "dashes – —", "≤ ≥ ≠ ≈ ∞ ∑ √ ∈ ∀ ∃ → ⇒ ±", "× ÷ ∂ ∇", "Zoë Ñoñez",
                  "Ἀλέξανδρος Σμίθ"):
        assert chars in flat, chars
    # a character without a glyph is visible, not a hole
    assert "Ideograph [U+4E2D] has no glyph" in flat
    # citations resolve to author-year labels, cross-references to their targets
    assert "(Dvořák and Σμίθ, 2024)" in flat and "Author (2023)" in flat
    assert "(Author, 2023, p. 3)" in flat
    assert "See Direction ^ _ ~ and Table 1." in flat


def test_escape_leaves_no_active_character() -> None:
    out = escape(SPECIALS + " \\input{x} \\\\ ")
    stripped = re.sub(r"\\(textbackslash|textbraceleft|textbraceright|textasciicircum|"
                      r"textasciitilde)\{\}|\\[$&#_%]", "", out)
    assert not set(stripped) & set("\\{}$&#^_%~"), stripped


@pytest.mark.parametrize("text", [
    "x" * 80, "https://example.org/" + "a_b-c" * 20, "a " + "é" * 30 + " b",
    "</title></textarea></script><script>zzT1x()</script>", "short words only"])
def test_long_runs_may_break_and_keep_every_character(text: str) -> None:
    out = escape(text)
    assert out.replace(r"\allowbreak{}", "") == escape_plain(text)
    assert (r"\allowbreak{}" in out) == any(len(w) >= 24 for w in text.split())


def test_two_builds_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = render_latex(load_survey(ROOTS / "pdf-special"))
    first, second = typeset(src).pdf, typeset(src).pdf
    assert first == second
    assert b"D:20260101000000" in first  # the date is SOURCE_DATE_EPOCH's
    assert re.search(rb"/ID \[<[0-9A-F]{32}><[0-9A-F]{32}>\]", first)
    assert b"PTEX.FileName" not in first and b"/tmp" not in first  # no temporary path


def test_pdf_date_defaults_to_the_release_date(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = copy_root("pdf-special", tmp_path)
    code, _, err = run_cli("--root", str(root), "pdf", "--out", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert b"D:20260102000000" in (tmp_path / "a.pdf").read_bytes()  # survey.yml's date


# --- glyph coverage --------------------------------------------------------------------------


def test_glyph_allowlist_matches_the_fonts() -> None:
    """Every code point `core.glyphs` allows has a glyph in each face the PDF uses, or in the
    fallback font."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    fallback = set(ttlib.TTFont(Path(FONT_DIR) / "DejaVuSans.ttf").getBestCmap())
    allowed = {c for lo, hi in RANGES for c in range(lo, hi + 1)}
    for face in pdf_adapter.FONTS:
        cmap = set(ttlib.TTFont(Path(FONT_DIR) / face).getBestCmap())
        assert not allowed - (cmap | fallback), face
    assert can_set("é") and can_set("α") and can_set("∑") and not can_set("中")


def test_check_warns_located_for_a_character_without_glyph() -> None:
    survey = load_survey(ROOTS / "pdf-special")
    found = [d for d in survey.diagnostics if d.code == "pdf-glyph"]
    path = "topics/models/language-model.yaml"
    lines = (ROOTS / "pdf-special" / path).read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines) if "中" in t)
    assert [(d.path, d.line, d.col, d.severity) for d in found] == [
        (path, line + 1, lines[line].index("中") + 1, "warning")]
    assert "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" in found[0].message
    assert not any(d.is_error for d in survey.diagnostics)


# --- the command and the site ----------------------------------------------------------------


def test_cli_writes_the_versioned_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_root("pdf-special", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BMSURVEY_PDF_CACHE", raising=False)  # the default: the project's cache
    code, _, err = run_cli("--root", str(root), "pdf")
    assert code == 0, err
    out = tmp_path / "bmsurvey-9.9.9.pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    assert list((root / ".cache" / "bmsurvey" / "pdf").glob("*.pdf"))  # cached by its inputs
    code, _, err = run_cli("--root", str(root), "pdf", "--out", str(tmp_path / "x.pdf"))
    assert code == 0 and (tmp_path / "x.pdf").read_bytes() == out.read_bytes()


def test_cli_names_the_debian_packages_without_tex(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_root("pdf-special", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, _, err = run_cli("--root", str(root), "pdf", "--out", str(tmp_path / "x.pdf"))
    assert code == 1
    assert "lualatex" in err and "texlive-luatex" in err and "fonts-dejavu-core" in err
    assert "Traceback" not in err and not (tmp_path / "x.pdf").exists()


def test_cli_reports_survey_errors(tmp_path: Path) -> None:
    root = copy_root("pdf-special", tmp_path)
    topic = root / "topics" / "models" / "language-model.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("id: language-model", "id: X"),
                     encoding="utf-8")
    code, out, _ = run_cli("--root", str(root), "pdf", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "language-model.yaml:" in out


def test_site_publishes_the_pdf_and_links_it(tmp_path: Path) -> None:
    root = copy_root("pdf-special", tmp_path)
    site = mkdocs_build(root)
    pdf = site / "export" / "bmsurvey.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    page = (site / "models" / "language-model" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../export/bmsurvey.pdf#language-model"' in page


def test_site_without_the_switch_has_no_pdf_link(basic_site: Path) -> None:
    assert not (basic_site / "export" / "bmsurvey.pdf").exists()
    page = (basic_site / "models" / "language-model" / "index.html").read_text(encoding="utf-8")
    assert "bmsurvey.pdf" not in page




def test_render_out_honours_the_switch(tmp_path: Path) -> None:
    root = copy_root("pdf-special", tmp_path)
    code, _, err = run_cli("--root", str(root), "render", "--out", str(tmp_path / "out"))
    assert code == 0, err
    docs = tmp_path / "out" / "docs"
    assert (docs / "export" / "bmsurvey.pdf").read_bytes().startswith(b"%PDF-")
    page = (docs / "models" / "language-model.md").read_text(encoding="utf-8")
    assert "export/bmsurvey.pdf#language-model" in page


def test_title_page_names_the_topics_authors_and_an_edition_its_living_site() -> None:
    """The PDF credits whom the whole-survey citation credits: every named author in topic
    order (here a fictional fixture), else survey.yml's authors. An edition's PDF gives its
    own frozen address and the living one."""
    survey = load_survey(ROOTS / "authors")
    tex = render_latex(survey).tex
    title = tex[tex.index(r"\begin{titlepage}"):tex.index(r"\end{titlepage}")]
    assert "Josiah Carberry" in title and "Grace Q. Example" in title
    assert title.index("Josiah Carberry") < title.index("Grace Q. Example")
    assert "This edition:" not in title
    shipped = load_survey(REPO)
    assert "The bmsurvey contributors" in render_latex(shipped).tex
    living = shipped.project.meta.url
    shipped.project.meta = shipped.project.meta.model_copy(
        update={"url": living + "editions/0.1.0/"})
    shipped.cite_living = living
    title = render_latex(shipped).tex.split(r"\end{titlepage}")[0]
    assert "This edition:" in title and "editions/0.1.0/" in title and living in title
