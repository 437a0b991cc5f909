"""Citations and "Cite this" controls work from the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .util import TOPIC, assert_in_viewport, reference_entry

pytestmark = pytest.mark.browser

MAX_TABS = 400


def tab_until(page: Page, selector: str, limit: int) -> int:
    """Press Tab until the focused element matches `selector`; return how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab; focus is on "
                         + page.evaluate("document.activeElement.outerHTML.slice(0, 200)"))


def test_tab_to_a_citation_and_follow_it_with_enter(page: Page, site_url: str) -> None:
    page.goto(TOPIC)
    tab_until(page, "a.bms-cite", MAX_TABS)
    focused = page.locator("a.bms-cite:focus")
    expect(focused).to_be_in_viewport()
    # Material shows the reference for keyboard focus too.
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_be_visible()
    key = (focused.get_attribute("href") or "").split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/references/#{key}")
    assert_in_viewport(reference_entry(page, key))


def test_cite_this_by_keyboard_copies(new_context: NewContext, site_url: str) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(TOPIC)
    section = page.locator("article h2").first.get_attribute("id")
    control = page.locator("article details.bms-citethis").filter(
        has=page.locator(f'code[id="bms-cite-{section}-bib"]'))
    summary = control.locator("summary")
    summary.focus()
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(control).to_have_attribute("open", "")
    tab_until(page, "button.bms-copy", 5)
    first = page.locator("button.bms-copy:focus").get_attribute("data-copy")
    button = page.locator(f'button.bms-copy[data-copy="{first}"]')
    assert button.evaluate("(b, d) => d.contains(b)", control.element_handle()), \
        "Tab left the opened control before reaching its Copy button"
    block = page.locator(f'code[id="{first}"]')
    expect(block).to_be_visible()
    page.keyboard.press("Enter")
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == block.text_content()
    # Space works as well, on the next button (CSL-JSON).
    tab_until(page, "button.bms-copy", 5)
    other = page.locator("button.bms-copy:focus").get_attribute("data-copy")
    assert other != first
    page.keyboard.press("Space")
    expect(page.locator(f'button.bms-copy[data-copy="{other}"]')).to_have_text("Copied")
    csl = page.locator(f'code[id="{other}"]')
    assert page.evaluate("navigator.clipboard.readText()") == csl.text_content()
