"""The recorder behind every browser test must actually see errors and off-site requests."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import Traffic

pytestmark = pytest.mark.browser


def test_recorder_catches_console_errors_and_offsite_requests(page: Page, traffic: Traffic,
                                                              engine: str) -> None:
    page.goto("/")
    assert traffic.pages and traffic.pages[-1].endswith("/")
    assert any(url.endswith("/bmsurvey.js") for url in traffic.requests), traffic.requests
    if engine == "mkdocs":  # Zensical's search fetches its index when the dialog opens
        expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search")
        assert any("search_index.json" in url for url in traffic.requests), "search worker unseen"
    assert traffic.offsite() == [] and traffic.errors == []
    page.evaluate("""() => { console.error('planted error');
        return fetch('http://offsite.invalid/x').catch(() => null); }""")
    page.wait_for_timeout(200)
    assert any("planted error" in e for e in traffic.errors), traffic.errors
    assert "http://offsite.invalid/x" in traffic.offsite()
    page.evaluate("() => { setTimeout(() => { throw new Error('planted exception'); }); }")
    page.wait_for_timeout(200)
    assert any("planted exception" in e for e in traffic.errors), traffic.errors
    # Planted on purpose: forget them so the fixture's own check at teardown passes.
    traffic.errors.clear()
    traffic.requests.clear()
