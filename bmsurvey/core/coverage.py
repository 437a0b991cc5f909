"""How far a topic's literature reaches: the newest work it cites, to the month where the
bibliography says (a `month` field, or the arXiv id's YYMM in the entry's year)."""

from __future__ import annotations

import datetime as dt
import re

from bmsurvey.core.bib import BibEntry

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def work_date(entry: BibEntry) -> tuple[int, int] | None:
    """(year, month) of a work; month 0 when only the year is known."""
    if not entry.year.isdigit():
        return None
    year = int(entry.year)
    raw = entry.get("month").strip().lower()
    month = int(raw) if raw.isdigit() and 1 <= int(raw) <= 12 else _MONTHS.get(raw[:3], 0)
    if not month:
        m = _ARXIV_NEW.match(entry.arxiv)
        if m and 2000 + int(m.group(1)) == year and 1 <= int(m.group(2)) <= 12:
            month = int(m.group(2))
    return year, month


def newest(entries: list[BibEntry]) -> tuple[int, int] | None:
    dates = [d for e in entries if (d := work_date(e)) is not None]
    return max(dates) if dates else None


def month_label(date: tuple[int, int]) -> str:
    year, month = date
    return f"{MONTH_NAMES[month - 1]} {year}" if month else str(year)


def months_between(earlier: tuple[int, int], later: dt.date) -> int:
    """Whole months from the start (or, month unknown, the end) of `earlier` to `later`."""
    year, month = earlier
    return (later.year - year) * 12 + later.month - (month or 12)
