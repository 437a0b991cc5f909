"""Typed BibTeX data: raw values for loss-free writing, decoded views for display."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from bmsurvey.core.bib.latex import latex_to_unicode
from bmsurvey.core.bib.names import Name, parse_names

ARXIV_ID = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?!\d)")
DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:)", re.IGNORECASE)
NOT_TEXT = frozenset({"url", "doi", "eprint", "archiveprefix", "primaryclass", "isbn", "issn"})


@dataclass(slots=True)
class BibField:
    name: str  # lower-case field name
    raw: str  # the value expression as written: {..}, ".." , 2020, macro # {..}
    value: str  # resolved, still LaTeX
    line: int  # 1-based


@dataclass
class BibEntry:
    key: str
    type: str  # lower-case entry type
    fields: dict[str, BibField]
    line: int  # 1-based line of the `@`

    def get(self, name: str) -> str:
        f = self.fields.get(name)
        return f.value if f else ""

    def text(self, name: str) -> str:
        """A field decoded to Unicode (URLs and ids are kept verbatim)."""
        raw = self.get(name)
        return raw.strip() if name in NOT_TEXT else latex_to_unicode(raw)

    @cached_property
    def authors(self) -> tuple[Name, ...]:
        return parse_names(self.get("author") or self.get("editor"))

    @cached_property
    def title(self) -> str:
        return self.text("title")

    @cached_property
    def year(self) -> str:
        m = re.search(r"\d{4}", self.get("year"))
        return m.group(0) if m else ""

    @cached_property
    def venue(self) -> str:
        for name in ("journal", "booktitle", "publisher", "school", "institution",
                     "howpublished", "organization"):
            if self.get(name):
                return self.text(name)
        if self.arxiv:
            return "arXiv preprint"
        return ""

    @cached_property
    def doi(self) -> str:
        return DOI_PREFIX.sub("", self.get("doi").strip())

    @cached_property
    def arxiv(self) -> str:
        prefix = self.get("archiveprefix").lower()
        eprint = self.get("eprint")
        if eprint and (prefix in ("", "arxiv")):
            m = ARXIV_ID.search(eprint)
            if m:
                return m.group(1)
            if re.match(r"^[a-z\-]+(\.[A-Z]{2})?/\d{7}$", eprint.strip()):
                return eprint.strip()  # old-style id, e.g. cs/0112017
        for name in ("journal", "url", "note"):
            v = self.get(name)
            if "arxiv" in v.lower():
                m = ARXIV_ID.search(v)
                if m:
                    return m.group(1)
        return ""

    @cached_property
    def url(self) -> str:
        return self.get("url").strip()

    def decode_all(self) -> dict[str, str]:
        return dict(self.decoded)

    @cached_property
    def decoded(self) -> dict[str, str]:
        """Every field decoded to Unicode, computed once."""
        out = {}
        for name in self.fields:
            if name == "author" or (name == "editor" and not self.get("author")):
                # Reuse the parsed names rather than decode the long list a second time.
                out[name] = " and ".join("others" if n.others else
                                         f"{n.family}, {n.given}" if n.given else n.family
                                         for n in self.authors)
            else:
                out[name] = self.text(name)
        return out


@dataclass
class BibFile:
    path: str
    entries: dict[str, BibEntry] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)  # resolved @string values
    blocks: list[object] = field(default_factory=list)  # everything, in order, for writing


@dataclass
class StringDef:
    name: str
    raw: str
    line: int


@dataclass
class Preamble:
    raw: str
    line: int


@dataclass
class Comment:
    text: str  # verbatim text between blocks, or an explicit @comment body
    line: int
    explicit: bool = False
