"""A JSON Schema for CSL-JSON items, written from the CSL 1.0.2 specification (its item types
and variables). The official csl-data.json is not shipped by any registry this project installs
from, so the tests validate against this rendition and also run the items through citeproc-py."""

from __future__ import annotations

from typing import Any

TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]
NAME_VARS = ["author", "chair", "collection-editor", "compiler", "composer", "container-author",
             "contributor", "curator", "director", "editor", "editorial-director",
             "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
             "organizer", "original-author", "performer", "producer", "recipient",
             "reviewed-author", "script-writer", "series-creator", "translator"]
DATE_VARS = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
STRING_VARS = ["abstract", "annote", "archive", "archive_collection", "archive_location",
               "archive-place", "authority", "call-number", "citation-key", "citation-label",
               "collection-title", "container-title", "container-title-short", "dimensions",
               "division", "DOI", "event", "event-title", "event-place", "genre", "ISBN", "ISSN",
               "jurisdiction", "keyword", "language", "license", "medium", "note",
               "original-publisher", "original-publisher-place", "original-title", "part-title",
               "PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre",
               "reviewed-title", "scale", "section", "source", "status", "title", "title-short",
               "URL", "version", "year-suffix", "shortTitle", "journalAbbreviation"]
NUMBER_VARS = ["chapter-number", "citation-number", "collection-number", "edition",
               "first-reference-note-number", "issue", "locator", "number", "number-of-pages",
               "number-of-volumes", "page", "page-first", "part", "printing", "supplement",
               "volume"]

_name = {"type": "object", "additionalProperties": False, "properties": {
    k: {"type": "string"} for k in ("family", "given", "dropping-particle",
                                    "non-dropping-particle", "suffix", "literal")}}
_date = {"type": "object", "additionalProperties": False, "properties": {
    "date-parts": {"type": "array", "minItems": 1, "maxItems": 2, "items": {
        "type": "array", "minItems": 1, "maxItems": 3,
        "items": {"type": ["string", "integer"]}}},
    "season": {"type": ["string", "integer"]}, "circa": {"type": ["string", "integer",
                                                                   "boolean"]},
    "literal": {"type": "string"}, "raw": {"type": "string"}}}

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": TYPES},
            "categories": {"type": "array", "items": {"type": "string"}},
            "custom": {"type": "object"},
            **{v: {"type": "array", "items": _name} for v in NAME_VARS},
            **{v: _date for v in DATE_VARS},
            **{v: {"type": "string"} for v in STRING_VARS},
            **{v: {"type": ["string", "number"]} for v in NUMBER_VARS},
        },
    },
}
