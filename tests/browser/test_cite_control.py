""""Cite this section": open the disclosure, read the BibTeX, copy it to the clipboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .util import TOPIC

pytestmark = pytest.mark.browser


def clipboard_page(new_context: NewContext, site_url: str) -> Page:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    return context.new_page()


def test_cite_this_section_copies_the_bibtex(new_context: NewContext, site_url: str) -> None:
    page = clipboard_page(new_context, site_url)
    page.goto(TOPIC)
    # The first section's control: the one after the first h2's body.
    section = page.locator("article h2").first.get_attribute("id")
    control = page.locator("article details.bms-citethis").filter(
        has=page.locator(f'code[id="bms-cite-{section}-bib"]'))
    expect(control).to_have_count(1)
    summary = control.locator("summary")
    expect(summary).to_have_text("Cite this section")
    bibtex = control.locator(f'code[id="bms-cite-{section}-bib"]')
    expect(bibtex).to_be_hidden()

    summary.click()
    expect(control).to_have_attribute("open", "")
    expect(bibtex).to_be_visible()
    text = bibtex.text_content() or ""
    assert text.startswith("@misc{bmsurvey-"), text
    assert f"#{section}" in text, "the BibTeX does not point at the section"

    button = control.locator(f'button.bms-copy[data-copy="bms-cite-{section}-bib"]')
    expect(button).to_have_text("Copy")
    button.click()
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_every_copy_button_copies_its_own_block(new_context: NewContext, site_url: str) -> None:
    page = clipboard_page(new_context, site_url)
    page.goto(TOPIC)
    control = page.locator("article details.bms-citethis").first  # "Cite this topic"
    control.locator("summary").click()
    buttons = control.locator("button.bms-copy")
    expect(buttons).to_have_count(3)
    seen = set()
    for i in range(3):
        button = buttons.nth(i)
        block = page.locator(f'code[id="{button.get_attribute("data-copy")}"]')
        button.click()
        expect(button).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == block.text_content()
        seen.add(copied)
    assert len(seen) == 3  # BibTeX, CSL-JSON and plain text differ
