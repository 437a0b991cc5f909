"""Plain-text fields that hold something like an HTML tag: escaped on output, so not an error,
but most likely a contributor who expected markup to work (or who tests the site)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.loader import Positions
from bmsurvey.core.schema.topic import PLAIN

TAG_LIKE = re.compile(r"<[A-Za-z/!][^<>]{0,40}>?")


def _plain(annotation: Any, metadata: list[Any] | None = None) -> bool:
    if metadata and any(m is PLAIN for m in metadata):
        return True
    if get_origin(annotation) is Annotated:
        return any(m is PLAIN for m in get_args(annotation)[1:])
    if get_origin(annotation) in (Union, type(int | None)):
        return any(_plain(a) for a in get_args(annotation))
    return False


@cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(name, is plain text) of a model class's fields: worked out once per class."""
    return tuple((name, _plain(info.annotation, info.metadata))
                 for name, info in cls.model_fields.items())


def plain_fields(model: BaseModel, at: tuple[str | int, ...] = ()
                 ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every plain-text field in a model tree, found from its annotations."""
    for name, plain in _fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, str):
            if plain:
                yield at + (name,), value
        elif isinstance(value, BaseModel):
            yield from plain_fields(value, at + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from plain_fields(item, at + (name, i))


def markup_warnings(model: BaseModel, path: str, pos: Positions,
                    prefix: tuple[str | int, ...] = ()) -> list[Diagnostic]:
    out = []
    for at, text in plain_fields(model, prefix):
        m = TAG_LIKE.search(text)
        if m:
            line, col = pos.of(at)
            field = str(at[-1])
            out.append(Diagnostic(path, line, col, "markup-in-plain-text",
                                  f"{field} holds {m.group(0)!r}, which "
                                  "looks like an HTML tag; this field is plain text and shows "
                                  "it literally",
                                  "remove the tag, or write the words you mean (the text is "
                                  "escaped, never run)", "warning"))
    return out
