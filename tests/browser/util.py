"""Helpers shared by the browser tests: paths, viewports, waiting for layout, screenshots."""

from __future__ import annotations

import html
import re
from pathlib import Path

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

TOPIC = "/models/language-model/"
TOPIC_TITLE = "Language Model"
#: The pages a reader lands on most; each gets a screenshot, an axe run and a phone-width check.
KEY_PAGES = {"home": "/", "topic": TOPIC, "references": "/references/",
             "timeline": "/timeline/", "stats": "/stats/"}

# Is the element's box inside the window and not under Material's sticky header?
_IN_VIEW_JS = """el => {
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  return r.height > 0 && r.top >= top - 1 && r.left >= 0 &&
    r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1;
}"""
_RECT_JS = """el => { const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          innerHeight: window.innerHeight, innerWidth: window.innerWidth,
          scrollY: window.scrollY}; }"""


def shot(page: Page, name: str) -> Path:
    """Save a screenshot of the window under test-artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def assert_in_viewport(locator: Locator, timeout: float = 5000) -> None:
    """Wait until the element is fully visible in the window (below the sticky header)."""
    handle = locator.element_handle(timeout=timeout)
    assert handle is not None, f"{locator} does not exist"
    try:
        locator.page.wait_for_function(_IN_VIEW_JS, arg=handle, timeout=timeout)
    except PlaywrightTimeout:
        rect = handle.evaluate(_RECT_JS)
        raise AssertionError(f"{locator} is not in the viewport: {rect}") from None


def heading_text(locator: Locator) -> str:
    """A heading's own text, without Material's permalink (¶)."""
    text: str = locator.evaluate(
        "el => [...el.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")
    return text


def first_citation(site: Path, page_path: str, inside: str = "") -> tuple[str, str]:
    """(key, title) of the first citation in the built HTML of a page, optionally after `inside`.

    Read from the file because Material moves the title attribute into its tooltip at runtime.
    """
    source = (site / page_path.strip("/") / "index.html").read_text(encoding="utf-8")
    start = source.index(inside) if inside else 0
    match = re.compile(r'<a class="bms-cite" href="[./]*references/#([^"]+)" title="([^"]*)"'
                       ).search(source, start)
    assert match, f"no citation in {page_path}"
    return html.unescape(match.group(1)), html.unescape(match.group(2))


def reference_entry(page: Page, key: str) -> Locator:
    """The heading of a key's entry on /references/ (`h2.bms-ref`, its paragraphs follow)."""
    return page.locator(f'h2.bms-ref[id="{key}"]')


def cited_in(page: Page, key: str) -> Locator:
    """The "Cited in" paragraph of a key's entry."""
    return page.locator(f'h2.bms-ref[id="{key}"] + p.bms-ref-links + p.bms-cited-in')


#: JavaScript: the citation key of an entry heading.
ENTRY_KEY_JS = "el => el.id"
