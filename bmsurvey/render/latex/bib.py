"""The bibliography as a .bib file for BibTeX with plainnat (natbib author-year).

Every field is decoded to Unicode first (`core.bib`) and re-escaped with the one `escape`, so a
brace or backslash in references.bib prints and cannot run. Keys become safe citation ids. Links
(DOI, arXiv, URL) do not go through BibTeX, which breaks long lines with a `%` that would cut a
URL: each entry's `note` names a macro the document defines with the links (`links_tex`)."""

from __future__ import annotations

import hashlib
import re

from bmsurvey.core.bib import BibEntry
from bmsurvey.core.survey import SAFE_URL
from bmsurvey.render.latex.escape import breakable, escape, url_arg

TYPES = frozenset({"article", "book", "booklet", "inbook", "incollection", "inproceedings",
                   "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport",
                   "unpublished"})
FIELDS = ("journal", "booktitle", "editor", "publisher", "school", "institution", "organization",
          "howpublished", "address", "edition", "series", "volume", "number", "pages", "chapter",
          "type")
_SAFE_KEY = re.compile(r"^[A-Za-z0-9:.+/-]{1,80}$")


def cite_ids(keys: list[str]) -> dict[str, str]:
    """A citation id per key that TeX and BibTeX take as it is (BibTeX ignores case: a key that
    differs from another only in case gets a hashed id too)."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for key in sorted(keys):
        ident = key
        if not _SAFE_KEY.match(key) or key.lower() in seen:
            ident = "bmskey" + hashlib.sha256(key.encode()).hexdigest()[:16]
        seen.add(ident.lower())
        out[key] = ident
    return out


def _names(entry: BibEntry) -> str:
    """Names break like table cells (`narrow`): natbib prints them in cite columns too."""
    out = []
    for n in entry.authors:
        if n.others:
            out.append("others")
        elif n.given:
            out.append("{" + escape(n.family, narrow=True) + "}, {"
                       + escape(n.given, narrow=True) + "}")
        else:
            out.append("{" + escape(n.family, narrow=True) + "}")
    return " and ".join(out)


def links_tex(entry: BibEntry) -> str:
    """The entry's DOI, arXiv and URL links as LaTeX."""
    out = []
    if entry.doi:
        out.append(r"\href{" + url_arg("https://doi.org/" + entry.doi) + "}{doi:"
                   + breakable(entry.doi) + "}")
    if entry.arxiv:
        out.append(r"\href{" + url_arg("https://arxiv.org/abs/" + entry.arxiv) + "}{arXiv:"
                   + breakable(entry.arxiv) + "}")
    url = entry.url
    if url and SAFE_URL.match(url) and not (entry.doi and entry.doi in url) and not (
            entry.arxiv and entry.arxiv in url):
        out.append(r"\href{" + url_arg(url) + "}{" + breakable(url) + "}")
    return ". ".join(out)


def bib_entry(entry: BibEntry, ident: str, n: int) -> str:
    kind = entry.type if entry.type in TYPES else "misc"
    fields = []
    names = _names(entry)
    if names:
        fields.append(("author", names))
    title = entry.title
    if title:
        fields.append(("title", "{" + escape(title) + "}"))
    for name in FIELDS:
        if name == "editor" and not entry.get("author"):
            continue  # the editors are the authors above
        value = entry.text(name) if entry.get(name) else ""
        if value.strip():
            fields.append((name, escape(value.strip())))
    if entry.year:
        fields.append(("year", entry.year))
    if entry.doi or entry.arxiv or entry.url:
        fields.append(("note", rf"\bmslinks{{{n}}}"))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{kind}{{{ident},\n{body}\n}}\n"


def bib_file(entries: list[BibEntry], ids: dict[str, str]) -> str:
    return "\n".join(bib_entry(e, ids[e.key], i) for i, e in enumerate(entries))


def links_file(entries: list[BibEntry]) -> str:
    """`\\bmssetlinks{n}{...}` for every entry with links, in the order of `bib_file`."""
    return "".join(rf"\bmssetlinks{{{i}}}{{{links_tex(e)}}}" + "\n"
                   for i, e in enumerate(entries) if e.doi or e.arxiv or e.url)
