"""A reader finds a topic through Material's navigation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .util import TOPIC, TOPIC_TITLE, heading_text, shot

pytestmark = pytest.mark.browser


def test_home_to_part_to_topic_through_the_navigation(page: Page, site_url: str) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile("bmsurvey"))
    shot(page, "home")
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="Models", exact=True).click()
    page.wait_for_url(f"{site_url}/models/")
    assert heading_text(page.locator("article h1")) == "Models"

    nav.get_by_role("link", name=TOPIC_TITLE, exact=True).click()
    page.wait_for_url(f"{site_url}{TOPIC}")
    assert heading_text(page.locator("article h1")) == TOPIC_TITLE
    active = page.locator("nav.md-nav--primary a.md-nav__link--active")
    expect(active.filter(has_text=TOPIC_TITLE)).to_have_count(1)
    shot(page, "topic")
