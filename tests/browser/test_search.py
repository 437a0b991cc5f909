"""The theme's own search (Material's, Zensical's) finds topics by their prose and the references
page by a reference title."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .util import TOPIC, run_search, search_docs

pytestmark = pytest.mark.browser

WORD = re.compile(r"[a-z]{8,}")


def _words(text: str) -> set[str]:
    return set(WORD.findall(re.sub(r"<[^>]+>", " ", text).lower()))


def _rarest(candidates: set[str], docs: list[dict[str, str]]) -> str:
    """The candidate word found in the fewest search documents (ties: alphabetical)."""
    where: dict[str, int] = defaultdict(int)
    for doc in docs:
        for word in _words(doc["title"] + " " + doc["text"]) & candidates:
            where[word] += 1
    assert where, "no candidate word is in the search index"
    return min(where, key=lambda w: (where[w], w))


def topic_prose_word(site: Path, engine: str) -> str:
    """A rare word of the topic's section prose (not its reference list)."""
    prefix = TOPIC.strip("/") + "/#"
    docs = search_docs(site, engine)
    sections = [d for d in docs
                if d["location"].startswith(prefix) and not d["location"].endswith("#references")]
    assert sections, f"no section of {TOPIC} in the search index"
    return _rarest(set().union(*(_words(d["text"]) for d in sections)), docs)


def reference_title_word(site: Path, engine: str) -> str:
    """A rare word taken from the titles of the entries on /references/."""
    source = (site / "references" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<span class="bms-ref-title">(.*?)</span>', source)
    assert titles, "no reference titles on /references/"
    words = {w for t in titles for w in re.split(r"[\s\-]+", t.lower())
             if re.fullmatch(r"[a-z]{8,}[.:,?!]?", w)}
    return _rarest({w.rstrip(".:,?!") for w in words}, search_docs(site, engine))


@pytest.mark.parametrize("what", ["topic prose", "reference title"])
def test_search_finds(page: Page, built_site: Path, engine: str, what: str) -> None:
    if what == "topic prose":
        word, target = topic_prose_word(built_site, engine), TOPIC
    else:
        word, target = reference_title_word(built_site, engine), "/references/"
    results = run_search(page, engine, word)
    # Results link to the page with ?h=<query> for highlighting: only the final query's do.
    hit = results.locator(f'a[href*="{target}?h={word}"]')
    expect(hit.first).to_be_visible(timeout=15_000)
    hit.first.click()
    page.wait_for_url(re.compile(re.escape(target) + r"\?h="))
    # Both themes mark the word on the page the result leads to (Material: search.highlight).
    expect(page.locator("article mark").first).to_be_visible()
