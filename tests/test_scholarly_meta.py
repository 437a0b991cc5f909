"""Scholarly metadata and named authors: what Google Scholar, Zotero and link previews read from a
topic page's <head> (parsed the way Scholar documents Highwire Press tags: citation_title, at
least one citation_author, citation_publication_date), the byline, the cite files, and the
checker's located ORCID errors. Real mkdocs and Zensical builds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest

from bmsurvey.adapters.zensical import build_zensical
from bmsurvey.core.authors import split_name
from bmsurvey.core.survey import Survey, load_survey
from bmsurvey.render import cite
from bmsurvey.render.cite import cite_units_of
from bmsurvey.render.scholarly import topic_head
from tests.conftest import REPO, copy_root, mkdocs_build

ENGINES = ("mkdocs", "zensical")
SCHOLAR_DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")


@dataclass
class Head:
    """A page's <head> as a crawler reads it."""

    metas: list[tuple[str, str]] = field(default_factory=list)  # (name or property, content)
    json_ld: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)  # the text of each .bms-byline
    links: list[tuple[str, str]] = field(default_factory=list)  # byline links: (href, text)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.metas if k == name]

    def one(self, name: str) -> str:
        values = self.all(name)
        assert len(values) == 1, (name, values)
        return values[0]


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self.in_head = False
        self.script: list[str] | None = None
        self.byline: list[str] | None = None
        self.depth = 0
        self.link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head and "content" in d:
            key = d.get("name") or d.get("property")
            if key:
                self.head.metas.append((key, d["content"]))
        elif tag == "script" and d.get("type") == "application/ld+json":
            assert self.in_head, "JSON-LD outside the head"
            self.script = []
        if self.byline is not None:
            self.depth += 1
            if tag == "a":
                self.link = (d.get("href", ""), [])
        elif tag == "p" and "bms-byline" in d.get("class", "").split():
            self.byline, self.depth = [], 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "script" and self.script is not None:
            self.head.json_ld.append("".join(self.script))
            self.script = None
        if self.byline is not None:
            if tag == "a" and self.link is not None:
                self.head.links.append((self.link[0], "".join(self.link[1])))
                self.link = None
            self.depth -= 1
            if self.depth == 0:
                self.head.byline.append(" ".join("".join(self.byline).split()))
                self.byline = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)
        if self.byline is not None:
            self.byline.append(data)
        if self.link is not None:
            self.link[1].append(data)


def read_head(page: Path) -> Head:
    p = _HeadParser()
    p.feed(page.read_text(encoding="utf-8"))
    p.close()
    return p.head


def article(head: Head) -> dict[str, object]:
    assert len(head.json_ld) == 1, head.json_ld
    data = json.loads(head.json_ld[0])  # one JSON value, whatever the text held
    assert isinstance(data, dict) and data["@type"] == "ScholarlyArticle"
    return data


def assert_scholar_readable(head: Head, title: str) -> None:
    """What Scholar's inclusion guidelines require: the title, at least one author and the
    publication date in YYYY/MM/DD."""
    assert head.one("citation_title") == title
    assert head.all("citation_author")
    assert SCHOLAR_DATE.match(head.one("citation_publication_date"))
    assert SCHOLAR_DATE.match(head.one("citation_online_date"))


# --- the shipped survey (mkdocs) ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Survey:
    return load_survey(REPO)


