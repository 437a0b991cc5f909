"""The survey as one LaTeX document and one BibTeX file: pure, strings out
(`bmsurvey.adapters.pdf` typesets them)."""

from bmsurvey.render.latex.document import LatexSources, render_latex

__all__ = ["LatexSources", "render_latex"]
