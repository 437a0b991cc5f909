"""Helpers shared by the browser tests: paths, viewports, waiting for layout, screenshots."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from playwright.sync_api import Dialog, Locator, Page, expect
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


#: Where each engine writes its search index, and the key of the document list in it.
SEARCH_INDEX = {"mkdocs": ("search/search_index.json", "docs"),
                "zensical": ("search.json", "items")}


def search_docs(site: Path, engine: str) -> list[dict[str, str]]:
    """The search documents of a built site: location, title and text of each."""
    path, key = SEARCH_INDEX[engine]
    docs: list[dict[str, str]] = json.loads((site / path).read_text(encoding="utf-8"))[key]
    return docs


def run_search(page: Page, engine: str, query: str) -> Locator:
    """Type `query` into the theme's own search from the home page; returns the results' box.

    Material: the header's search box, once its worker has loaded the index (queries typed
    before that are dropped). Zensical's modern theme: `/` opens its search dialog, which
    fetches the index then; the dialog lives in a shadow root, which Playwright's CSS pierces.
    """
    page.goto("/")
    if engine == "mkdocs":
        meta = page.locator(".md-search-result__meta")
        expect(meta).not_to_have_text(re.compile("Initializing"), timeout=15_000)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query)
        expect(meta).to_have_text(re.compile(r"\d+ matching document"), timeout=15_000)
        return page.locator(".md-search-result")
    page.keyboard.press("/")
    dialog = page.locator("dialog[aria-label=Search]")
    expect(dialog).to_be_visible()
    dialog.locator("input[role=combobox]").press_sequentially(query)
    expect(dialog.locator("[role=status]")).to_have_text(re.compile(r"\d+ results?"),
                                                         timeout=15_000)
    return dialog.locator("[role=listbox]")


def search_is_closed(page: Page, engine: str) -> bool:
    """No search dialog of the theme is open and its box does not hold the focus."""
    if engine == "mkdocs":
        return not page.locator("#__search").is_checked() and not page.evaluate(
            "document.activeElement.matches('input.md-search__input')")
    return page.locator("dialog[aria-label=Search][open]").count() == 0


def record_dialogs(page: Page) -> list[str]:
    """Every alert/confirm/prompt the page opens from now on (each dismissed): a script that
    contributed text smuggled in would show here."""
    dialogs: list[str] = []

    def dialog(d: Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return dialogs