def test_every_shipped_topic_page_has_scholarly_metadata(real_site: Path,
                                                         shipped: Survey) -> None:
    meta = shipped.project.meta
    assert len(shipped.topics) == 16
    for view in shipped.topics:
        head = read_head(real_site / view.url / "index.html")
        url = meta.url + view.url
        assert_scholar_readable(head, view.topic.title)
        # No one is named in the shipped survey: survey.yml's authors, never invented people.
        assert head.all("citation_author") == ["The bmsurvey contributors"]
        assert head.all("DC.creator") == ["The bmsurvey contributors"]
        assert head.one("citation_publication_date") == \
            meta.date_released.strftime("%Y/%m/%d")
        online = max(meta.date_released, view.topic.last_reviewed)
        assert head.one("citation_online_date") == online.strftime("%Y/%m/%d")
        assert head.one("citation_public_url") == url
        assert head.one("citation_journal_title") == meta.title
        # The shipped mkdocs.yml publishes the PDF: its address, and the file is there.
        assert head.all("citation_pdf_url") == [meta.url + "export/bmsurvey.pdf"]
        assert (real_site / "export" / "bmsurvey.pdf").read_bytes().startswith(b"%PDF-")
        assert head.one("DC.title") == view.topic.title
        assert head.one("DC.date") == meta.date_released.isoformat()
        assert head.one("DC.identifier") == url
        description = head.one("description")  # the page's own; the site's is gone
        assert description != "" and description != "A living, citable survey of big " \
            "(foundation) models in 16 topics."
        assert "[@" not in description and "**" not in description and "<" not in description
        assert len(description) <= 200
        assert head.one("og:description") == description
        assert head.one("og:title") == view.topic.title
        assert head.one("og:url") == url
        assert head.one("og:type") == "article"
        assert head.one("og:site_name") == meta.short_title
        data = article(head)
        assert data["headline"] == view.topic.title and data["url"] == url
        assert data["author"] == [{"@type": "Organization", "name": "The bmsurvey contributors"}]
        assert data["datePublished"] == meta.date_released.isoformat()
        assert data["dateModified"] == online.isoformat()
        assert data["version"] == meta.version
        assert data["isPartOf"] == {"@type": "CreativeWork", "name": meta.title,
                                    "url": meta.url, "version": meta.version}
        cited = data["citation"]
        assert isinstance(cited, list)
        assert len(cited) == len(shipped.topic_keys[view.id]) > 0
        assert all(c["name"] for c in cited)
        assert head.byline == []  # no byline without named authors


def test_pages_that_are_not_topics_keep_the_site_description(real_site: Path) -> None:
    head = read_head(real_site / "references" / "index.html")
    assert head.all("description") == ["A living, citable survey of big (foundation) models in "
                                       "16 topics."]
    assert head.all("citation_title") == [] and head.json_ld == []


# --- a fixture with named authors, both engines ---------------------------------------------------


@pytest.fixture(scope="module")
def author_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("authors")
    root = copy_root("authors", base)
    return {"mkdocs": mkdocs_build(root, base / "mk"),
            "zensical": build_zensical(root, base / "zs")}


@pytest.mark.parametrize("engine", ENGINES)
def test_named_authors_in_head_and_byline(author_sites: dict[str, Path], engine: str) -> None:
    head = read_head(author_sites[engine] / "models/language-model/index.html")
    assert_scholar_readable(head, "Language Model")
    assert head.all("citation_author") == ["Carberry, Josiah", "van Dyke, Ada", "Ørsted"]
    assert head.all("DC.creator") == ["Carberry, Josiah", "van Dyke, Ada", "Ørsted"]
    assert head.all("citation_author_institution") == ["Institute of Fictional Studies"]
    assert head.all("citation_author_orcid") == ["https://orcid.org/0000-0002-1825-0097"]
    # Highwire order: an author's institution and ORCID follow that author.
    names = [k for k, _ in head.metas if k.startswith("citation_author")]
    assert names[:4] == ["citation_author", "citation_author_institution",
                         "citation_author_orcid", "citation_author"]
    assert head.one("citation_publication_date") == "2023/02/01"
    assert head.one("citation_online_date") == "2023/02/01"  # reviewed before the release
    assert head.one("citation_public_url") == "https://example.org/authors/models/language-model/"
    # The page's own description replaces the site's (mkdocs.yml has one): exactly one.
    assert head.one("description") == "Models that predict text, studied at scale."
    data = article(head)
    assert data["author"] == [
        {"@type": "Person", "name": "Josiah Carberry", "familyName": "Carberry",
         "givenName": "Josiah", "identifier": "https://orcid.org/0000-0002-1825-0097",
         "sameAs": "https://orcid.org/0000-0002-1825-0097",
         "affiliation": {"@type": "Organization", "name": "Institute of Fictional Studies"}},
        {"@type": "Person", "name": "Ada van Dyke", "familyName": "van Dyke",
         "givenName": "Ada"},
        {"@type": "Organization", "name": "Ørsted"}]
    assert data["version"] == "0.3.0"
    assert head.byline == [
        # "iD" is the badge (aria-hidden), "ORCID record of ..." is visually hidden text.
        "By Josiah Carberry iDORCID record of Josiah Carberry: 0000-0002-1825-0097 "
        "(Institute of Fictional Studies), Ada van Dyke and Ørsted",
        "Section by Ada van Dyke and Grace Q. Example iDORCID record of Grace Q. Example: "
        "0000-0001-5109-3700"]
    # Each ORCID link names whose record it is.
    assert head.links == [
        ("https://orcid.org/0000-0002-1825-0097",
         "iDORCID record of Josiah Carberry: 0000-0002-1825-0097"),
        ("https://orcid.org/0000-0001-5109-3700",
         "iDORCID record of Grace Q. Example: 0000-0001-5109-3700")]


