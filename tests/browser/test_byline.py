"""The byline of named authors in a real browser: no serious or critical axe violation in
either colour scheme, each ORCID link named after its person and reachable by keyboard, and
hostile author names shown as text with nothing of them run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.conftest import copy_root, mkdocs_build

from .conftest import serve_folder
from .test_accessibility import blocking_violations
from .util import DESKTOP, record_dialogs

pytestmark = pytest.mark.browser

PAGE = "/models/language-model/"


@pytest.fixture(scope="module")
def authors_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_root("authors", tmp_path_factory.mktemp("authors"))
    with serve_folder(mkdocs_build(root)) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_byline_is_accessible(browser: Browser, authors_url: str, axe_source: str,
                              scheme: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(authors_url + PAGE)
        page.wait_for_load_state("load")
        byline = page.locator("p.bms-byline").first
        assert byline.is_visible()
        assert blocking_violations(page, axe_source) == []
        assert (byline.inner_text()).startswith("By Josiah Carberry")
        link = page.get_by_role(
            "link", name="ORCID record of Josiah Carberry: 0000-0002-1825-0097", exact=True)
        assert link.count() == 1 and link.is_visible()
        assert link.get_attribute("href") == "https://orcid.org/0000-0002-1825-0097"
        # Reachable by keyboard: tabbing from the byline's start lands on the link.
        page.evaluate("""() => {
            const p = document.querySelector('p.bms-byline');
            p.tabIndex = -1; p.focus(); }""")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.href") == \
            "https://orcid.org/0000-0002-1825-0097"
    finally:
        context.close()


def test_hostile_author_names_never_run(browser: Browser,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    root = copy_root("hostile", tmp_path_factory.mktemp("hostile-byline"))
    with serve_folder(mkdocs_build(root)) as url:
        context = browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            dialogs = record_dialogs(page)
            page.goto(url + PAGE)
            page.wait_for_load_state("load")
            text = page.locator("p.bms-byline").first.inner_text()
            assert "Mallory </script><script>alert('a')</script>" in text
            for author in page.locator("p.bms-byline .bms-author").all():
                author.hover()
            assert page.evaluate("() => document.querySelectorAll('[onmouseover]').length") == 0
            assert dialogs == []
        finally:
            context.close()
