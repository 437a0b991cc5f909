"""A topic title holding a script tag shows as text in the navigation and the head, and no
script of it runs (issue: the nav title was once printed raw on every page)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from bmsurvey.adapters.zensical import build_zensical
from tests.conftest import copy_root, mkdocs_build

from .conftest import ENGINES, serve_folder
from .util import DESKTOP, record_dialogs

pytestmark = pytest.mark.browser

TITLE = "Lang <script>alert('t')</script> {: onclick=alert(1)}"


@pytest.fixture(scope="module", params=ENGINES)
def hostile_url(tmp_path_factory: pytest.TempPathFactory,
                request: pytest.FixtureRequest) -> Iterator[str]:
    """The hostile fixture project built by each engine."""
    root = copy_root("hostile", tmp_path_factory.mktemp("hostile"))
    site = mkdocs_build(root) if request.param == "mkdocs" else build_zensical(root)
    with serve_folder(site) as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/models/language-model/", "/references/"])
def test_script_in_a_title_is_text_and_never_runs(browser: Browser, hostile_url: str,
                                                  path: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        dialogs = record_dialogs(page)
        page.goto(hostile_url + path)
        page.wait_for_load_state("load")
        links = page.locator(".md-nav__link", has_text="Lang <script>")
        assert links.count() >= 1
        assert TITLE in (links.first.text_content() or "")
        # Nothing the title carries became an element of the page.
        # JSON-LD is data a browser never runs; it may hold the title, as one JSON value.
        assert page.evaluate("""() => [...document.querySelectorAll('script')]
            .filter(s => s.type !== 'application/ld+json')
            .filter(s => (s.textContent || '').includes("alert('t')")).length""") == 0
        assert page.evaluate("""() => [...document.querySelectorAll(
            'script[type="application/ld+json"]')]
            .every(s => typeof JSON.parse(s.textContent) === 'object')""")
        if path == "/models/language-model/":
            assert page.title().startswith(TITLE)
        assert page.evaluate("""() => [...document.querySelectorAll('[onclick], [onerror]')]
            .length""") == 0
        visible = page.locator(".md-nav__link:visible", has_text="Lang <script>")
        if visible.count():
            visible.first.hover()
        assert dialogs == []
    finally:
        context.close()