@pytest.mark.parametrize("engine", ENGINES)
def test_topic_without_named_authors_falls_back(author_sites: dict[str, Path],
                                                engine: str) -> None:
    head = read_head(author_sites[engine] / "models/vision-model/index.html")
    assert_scholar_readable(head, "Vision Model")
    assert head.all("citation_author") == ["The bmsurvey contributors"]
    assert head.one("description") != "The site-wide description of the authors fixture."
    assert article(head)["author"] == [{"@type": "Organization",
                                        "name": "The bmsurvey contributors"}]
    assert head.byline == []


def test_cite_files_credit_topic_and_section_authors(author_sites: dict[str, Path]) -> None:
    site = author_sites["mkdocs"]
    topic = bibtexparser.parse_string((site / "cite/language-model.bib").read_text("utf-8"))
    assert topic.entries[0]["author"] == "Carberry, Josiah and van Dyke, Ada and {Ørsted}"
    section = bibtexparser.parse_string(
        (site / "cite/language-model/scaling-laws.bib").read_text("utf-8"))
    # The topic's authors, then the section's own; Ada van Dyke is named in both, cited once.
    assert section.entries[0]["author"] == \
        "Carberry, Josiah and van Dyke, Ada and {Ørsted} and Example, Grace Q."
    direction = bibtexparser.parse_string(
        (site / "cite/language-model/data-limits.bib").read_text("utf-8"))
    assert direction.entries[0]["author"] == topic.entries[0]["author"]
    csl = json.loads((site / "cite/language-model/scaling-laws.json").read_text("utf-8"))
    assert csl[0]["author"] == [{"family": "Carberry", "given": "Josiah"},
                                {"family": "van Dyke", "given": "Ada"},
                                {"literal": "Ørsted"},
                                {"family": "Example", "given": "Grace Q."}]
    other = json.loads((site / "cite/vision-model.json").read_text("utf-8"))
    assert other[0]["author"] == [{"literal": "The bmsurvey contributors"}]
    page = (site / "models/language-model/index.html").read_text("utf-8")
    assert "Josiah Carberry; Ada van Dyke; Ørsted; Grace Q. Example (2023). Language Model: " \
        "Scaling laws." in page


# --- pure: the hooks editions and the PDF export call ---------------------------------------------


