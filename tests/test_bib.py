"""BibTeX parsing, value resolution, names and LaTeX decoding."""

from __future__ import annotations

import pytest

from bmsurvey.core.bib import parse_bib
from bmsurvey.core.bib.latex import latex_to_unicode
from bmsurvey.core.bib.names import parse_names


@pytest.mark.parametrize(("latex", "text"), [
    (r"M{\"u}ller", "Müller"),
    (r"\"{o}", "ö"),
    (r"{\'E}mile", "Émile"),
    (r"{\c{c}}a", "ça"),
    (r"Fran\c cois", "François"),
    (r"\v{S}krlj", "Škrlj"),
    (r"Ol\'{a}h", "Oláh"),
    (r"\"{\i}", "ï"),
    (r"Stra\ss{}e", "Straße"),
    (r"{\o}ystein", "øystein"),
    (r"On {BERT}--like models", "On BERT–like models"),
    (r"Yes---no", "Yes—no"),
    (r"\emph{Very} \textbf{bold}", "Very bold"),
    (r"100\% of \$5 \& more", "100% of $5 & more"),
    (r"\unknownmacro{x}", "unknownmacrox"),
    ("{{{", ""),
    ("\\", ""),
    (r"\'", "\u0301".strip() or "'"),
    ("plain   text ", "plain text"),
])
def test_latex_to_unicode(latex: str, text: str) -> None:
    assert latex_to_unicode(latex) == text


def test_names() -> None:
    names = parse_names(r"van den Oord, A{\"a}ron and Ludwig van Beethoven and {OpenAI} and "
                        r"Li, Jr, Fei-Fei and others")
    assert [n.family for n in names[:4]] == ["van den Oord", "van Beethoven", "OpenAI", "Li"]
    assert names[0].given == "Aäron" and names[4].others


BIB = r"""@string{nips = "Advances in NeurIPS"}
@comment{a comment that must survive}
@inproceedings{a2017x,
  author = {M{\"u}ller, J. and {\'E}mile, B},
  title = {On {BERT}},
  booktitle = nips # " 30",
  month = jan,
  year = 2017,
}
@article{broken,
  title = {unclosed,
  year = 2020
@article{c2020y,
  title = {Fine},
  year = {2020}, journal = foo,
}
"""


def test_string_macros_concatenation_months_and_recovery() -> None:
    bib, diags = parse_bib(BIB)
    a = bib.entries["a2017x"]
    assert a.text("booktitle") == "Advances in NeurIPS 30"
    assert a.text("month") == "January"
    assert a.year == "2017"
    assert [n.family for n in a.authors] == ["Müller", "Émile"]
    assert "c2020y" in bib.entries  # the entry after the broken one is kept
    codes = [(d.line, d.code) for d in diags]
    assert (10, "bib-syntax") in codes
    assert (15, "bib-undefined-string") in codes


def test_arxiv_and_doi_views() -> None:
    bib, _ = parse_bib("@article{k,\n title={T},\n journal={arXiv preprint arXiv:2001.08361},\n"
                       " doi={https://doi.org/10.1/ABC},\n year={2020}}\n")
    e = bib.entries["k"]
    assert e.arxiv == "2001.08361"
    assert e.doi == "10.1/ABC"
