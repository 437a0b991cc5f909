"""Pure rendering: survey model -> Markdown/HTML strings. Knows nothing of mkdocs."""

from __future__ import annotations
