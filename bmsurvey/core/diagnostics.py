"""The one error type for user mistakes: a located, explained, fixable diagnostic.

Bugs in bmsurvey raise ordinary exceptions; a contributor's mistake is always a `Diagnostic`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int  # 1-based; 0 when the problem has no line (a missing file)
    col: int  # 1-based; 0 when unknown
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.col, 1)}"

    def format_text(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def format_github(self) -> str:
        # GitHub Actions workflow command; newlines and % must be escaped in the message.
        kind = "error" if self.is_error else "warning"
        msg = f"{self.message} [{self.code}]" + (f" Hint: {self.hint}" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        loc = f"file={self.path}"
        if self.line > 0:
            loc += f",line={self.line},col={max(self.col, 1)}"
        return f"::{kind} {loc},title={self.code}::{msg}"


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def promote_warnings(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error."""
    out = []
    for d in diags:
        if d.severity == "warning":
            d = Diagnostic(d.path, d.line, d.col, d.code, d.message, d.hint, "error")
        out.append(d)
    return out


def render(diags: list[Diagnostic], fmt: str) -> str:
    ordered = sorted(diags, key=sort_key)
    if fmt == "json":
        return json.dumps([asdict(d) for d in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format_text() for d in ordered)