def test_pdf_url_and_edition_base_url(tmp_path: Path) -> None:
    survey = load_survey(copy_root("authors", tmp_path))
    view = survey.topics[0]
    living = topic_head(view, survey)
    assert "citation_pdf_url" not in living.tags
    edition = topic_head(view, survey, base_url="https://example.org/authors/editions/0.3.0/",
                         pdf_url="https://example.org/authors/export/bmsurvey.pdf")
    assert ('<meta name="citation_pdf_url" '
            'content="https://example.org/authors/export/bmsurvey.pdf">') in edition.tags
    assert ('<meta name="citation_public_url" content="https://example.org/authors/editions/'
            f'0.3.0/{view.url}">') in edition.tags
    assert ('"isPartOf":{"@type":"CreativeWork","name":"Authors fixture: a survey with named '
            'authors","url":"https://example.org/authors/editions/0.3.0/"') in edition.tags


# --- ORCID errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("orcid", "message", "hint"), [
    ("0000-0002-1825-0098", "authors[0].orcid: ORCID iD '0000-0002-1825-0098' fails its checksum",
     "its last character should be 7, not 8: copy the iD from the author's ORCID record"),
    ("https://orcid.org/0000-0002-1694-2339",
     "authors[0].orcid: ORCID iD 'https://orcid.org/0000-0002-1694-2339' fails its checksum",
     "its last character should be X, not 9: copy the iD from the author's ORCID record"),
    ("0000-0002-1825-009", "authors[0].orcid: '0000-0002-1825-009' is not an ORCID iD",
     "write the 16-character iD in four groups, e.g. 0000-0002-1825-0097 or "
     "https://orcid.org/0000-0002-1825-0097; the last character is a digit or X"),
    ("orcid.org/0000-0002-1825-0097",
     "authors[0].orcid: 'orcid.org/0000-0002-1825-0097' is not an ORCID iD", None),
])
def test_orcid_form_and_checksum_errors_are_located(tmp_path: Path, orcid: str, message: str,
                                                    hint: str | None) -> None:
    root = copy_root("authors", tmp_path)
    path = root / "topics/models/language-model.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("https://orcid.org/0000-0002-1825-0097", orcid),
                    encoding="utf-8")
    errors = [d for d in load_survey(root).diagnostics
              if d.is_error and d.path.endswith("language-model.yaml")]
    assert [(d.path, d.line, d.col, d.code, d.message) for d in errors] == [
        ("topics/models/language-model.yaml", 6, 12, "author-orcid", message)]
    if hint is not None:
        assert errors[0].hint == hint


def test_section_orcid_error_and_unknown_author_field(tmp_path: Path) -> None:
    root = copy_root("authors", tmp_path)
    path = root / "topics/models/language-model.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("orcid: 0000-0001-5109-3700", "orcid: 0000-0001-5109-3701")
    text = text.replace("  - name: van Dyke, Ada\n", "  - name: van Dyke, Ada\n    orcd: x\n")
    path.write_text(text, encoding="utf-8")
    errors = sorted(d for d in load_survey(root).diagnostics
                    if d.is_error and d.path.endswith("language-model.yaml"))
    assert [(d.line, d.col, d.code, d.message) for d in errors] == [
        (9, 5, "schema-unknown-field", "unknown field 'orcd' in authors[1]"),
        (21, 16, "author-orcid",
         "sections[0].authors[1].orcid: ORCID iD '0000-0001-5109-3701' fails its checksum")]
    assert errors[0].hint.startswith("did you mean 'orcid'?")


def test_orcid_is_normalised(tmp_path: Path) -> None:
    survey = load_survey(copy_root("authors", tmp_path))
    assert survey.topics[0].topic.authors[0].orcid == "0000-0002-1825-0097"


# --- hostile names --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile-authors")
    root = copy_root("hostile", base)
    return {"mkdocs": mkdocs_build(root, base / "mk"),
            "zensical": build_zensical(root, base / "zs", strict=False)}


HOSTILE_NAME = "Mallory </script><script>alert('a')</script> & \"Q\" and {Co}, }Eve\\ <!--"
HOSTILE_AFFILIATION = "<img src=x onerror=alert('aff')> \"Inst\" & </title></head>"
HOSTILE_SECOND = "Trudy\u2028\" onmouseover=alert(1) x=\" ]]> -->"
HOSTILE_SECTION = "Sybil <a href=javascript:alert(1)>x</a> @misc{evil, title={x}}"
HOSTILE_SECTION_AFFILIATION = "}}\\end{document} %"


