"""The model catalogue's checks beyond its schema, and its rows in the one normal form that the
page, the charts and the CSV/JSON downloads are all made from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.project import CatalogueDoc
from bmsurvey.core.schema.catalogue import ModelRecord, Quantity
from bmsurvey.core.schema.topic import CatalogueView

QUANTITIES = ("parameters", "active_parameters", "training_tokens", "training_compute")
COMPUTE_RANGE = (1e15, 1e28)


def today_month() -> str:
    return dt.date.today().strftime("%Y-%m")


def quantities(model: ModelRecord) -> Iterator[tuple[str, Quantity]]:
    for name in QUANTITIES:
        q = getattr(model, name)
        if q is not None:
            yield name, q


def source_of(model: ModelRecord, q: Quantity) -> str:
    return q.source or model.reference


def cited_keys(model: ModelRecord) -> list[str]:
    keys = [model.reference]
    for _, q in quantities(model):
        if q.source and q.source not in keys:
            keys.append(q.source)
    return keys


def check_catalogue(doc: CatalogueDoc, entries: Collection[str],
                    did_you_mean: Callable[[str], str],
                    today: str | None = None) -> list[Diagnostic]:
    """Every mistake in the catalogue in one pass: duplicates, unknown keys, impossible values,
    estimates that do not say whose they are."""
    cat = doc.catalogue
    if cat is None:
        return []
    today = today or today_month()
    pos, path = doc.positions, doc.path
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}

    def at(i: int, *field: str | int, key: bool = False) -> tuple[int, int]:
        return pos.of(("models", i, *field), prefer_key=key)

    for i, m in enumerate(cat.models):
        if m.id in seen:
            line, col = at(i, "id")
            out.append(Diagnostic(path, line, col, "duplicate-model",
                                  f"model id '{m.id}' is also used by model {seen[m.id] + 1} "
                                  f"(line {at(seen[m.id], 'id')[0]})",
                                  "ids are anchors on /catalogue/: keep one record per model"))
        seen.setdefault(m.id, i)
        same = (m.name.casefold(), m.organisation.casefold())
        if same in names and seen[m.id] == i:
            line, col = at(i, "name")
            out.append(Diagnostic(path, line, col, "duplicate-model",
                                  f"'{m.name}' of {m.organisation} is already model "
                                  f"{names[same] + 1} (line {at(names[same], 'name')[0]})",
                                  "merge the two records, or name the variant (e.g. its size)"))
        names.setdefault(same, i)
        if m.date > today:
            line, col = at(i, "date")
            out.append(Diagnostic(path, line, col, "catalogue-value",
                                  f"date {m.date} of '{m.id}' is in the future",
                                  "give the month the model or its report was published"))
        if m.reference not in entries:
            line, col = at(i, "reference")
            out.append(Diagnostic(path, line, col, "unknown-citation",
                                  f"unknown reference key '{m.reference}' for model '{m.id}'",
                                  did_you_mean(m.reference)))
        for name, q in quantities(m):
            if q.source is not None and q.source not in entries:
                line, col = at(i, name, "source")
                out.append(Diagnostic(path, line, col, "unknown-citation",
                                      f"unknown reference key '{q.source}' for {name} of "
                                      f"'{m.id}'", did_you_mean(q.source)))
            if q.status == "estimated" and (q.source is None or q.note is None):
                line, col = at(i, name, key=True)
                missing = "a source and a note" if q.source is None and q.note is None else \
                    "a source" if q.source is None else "a note"
                out.append(Diagnostic(path, line, col, "catalogue-unsourced",
                                      f"{name} of '{m.id}' is an estimate without {missing}",
                                      "an estimate names whose it is (`source:` a reference "
                                      "key) and how it was made (`note:`)"))
        compute = m.training_compute.number() if m.training_compute else None
        if compute is not None and not COMPUTE_RANGE[0] <= compute <= COMPUTE_RANGE[1]:
            line, col = at(i, "training_compute")
            out.append(Diagnostic(path, line, col, "catalogue-value",
                                  f"training compute {compute:.3g} FLOP of '{m.id}' is outside "
                                  "1e15 to 1e28",
                                  "give the compute in FLOP (not PF-days or GPU hours)"))
        total = m.parameters.number()
        active = m.active_parameters.number() if m.active_parameters else None
        if total is not None and active is not None and active > total:
            line, col = at(i, "active_parameters")
            out.append(Diagnostic(path, line, col, "catalogue-value",
                                  f"active parameters ({active:.3g}) of '{m.id}' exceed its "
                                  f"total parameters ({total:.3g})",
                                  "active parameters are those used per token: at most the "
                                  "total"))
        for name in ("parameters", "training_tokens"):
            q = getattr(m, name)
            n = q.number() if q else None
            if n is not None and n < 1:
                line, col = at(i, name)
                out.append(Diagnostic(path, line, col, "catalogue-value",
                                      f"{name} of '{m.id}' is {n:g}", "give a positive count"))
    return out


def model_row(m: ModelRecord) -> dict[str, Any]:
    """One model as the downloads carry it: flat, numbers as numbers, each with its status and
    source, `undisclosed` kept as text."""
    row: dict[str, Any] = {"id": m.id, "name": m.name, "organisation": m.organisation,
                           "date": m.date, "domain": m.domain, "architecture": m.architecture}
    for name in QUANTITIES:
        q = getattr(m, name)
        row[name] = None if q is None else q.value
        row[f"{name}_status"] = None if q is None else q.status
        row[f"{name}_source"] = None if q is None else source_of(m, q)
        row[f"{name}_note"] = None if q is None else q.note
    row.update({"context_length": m.context_length, "accessibility": m.accessibility,
                "licence": m.licence, "reference": m.reference, "notes": m.notes})
    return row


def view_models(models: Sequence[ModelRecord], view: CatalogueView) -> list[ModelRecord]:
    """The models a section's view shows: every filter given must match; newest first."""
    out = [m for m in models
           if (not view.domain or m.domain in view.domain)
           and (not view.accessibility or m.accessibility in view.accessibility)
           and (not view.architecture or m.architecture in view.architecture)
           and (view.since is None or m.date >= view.since)
           and (view.until is None or m.date <= view.until)]
    return sorted(out, key=lambda m: (m.date, m.name.lower()), reverse=True)
