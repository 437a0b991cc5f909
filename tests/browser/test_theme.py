"""Material's palette toggle switches between the light and the dark scheme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .util import TOPIC

pytestmark = pytest.mark.browser


def test_palette_toggle_switches_to_slate_and_back(page: Page) -> None:
    page.goto(TOPIC)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator('form[data-md-component="palette"] label[title="Switch to dark mode"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    # The choice survives a reload (Material keeps it in localStorage) ...
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('form[data-md-component="palette"] label[title="Switch to light mode"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # ... and the page really changes colour.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
