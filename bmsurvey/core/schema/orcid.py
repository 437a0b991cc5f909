"""ORCID iDs: their form and their ISO 7064 MOD 11-2 check character, so a typo in an author's
iD is caught by `bmsurvey check` instead of linking readers to someone else's record."""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

ORCID_URL = "https://orcid.org/"
# The two forms accepted in a topic file (the JSON Schema says the same).
ORCID_PATTERN = r"^(https?://orcid\.org/)?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$"
_FORM = re.compile(ORCID_PATTERN)
EXAMPLE = "0000-0002-1825-0097"


def check_character(digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 15 digits of an iD."""
    total = 0
    for d in digits:
        total = (total + int(d)) * 2
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def normalise_orcid(value: str) -> str:
    """The bare iD (`0000-0002-1825-0097`) of either accepted form; raises a PydanticCustomError
    of type `orcid` whose context carries the hint (see schema_errors)."""
    text = value.strip()
    if not _FORM.match(text):
        raise PydanticCustomError(
            "orcid", "'{value}' is not an ORCID iD",
            {"value": value,
             "hint": f"write the 16-character iD in four groups, e.g. {EXAMPLE} or "
                     f"{ORCID_URL}{EXAMPLE}; the last character is a digit or X"})
    bare = text.rsplit("/", 1)[-1]
    digits = bare.replace("-", "")
    expected = check_character(digits[:15])
    if digits[15] != expected:
        raise PydanticCustomError(
            "orcid", "ORCID iD '{value}' fails its checksum",
            {"value": value,
             "hint": f"its last character should be {expected}, not {digits[15]}: copy the iD "
                     f"from the author's ORCID record"})
    return bare
