"""Deterministic BibTeX output (after the ACL Anthology): fixed field order, two-space indent,
braced values. `write_file` keeps every block (strings, comments, preambles) for `fmt`;
`write_entry(..., resolved=True)` expands macros for self-contained exports."""

from __future__ import annotations

from bmsurvey.core.bib.model import BibEntry, BibFile, Comment, Preamble, StringDef

FIELD_ORDER = (
    "author", "editor", "title", "booktitle", "journal", "volume", "number", "pages", "year",
    "month", "edition", "series", "chapter", "publisher", "organization", "institution", "school",
    "address", "howpublished", "type", "isbn", "issn", "doi", "eprint", "archiveprefix",
    "primaryclass", "url", "urldate", "note",
)
_RANK = {name: i for i, name in enumerate(FIELD_ORDER)}
CANONICAL_NAMES = {"archiveprefix": "archivePrefix", "primaryclass": "primaryClass"}


def field_sort_key(name: str) -> tuple[int, str]:
    return (_RANK.get(name, len(_RANK)), name)


def _braced(raw: str) -> str:
    """A raw value expression in canonical form: a lone "..." or number becomes {...}."""
    raw = raw.strip()
    if raw.startswith('"') and raw.endswith('"') and raw.count('"') == 2:
        inner = raw[1:-1]
        if inner.count("{") == inner.count("}"):
            return "{" + inner + "}"
    if raw.isdigit():
        return "{" + raw + "}"
    return raw


def write_entry(entry: BibEntry, resolved: bool = False) -> str:
    lines = [f"@{entry.type}{{{entry.key},"]
    for name in sorted(entry.fields, key=field_sort_key):
        f = entry.fields[name]
        value = "{" + f.value + "}" if resolved else _braced(f.raw)
        lines.append(f"  {CANONICAL_NAMES.get(name, name)} = {value},")
    lines.append("}")
    return "\n".join(lines)


def write_file(bib: BibFile) -> str:
    """The whole file in canonical layout, every block kept in its order."""
    chunks: list[str] = []
    for block in bib.blocks:
        if isinstance(block, BibEntry):
            chunks.append(write_entry(block))
        elif isinstance(block, StringDef):
            chunks.append(f"@string{{{block.name} = {_braced(block.raw)}}}")
        elif isinstance(block, Preamble):
            chunks.append(f"@preamble{{{block.raw.strip()}}}")
        elif isinstance(block, Comment):
            text = block.text.strip()
            if block.explicit:
                chunks.append(f"@comment{{{text}}}")
            elif text:
                chunks.append(text)
    return "\n\n".join(chunks) + "\n"


def write_entries(entries: list[BibEntry], resolved: bool = True) -> str:
    return "\n\n".join(write_entry(e, resolved) for e in entries) + ("\n" if entries else "")