def _names(value: str) -> list[str]:
    """A BibTeX name list split at top-level " and " (escaped braces do not nest)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and value.startswith(" and ", i):
            out.append(value[start:i])
            start = i = i + len(" and ")
            continue
        i += 1
    return out + [value[start:]]


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_author_text_is_inert_in_head_and_byline(hostile_sites: dict[str, Path],
                                                         engine: str) -> None:
    page = hostile_sites[engine] / "models/language-model/index.html"
    head = read_head(page)
    first, second = split_name(HOSTILE_NAME), split_name(HOSTILE_SECOND)
    # Attribute values come back exactly as written: escaped, so nothing broke out of them.
    assert head.all("citation_author") == [f"{first[0]}, {first[1]}",
                                           f"{second[0]}, {second[1]}"]
    assert head.all("DC.creator") == head.all("citation_author")
    assert head.all("citation_author_institution") == [HOSTILE_AFFILIATION]
    data = article(head)
    authors = data["author"]
    assert isinstance(authors, list)
    assert authors[0]["name"] == f"{first[1]} {first[0]}"
    assert authors[0]["affiliation"]["name"] == HOSTILE_AFFILIATION
    raw = head.json_ld[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    text = page.read_text(encoding="utf-8")
    assert "<script>alert(" not in text and "<img src=x" not in text
    assert 'onmouseover=alert(1) x="' not in text and "<a href=javascript" not in text
    name = f"{first[1]} {first[0]}"
    assert head.byline[0] == (
        f"By {name} iDORCID record of {name}: 0000-0002-1825-0097 ({HOSTILE_AFFILIATION}) and "
        f"{second[1]} {second[0]}")
    s_family, s_given = split_name(HOSTILE_SECTION)
    assert head.byline[1] == f"Section by {s_given} {s_family} ({HOSTILE_SECTION_AFFILIATION})"


def test_hostile_author_text_is_inert_in_bibtex_and_csl(hostile_sites: dict[str, Path]) -> None:
    site = hostile_sites["mkdocs"]
    bib = bibtexparser.parse_string(
        (site / "cite/language-model/scripts.bib").read_text("utf-8"))
    assert not bib.failed_blocks and len(bib.entries) == 1
    assert [e.key for e in bib.entries] == ["bmsurvey-language-model-scripts"]
    names = _names(bib.entries[0]["author"])
    # The first family name holds " and ": braced, so BibTeX reads three names, not four.
    assert len(names) == 3, names
    # Braces are written as \textbraceleft{}/\textbraceright{}: BibTeX counts braces itself.
    assert names[0] == (r"{Mallory </script><script>alert('a')</script> \& " '"Q" and '
                        r"\textbraceleft{}Co\textbraceright{}}, \textbraceright{}Eve"
                        r"\textbackslash{} <!--")
    assert names[2] == (r"Sybil <a href=javascript:alert(1)>x</a> @misc\textbraceleft{}evil, "
                        r"title=\textbraceleft{}x\textbraceright{}\textbraceright{}")
    csl = json.loads((site / "cite/language-model/scripts.json").read_text("utf-8"))
    first, third = split_name(HOSTILE_NAME), split_name(HOSTILE_SECTION)
    assert csl[0]["author"][0] == {"family": first[0], "given": first[1]}
    assert csl[0]["author"][2] == {"family": third[0], "given": third[1]}


def test_section_units_carry_the_section_authors() -> None:
    survey = load_survey(REPO)
    for view in survey.topics:
        for unit in cite_units_of(view):
            assert unit.named == ()  # nobody is named in the shipped survey
            assert cite.plain(unit, survey.project.meta).startswith("The bmsurvey contributors")
