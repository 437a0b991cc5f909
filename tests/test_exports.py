"""Cite files and exports: they parse, they hold the right keys, they validate and compile."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from bmsurvey.core.bib import parse_bib
from bmsurvey.core.survey import load_survey
from tests.conftest import REPO
from tests.data.csl_data_schema import SCHEMA


def parse_ok(text: str) -> bibtexparser.Library:
    lib = bibtexparser.parse_string(text)
    assert lib.failed_blocks == []
    return lib


def test_every_section_and_direction_has_its_cite_files(real_site: Path) -> None:
    survey = load_survey(REPO)
    for view in survey.topics:
        anchors = [s.id for s in view.topic.sections] + \
            [d.id for d in view.topic.future_directions]
        for anchor in anchors:
            bib = real_site / "cite" / view.id / f"{anchor}.bib"
            lib = parse_ok(bib.read_text(encoding="utf-8"))
            assert len(lib.entries) == 1
            url = lib.entries[0]["url"]
            assert url.endswith(f"/{view.part.id}/{view.id}/#{anchor}"), url
            items = json.loads((bib.with_suffix(".json")).read_text(encoding="utf-8"))
            jsonschema.validate(items, SCHEMA)
            assert items[0]["URL"] == url


def test_topic_export_holds_exactly_the_keys_the_page_cites(real_site: Path) -> None:
    survey = load_survey(REPO)
    for view in survey.topics:
        page = (real_site / view.part.id / view.id / "index.html").read_text(encoding="utf-8")
        on_page = set(re.findall(r'href="\.\./\.\./references/#([^"]+)"', page))
        exported = {e.key for e in parse_ok(
            (real_site / "export" / f"{view.id}.bib").read_text(encoding="utf-8")).entries}
        assert exported == on_page, view.id
        assert len(exported) >= 30, view.id


def test_references_export_keeps_every_entry_and_field(real_site: Path) -> None:
    source, _ = parse_bib((REPO / "references.bib").read_text(encoding="utf-8"))
    exported, diags = parse_bib((real_site / "export/references.bib").read_text("utf-8"))
    assert diags == []
    assert set(exported.entries) == set(source.entries)
    for key, entry in source.entries.items():
        assert {n: f.value for n, f in entry.fields.items()} == \
            {n: f.value for n, f in exported.entries[key].fields.items()}, key


def test_csl_json_validates_and_imports_into_a_csl_processor(real_site: Path) -> None:
    items = json.loads((real_site / "export/references.csl.json").read_text("utf-8"))
    jsonschema.validate(items, SCHEMA)
    assert all({"id", "type", "title"} <= set(item) for item in items)
    assert len({item["id"] for item in items}) == len(items)
    import citeproc
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON(items[:50])
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    for item in items[:50]:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    rendered = [str(b) for b in bibliography.bibliography()]
    assert len(rendered) == 50
    assert any(items[0]["title"].split()[0] in text for text in rendered)


def test_knowledge_base_json_matches_its_schema(real_site: Path) -> None:
    data = json.loads((real_site / "export/bmsurvey.json").read_text("utf-8"))
    schema = json.loads((real_site / "export/bmsurvey.core.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["topics"]) == 16
    assert {p["id"] for p in data["parts"]} == {"resource", "models", "key-technologies",
                                                "application"}


@pytest.mark.skipif(shutil.which("pdflatex") is None or shutil.which("bibtex") is None,
                    reason="pdflatex/bibtex not installed (.ci/run installs texlive-latex-base)")
@pytest.mark.parametrize("bib_path", ["cite/language-model/scaling-laws.bib",
                                      "cite/language-model.bib",
                                      "export/references.bib"])
def test_bibtex_compiles_with_latex(real_site: Path, tmp_path: Path, bib_path: str) -> None:
    source = real_site / bib_path
    if not source.exists():  # the section id is content; fall back to the topic's first section
        source = next((real_site / "cite/language-model").glob("*.bib"))
    shutil.copy(source, tmp_path / "refs.bib")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\usepackage{url}\n\\begin{document}\nTest.\\nocite{*}\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n")

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True,
                              errors="replace", timeout=300)

    first = run("pdflatex", "-interaction=nonstopmode", "doc.tex")
    assert first.returncode == 0, first.stdout[-2000:]
    bib = run("bibtex", "doc")
    assert bib.returncode == 0, bib.stdout[-2000:]
    assert "error message" not in bib.stdout
    final = run("pdflatex", "-interaction=nonstopmode", "doc.tex")
    assert final.returncode == 0, final.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8", errors="replace")
    n_entries = len(parse_ok(source.read_text(encoding="utf-8")).entries)
    assert bbl.count("\\bibitem") == n_entries
