"""BibTeX entries -> CSL-JSON items (for /export/references.csl.json and reference managers)."""

from __future__ import annotations

from typing import Any

from bmsurvey.core.bib import BibEntry

CSL_TYPES = {
    "article": "article-journal", "inproceedings": "paper-conference",
    "conference": "paper-conference", "book": "book", "incollection": "chapter",
    "inbook": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis",
    "techreport": "report", "online": "webpage", "manual": "report", "proceedings": "book",
    "unpublished": "manuscript",
}


def csl_item(entry: BibEntry) -> dict[str, Any]:
    kind = CSL_TYPES.get(entry.type, "document")
    if entry.arxiv and not (entry.get("journal") or entry.get("booktitle")):
        kind = "article"  # a preprint
    elif kind == "article-journal" and "arxiv" in entry.get("journal").lower():
        kind = "article"
    item: dict[str, Any] = {"id": entry.key, "type": kind, "title": entry.title}
    authors = []
    for name in entry.authors:
        if name.others:
            continue
        if name.given:
            authors.append({"family": name.family, "given": name.given})
        else:
            authors.append({"literal": name.family})
    if authors:
        item["editor" if not entry.get("author") and entry.get("editor") else "author"] = authors
    if entry.year:
        item["issued"] = {"date-parts": [[int(entry.year)]]}
    container = entry.text("journal") or entry.text("booktitle")
    if container and "arxiv" not in container.lower():
        item["container-title"] = container
    for bib_name, csl_name in (("volume", "volume"), ("number", "issue"), ("publisher",
                                                                          "publisher")):
        if entry.get(bib_name):
            item[csl_name] = entry.text(bib_name)
    if entry.get("pages"):
        item["page"] = entry.text("pages").replace("–", "-")
    if entry.doi:
        item["DOI"] = entry.doi
    if entry.arxiv:
        item["number"] = f"arXiv:{entry.arxiv}"
        item["publisher"] = item.get("publisher", "arXiv")
    url = entry.url or (f"https://doi.org/{entry.doi}" if entry.doi else
                        f"https://arxiv.org/abs/{entry.arxiv}" if entry.arxiv else "")
    if url:
        item["URL"] = url
    return item
