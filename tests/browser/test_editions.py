"""Editions in the browser: the banner's link to the living page is reached by Tab and
followed with Enter; axe finds no serious or critical violation on an edition page, /editions/,
/changes/ and a living page with section histories, in the light and the dark scheme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .test_accessibility import blocking_violations
from .test_keyboard import tab_until
from .util import TOPIC

pytestmark = pytest.mark.browser

EDITION_TOPIC = "/editions/0.1.0" + TOPIC
BANNER_LINK = ".bms-edition-banner a"


def test_banner_link_is_reached_by_tab(page: Page, site_url: str) -> None:
    page.goto(EDITION_TOPIC)
    banner = page.locator(".bms-edition-banner[role=note]")
    expect(banner).to_contain_text("Edition 0.1.0 of 2026-11-27")
    tab_until(page, BANNER_LINK, 60)  # the first link of the content, after the header's
    expect(page.locator(f"{BANNER_LINK}:focus")).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{TOPIC}")
    expect(page.locator(".bms-edition-banner")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [EDITION_TOPIC, "/editions/", "/changes/", TOPIC])
def test_edition_pages_are_axe_clean(new_context: NewContext, axe_source: str, scheme: str,
                                     path: str) -> None:
    """An edition's page with its banner, the list, the changes, a living page's histories."""
    page = new_context(color_scheme=scheme).new_page()
    page.goto(path)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    assert blocking_violations(page, axe_source) == []
