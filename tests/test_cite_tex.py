"""A "Cite this" BibTeX file must work in real BibTeX and LaTeX, whatever the contributed title
holds: an unbalanced brace, a backslash, `$ & # ^ _ % ~`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.render.cite import CiteUnit, bibtex

HOSTILE = r"Open { brace, close } } \input{/etc/passwd} $x$ & # ^ _ % ~ end"


@pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("bibtex")),
                    reason="pdflatex/bibtex missing (.ci/run installs texlive-latex-base)")
def test_cite_file_with_hostile_title_compiles_and_prints_it(tmp_path: Path) -> None:
    unit = CiteUnit(part_id="models", topic_id="language-model", topic_title=HOSTILE,
                    anchor="scaling", title=HOSTILE, kind="section")
    (tmp_path / "cite.bib").write_text(bibtex(unit, SurveyMeta()), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\begin{document}\\nocite{*}"
        "\\bibliographystyle{plain}\\bibliography{cite}\\end{document}\n", encoding="utf-8")
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "timeout": 120}
    first = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
                           **run)  # type: ignore[call-overload]
    assert first.returncode == 0, first.stdout[-2000:]
    bib = subprocess.run(["bibtex", "doc"], **run)  # type: ignore[call-overload]
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert bib.returncode == 0 and "error message" not in blg, blg
    second = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
                            **run)  # type: ignore[call-overload]
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert second.returncode == 0 and "! " not in log, log[-3000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    # The title arrives whole: its braces as characters, nothing run as a command.
    assert r"\textbraceleft{}" in bbl and r"\textbackslash{}input" in bbl
    assert r"\input{" not in bbl.replace(r"\textbackslash{}input", "")
