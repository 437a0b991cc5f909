"""Vocabularies and number parsing shared by the topic and catalogue schemas (no imports of
other bmsurvey modules, so every schema module can use it)."""

from __future__ import annotations

import re
from typing import Literal

Domain = Literal["language", "vision", "multimodal", "speech", "code", "protein", "science",
                 "video", "other"]
Architecture = Literal["dense", "moe", "ssm", "hybrid", "diffusion", "other"]
Accessibility = Literal["open-weights", "api", "closed"]
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
# YAML 1.1 reads 3.1e23 (no dot, no exponent sign) as text; number fields accept it.
NUMBER_TEXT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def as_number(value: object) -> int | float | None:
    """A value's number, or None when it is not one (bools are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and NUMBER_TEXT.match(value.strip()):
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 and \
            "e" not in value.lower() and "." not in value else number
    return None
