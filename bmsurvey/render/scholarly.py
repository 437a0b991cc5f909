"""Scholarly metadata in a topic page's `<head>`: Highwire Press tags (read by Google Scholar and
Zotero), Dublin Core, OpenGraph, a page-specific description and a JSON-LD `ScholarlyArticle`.

Pure: strings out. The tags travel to the theme as the page's front matter (`front_matter`),
which mkdocs and Zensical both parse into `page.meta`; `templates/main.html` prints `bms_head`
in Material's `extrahead` block, and Material prints `description` in place of the site-wide
one, so a page has exactly one. Neither engine autoescapes, so every value is escaped here:
attribute values with `html.escape`, JSON-LD with `<`, `>` and `&` as `\\u003c`, `\\u003e`,
`\\u0026` so the script holds one JSON value whatever the text says.

Dates, truthfully: `citation_publication_date`, `DC.date` and `datePublished` are survey.yml's
`date_released`, the release the page belongs to. `citation_online_date` and `dateModified` are
the later of that and the topic's `last_reviewed`: a living page's text, reviewed after the
release, cannot have been online before its review, and an edition's text was put online when
the edition was released.

Container: `citation_journal_title` (the survey's title), not
`citation_technical_report_institution`: a topic page is one article of a periodically versioned
whole, as in a living-review journal, and the survey has no institution to name. The cite
files say the same (CSL `container-title`)."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from bmsurvey.core.authors import Credit, credited, named_authors
from bmsurvey.core.bib import BibEntry
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.survey import Survey, TopicView
from bmsurvey.core.xrefs import XRef
from bmsurvey.render.safe import markdown_to_html

DESCRIPTION_MAX = 200  # characters: about what search engines show under a title
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}
_SCHEMA_TYPES = {"article": "ScholarlyArticle", "inproceedings": "ScholarlyArticle",
                 "conference": "ScholarlyArticle", "incollection": "Chapter",
                 "inbook": "Chapter", "book": "Book", "phdthesis": "Thesis",
                 "mastersthesis": "Thesis", "techreport": "Report"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def one_line(text: str) -> str:
    return " ".join(text.split())


def plain_summary(markdown: str, xref: Callable[[XRef], str] | None = None,
                  limit: int = DESCRIPTION_MAX) -> str:
    """A topic summary as one line of plain words: Markdown rendered and sanitised as on the
    page (cross-references by `xref`, as links to their targets' titles), citations left out,
    then only the text kept, trimmed at a word to `limit`."""
    parser = _Text()
    parser.feed(markdown_to_html(markdown, lambda c: "",
                                 xref or (lambda x: html.escape(x.anchor or x.topic))))
    parser.close()
    text = one_line("".join(parser.parts))
    for mark in (" .", " ,", " ;", " :"):
        text = text.replace(mark, mark[1])
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def scholar_date(day: dt.date) -> str:
    """YYYY/MM/DD, the form Google Scholar documents."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def json_ld(data: Any) -> str:
    """One JSON value that no text inside can end or break out of its `<script>`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def _tag(name: str, value: str, attr: str = "name") -> str:
    return f'<meta {attr}="{html.escape(name)}" content="{html.escape(one_line(value))}">'


def _person(c: Credit) -> dict[str, Any]:
    if c.literal:
        out: dict[str, Any] = {"@type": "Organization", "name": c.literal}
    else:
        out = {"@type": "Person", "name": c.display, "familyName": c.family}
        if c.given:
            out["givenName"] = c.given
    if c.orcid:
        out["identifier"] = c.orcid_url
        out["sameAs"] = c.orcid_url
    if c.affiliation:
        out["affiliation"] = {"@type": "Organization", "name": c.affiliation}
    return out


def cited_work(entry: BibEntry) -> dict[str, Any]:
    """A reference as a schema.org work, for the page's `citation` list."""
    kind = _SCHEMA_TYPES.get(entry.type, "CreativeWork")
    if kind == "CreativeWork" and entry.arxiv:
        kind = "ScholarlyArticle"
    work: dict[str, Any] = {"@type": kind, "name": one_line(entry.title)}
    people = [{"@type": "Person", "name": n.display()} for n in entry.authors if not n.others]
    if people:
        work["author"] = people
    if entry.year:
        work["datePublished"] = entry.year
    if entry.venue:
        work["isPartOf"] = {"@type": "CreativeWork", "name": one_line(entry.venue)}
    if entry.doi:
        work["identifier"] = f"https://doi.org/{entry.doi}"
    url = entry.url if entry.url.lower().startswith(("http://", "https://")) else (
        f"https://doi.org/{entry.doi}" if entry.doi else
        f"https://arxiv.org/abs/{entry.arxiv}" if entry.arxiv else "")
    if url:
        work["url"] = url
    return work


@dataclass(frozen=True)
class PageHead:
    """What a topic page adds to its `<head>`: `description` (attribute-escaped, printed by the
    theme as the page's one description) and `tags` (trusted HTML for `extrahead`)."""

    description: str
    tags: str

    def front_matter(self) -> dict[str, str]:
        return {"description": self.description, "bms_head": self.tags}


def topic_head(view: TopicView, survey: Survey, *, base_url: str = "",
               pdf_url: str | None = None,
               xref: Callable[[XRef], str] | None = None) -> PageHead:
    """The head of a topic page served at `base_url` + `<part>/<topic>/` (default: survey.yml's
    `url`, the living site; an edition passes its own, e.g. `.../editions/0.2.0/`, and its
    survey, whose survey.yml gives the version and date). `pdf_url`: the published PDF of the
    survey, when there is one. `xref`: how the summary's cross-references read (HTML)."""
    meta: SurveyMeta = survey.project.meta
    topic = view.topic
    base = (base_url or meta.url).rstrip("/") + "/"
    url = base + view.url
    authors = credited(named_authors(topic), meta)
    released = meta.date_released
    online = max(released, topic.last_reviewed)
    title = one_line(topic.title)
    summary = plain_summary(topic.summary, xref)
    tags = [_tag("citation_title", title)]
    for c in authors:
        tags.append(_tag("citation_author", c.inverted))
        if c.affiliation:
            tags.append(_tag("citation_author_institution", c.affiliation))
        if c.orcid:
            tags.append(_tag("citation_author_orcid", c.orcid_url))
    tags += [_tag("citation_publication_date", scholar_date(released)),
             _tag("citation_online_date", scholar_date(online)),
             _tag("citation_journal_title", meta.title),
             _tag("citation_publisher", meta.short_title),
             _tag("citation_public_url", url),
             _tag("citation_abstract_html_url", url),
             _tag("citation_language", "en")]
    if pdf_url:
        tags.append(_tag("citation_pdf_url", pdf_url))
    tags.append(_tag("DC.title", title))
    tags += [_tag("DC.creator", c.inverted) for c in authors]
    tags += [_tag("DC.date", released.isoformat()), _tag("DC.identifier", url),
             _tag("DC.publisher", meta.short_title), _tag("DC.language", "en")]
    tags += [_tag("og:type", "article", "property"), _tag("og:title", title, "property"),
             _tag("og:description", summary, "property"), _tag("og:url", url, "property"),
             _tag("og:site_name", meta.short_title, "property")]
    entries = survey.entries
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "description": summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en",
        "author": [_person(c) for c in authors],
        "datePublished": released.isoformat(),
        "dateModified": online.isoformat(),
        "version": meta.version,
        "isPartOf": {"@type": "CreativeWork", "name": meta.title, "url": base,
                     "version": meta.version},
        "citation": [cited_work(entries[k]) for k in survey.topic_keys.get(topic.id, [])
                     if k in entries],
    }
    if pdf_url:
        article["encoding"] = {"@type": "MediaObject", "contentUrl": pdf_url,
                               "encodingFormat": "application/pdf"}
    tags.append(f'<script type="application/ld+json">{json_ld(article)}</script>')
    return PageHead(html.escape(summary), "".join(tags))
