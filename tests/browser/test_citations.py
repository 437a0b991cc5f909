"""Citations on a topic page: a tooltip with the reference, a jump to it, and a way back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .util import TOPIC, assert_in_viewport, cited_in, first_citation, reference_entry

pytestmark = pytest.mark.browser


def test_hovering_a_citation_shows_the_full_reference(page: Page, built_site: Path) -> None:
    key, title = first_citation(built_site, TOPIC)
    page.goto(TOPIC)
    cite = page.locator(f'a.bms-cite[href="../../references/#{key}"]').first
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_have_count(0)
    cite.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(title)
    # The tooltip is tied to the link for assistive technology.
    described = cite.get_attribute("aria-describedby")
    assert described and tooltip.get_attribute("id") == described
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)


def test_citation_jumps_to_the_reference_and_cited_in_leads_back(page: Page, site_url: str,
                                                                 built_site: Path) -> None:
    # A citation in the body of a section, so "cited in" has a link to that section.
    key, _ = first_citation(built_site, TOPIC, inside='<div class="bms-body">')
    page.goto(TOPIC)
    cite = page.locator(f'.bms-body a.bms-cite[href="../../references/#{key}"]').first
    # The section's heading: the nearest heading before the body (a byline or the section's
    # "added in" line may stand between them).
    section = cite.evaluate("""a => { let el = a.closest('.bms-body').previousElementSibling;
        while (el && !/^H[2-6]$/.test(el.tagName)) el = el.previousElementSibling;
        return el ? el.id : ''; }""")
    assert section, "the citation's section heading has no id"
    cite.click()
    page.wait_for_url(f"{site_url}/references/#{key}")
    entry = reference_entry(page, key)
    assert_in_viewport(entry)

    back = cited_in(page, key).locator(f'a[href="..{TOPIC}#{section}"]')
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(f"{site_url}{TOPIC}#{section}")
    assert_in_viewport(page.locator(f"article h2#{section}"))
