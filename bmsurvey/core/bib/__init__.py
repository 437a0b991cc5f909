"""BibTeX in and out: parsing with located errors, LaTeX decoding, canonical writing."""

from __future__ import annotations

from bmsurvey.core.bib.model import BibEntry, BibFile
from bmsurvey.core.bib.parse import parse_bib

__all__ = ["BibEntry", "BibFile", "parse_bib"]
