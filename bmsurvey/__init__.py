"""bmsurvey: a living survey of big models, kept as YAML + BibTeX and rendered to a static site."""

from __future__ import annotations

__version__ = "0.2.0"
