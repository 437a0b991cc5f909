"""The byline of a topic page and of a section with its own authors: names as text, each ORCID
a link whose accessible name says whose record it is, affiliations in parentheses; escaped."""

from __future__ import annotations

from html import escape as esc

from bmsurvey.core.authors import Credit


def _one(c: Credit) -> str:
    out = f'<span class="bms-author">{esc(c.display)}</span>'
    if c.orcid:
        # The visible text (the iD) is part of the link's name, which also names the person.
        out += (f' <a class="bms-orcid" href="{esc(c.orcid_url)}" rel="noopener noreferrer">'
                '<span class="bms-orcid-icon" aria-hidden="true">iD</span>'
                f'<span class="bms-sr-only">ORCID record of {esc(c.display)}: </span>'
                f"{esc(c.orcid)}</a>")
    if c.affiliation:
        out += f' <span class="bms-affiliation">({esc(c.affiliation)})</span>'
    return out


def byline_html(credits: tuple[Credit, ...], lead: str = "By") -> str:
    """`<p class="bms-byline">By A, B and C</p>`; empty when no one is named."""
    if not credits:
        return ""
    names = [_one(c) for c in credits]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f'<p class="bms-byline">{esc(lead)} {text}</p>'
