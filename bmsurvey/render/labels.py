"""Author-year labels and formatted references, computed once per bibliography."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from bmsurvey.core.bib import BibEntry
from bmsurvey.core.bib.names import Name


def _authors_short(names: tuple[Name, ...]) -> str:
    real = [n for n in names if not n.others]
    if not real:
        return "Anon."
    if len(real) == 1 and len(names) == 1:
        return real[0].family
    if len(real) == 2 and len(names) == 2:
        return f"{real[0].family} and {real[1].family}"
    return f"{real[0].family} et al."


def _initials(given: str) -> str:
    parts = []
    for word in given.replace("-", " -").split():
        hyphen = word.startswith("-")
        word = word.lstrip("-")
        if word:
            parts.append(("-" if hyphen else "") + word[0] + ".")
    return " ".join(parts).replace(" -", "-")


@lru_cache(maxsize=65536)
def authors_long(names: tuple[Name, ...], limit: int = 8) -> str:
    shown = [n for n in names if not n.others]
    more = len(shown) > limit or any(n.others for n in names)
    items = [f"{n.family}, {_initials(n.given)}".rstrip(", ") for n in shown[:limit]]
    if not items:
        return ""
    if more:
        return ", ".join(items) + ", et al."
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + ", & " + items[-1]


@dataclass(frozen=True)
class Label:
    authors: str  # "Kaplan et al."
    year: str  # "2020" or "2020a"

    @property
    def parenthetical(self) -> str:
        return f"{self.authors}, {self.year}"

    @property
    def narrative(self) -> str:
        return f"{self.authors} ({self.year})"


def make_labels(entries: dict[str, BibEntry]) -> dict[str, Label]:
    """Labels for all entries; same authors and year get a, b, c in key order."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    short: dict[str, str] = {}
    for key, entry in entries.items():
        short[key] = _authors_short(entry.authors)
        groups[(short[key], entry.year)].append(key)
    labels: dict[str, Label] = {}
    for (authors, year), keys in groups.items():
        year_text = year or "n.d."
        if len(keys) == 1:
            labels[keys[0]] = Label(authors, year_text)
        else:
            for i, key in enumerate(sorted(keys)):
                labels[key] = Label(authors, f"{year_text}{chr(ord('a') + i % 26)}")
    return labels


def _end(title: str) -> str:
    """A title as a sentence: add a full stop unless it already ends in punctuation."""
    title = title.strip()
    return title if title.endswith((".", "?", "!")) else title + "."


def reference_text(entry: BibEntry, label: Label | None = None) -> str:
    """The full reference as plain text, APA-like: for tooltips and copies."""
    year = label.year if label else (entry.year or "n.d.")
    parts = [f"{authors_long(entry.authors) or 'Anon.'} ({year}). {_end(entry.title)}"]
    venue = entry.venue
    if venue:
        parts.append(f"{venue}.")
    if entry.doi:
        parts.append(f"https://doi.org/{entry.doi}")
    elif entry.arxiv:
        parts.append(f"arXiv:{entry.arxiv}")
    return " ".join(parts)


def reference_html(entry: BibEntry, label: Label | None = None) -> str:
    """The full reference as escaped HTML with the venue in italics (links added by callers)."""
    year = label.year if label else (entry.year or "n.d.")
    out = (f'<span class="bms-ref-authors">{html.escape(authors_long(entry.authors) or "Anon.")}'
           f"</span> ({html.escape(year)}). "
           f'<span class="bms-ref-title">{html.escape(_end(entry.title))}</span>')
    if entry.venue:
        out += f" <em>{html.escape(entry.venue)}</em>."
    return out
