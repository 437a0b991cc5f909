"""The reference browser on /references/: filter, narrow, sort, and keep the state in the URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .util import ENTRY_KEY_JS, search_is_closed, shot

pytestmark = pytest.mark.browser

VISIBLE = "#bms-refs > .bms-ref:not([hidden])"
YEAR = "el => el.dataset.year"
STATE = {"text": "language", "topic": "language-model", "from": "2020", "to": "2022",
         "sort": "year"}


def visible_count(page: Page) -> int:
    return page.locator(VISIBLE).count()


def visible(page: Page, what: str) -> list[str]:
    """`what` (a JavaScript function of the element) of each visible entry, in list order."""
    values: list[str] = page.locator(VISIBLE).evaluate_all(f"els => els.map({what})")
    return values


def settled(page: Page, total: int, previous: int, **params: str) -> int:
    """Wait until the URL holds `params` and #bms-count announces fewer than `previous`
    entries, as many as are visible; return that number."""
    try:
        page.wait_for_function(
            """([sel, previous, params]) => {
                 const query = new URLSearchParams(location.search);
                 if (Object.entries(params).some(([k, v]) => query.get(k) !== v)) { return false; }
                 const text = document.getElementById('bms-count').textContent;
                 const n = parseInt(text.replace('Showing ', ''), 10);
                 return n < previous && n === document.querySelectorAll(sel).length;
               }""", arg=[VISIBLE, previous, params], timeout=5000)
    except PlaywrightTimeout:
        raise AssertionError(
            f"expected the URL to hold {params} and fewer than {previous} entries shown; "
            f"URL {page.url}, #bms-count {page.locator('#bms-count').text_content()!r}, "
            f"{visible_count(page)} visible") from None
    n = visible_count(page)
    assert 0 < n < previous
    expect(page.locator("#bms-count")).to_have_text(f"Showing {n} of {total} references")
    return n


def open_references(page: Page, url: str = "/references/") -> int:
    page.goto(url)
    expect(page.locator("form#bms-filter")).to_be_visible()  # hidden until bmsurvey.js runs
    # Entries that are filtered out leave the DOM; the script records how many there are.
    total = int(page.get_attribute("#bms-refs", "data-total") or 0)
    assert total > 100
    return total


def test_filter_topic_years_sort_and_url_state(page: Page) -> None:
    total = open_references(page)
    assert visible_count(page) == total
    expect(page.locator("#bms-count")).to_have_text(f"Showing all {total} references")
    shot(page, "references")
    form = page.locator("form#bms-filter")

    form.locator("input[name=text]").press_sequentially(STATE["text"])
    after_q = settled(page, total, total, text=STATE["text"])
    entry_text = "el => el.textContent + ' ' + el.nextElementSibling.textContent"
    assert all(STATE["text"] in t.lower() for t in visible(page, entry_text))

    form.locator("select[name=topic]").select_option(STATE["topic"])
    after_topic = settled(page, total, after_q, topic=STATE["topic"])
    assert all(STATE["topic"] in t.split() for t in visible(page, "el => el.dataset.topics"))

    form.locator("input[name=from]").fill(STATE["from"])
    form.locator("input[name=to]").fill(STATE["to"])
    after_years = settled(page, total, after_topic, **{"from": STATE["from"], "to": STATE["to"]})
    years = [int(y) for y in visible(page, YEAR)]
    assert all(2020 <= y <= 2022 for y in years), years
    assert years != sorted(years, reverse=True), "already newest first: sorting is not tested"

    form.locator("select[name=sort]").select_option(STATE["sort"])
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'year'")
    ordered = [int(y) for y in visible(page, YEAR)]
    assert len(ordered) == after_years
    assert ordered == sorted(years, reverse=True), ordered
    shot(page, "references-filtered")
    assert parse_qs(urlsplit(page.url).query) == {k: [v] for k, v in STATE.items()}, page.url

    # The link restores the same view in a fresh page: inputs, count and order.
    ids = visible(page, ENTRY_KEY_JS)
    assert all(ids), "entries without a key"
    fresh = page.context.new_page()
    open_references(fresh, page.url)
    restored = fresh.locator("form#bms-filter")
    for name, value in STATE.items():
        expect(restored.locator(f"[name={name}]")).to_have_value(value)
    expect(fresh.locator("#bms-count")).to_have_text(f"Showing {after_years} of {total} references")
    assert visible(fresh, ENTRY_KEY_JS) == ids


def test_shared_filter_link_opens_the_list_not_material_search(page: Page, engine: str) -> None:
    """/references/?text=... must show the filtered list, ready to use. (Material's own search
    reads ?q=, so the browser must not use that name: the dialog would pop open over the page,
    take the focus and swallow the first click.)"""
    total = open_references(page, "/references/?text=language")
    expect(page.locator("#bms-count")).to_have_text(re.compile(rf"^Showing \d+ of {total} "))
    if engine == "mkdocs":  # Material's search reads ?q= once its worker is ready.
        expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"))
    shot(page, f"references-shared-link-{engine}")
    assert search_is_closed(page, engine), "the theme's search dialog is open or has the focus"
    page.locator("form#bms-filter button[type=reset]").click(timeout=3000)
    expect(page.locator("#bms-count")).to_have_text(f"Showing all {total} references")


def test_clear_shows_every_reference_again(page: Page) -> None:
    total = open_references(page)
    form = page.locator("form#bms-filter")
    form.locator("input[name=text]").press_sequentially("language")
    form.locator("select[name=topic]").select_option("language-model")
    settled(page, total, total, text="language", topic="language-model")
    form.locator("button[type=reset]").click()
    expect(page.locator("#bms-count")).to_have_text(f"Showing all {total} references")
    assert visible_count(page) == total
    expect(form.locator("input[name=text]")).to_have_value("")
    page.wait_for_function("() => location.search === ''")
