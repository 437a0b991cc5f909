"""Tables in the browser: sorting by a click on a header (and the page without script), and axe
on a topic page with tables and its taxonomy figure, in the light and the dark scheme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import NewContext
from .test_accessibility import blocking_violations
from .util import TOPIC, shot

pytestmark = pytest.mark.browser

VALUES_JS = """([table, col]) => [...document.querySelectorAll(
  `#${table} tbody tr`)].map(r => r.cells[col].getAttribute('data-sort'))"""


def _numeric_table(page: Page) -> tuple[str, int]:
    """The first table on the page with a number column holding at least two values."""
    found = page.evaluate("""() => {
      for (const fig of document.querySelectorAll('figure.bms-table')) {
        const heads = [...fig.querySelectorAll('thead th')];
        for (let i = 0; i < heads.length; i++) {
          if (heads[i].dataset.type !== 'number') continue;
          const vals = [...fig.querySelectorAll('tbody tr')]
            .map(r => r.cells[i].getAttribute('data-sort')).filter(v => v !== '');
          if (new Set(vals).size >= 2) return [fig.id, i];
        }
      }
      return null; }""")
    assert found, "no sortable number column on the topic page"
    return found[0], found[1]


def test_click_on_a_header_sorts_and_a_second_click_reverses(page: Page) -> None:
    page.goto(TOPIC)
    table, col = _numeric_table(page)
    header = page.locator(f"#{table} thead th").nth(col)
    button = header.locator("button.bms-sort")
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = [v for v in page.evaluate(VALUES_JS, [table, col]) if v != ""]
    assert [float(v) for v in values] == sorted(float(v) for v in values)
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    values = [v for v in page.evaluate(VALUES_JS, [table, col]) if v != ""]
    assert [float(v) for v in values] == sorted((float(v) for v in values), reverse=True)
    # Empty cells stay last either way.
    raw = page.evaluate(VALUES_JS, [table, col])
    assert raw[len(values):] == [""] * (len(raw) - len(values))
    # Keyboard: the header button is focusable and sorts on Enter.
    first = page.locator(f"#{table} thead th").first
    first.locator("button").focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-sort") == "ascending"
    assert header.get_attribute("aria-sort") is None
    shot(page, "topic-table-sorted")


def test_without_script_the_table_is_in_source_order(new_context: NewContext) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(TOPIC)
    assert page.locator("figure.bms-table").count() >= 2
    assert page.locator("figure.bms-table thead th button").count() == 0
    assert page.locator("figure.bms-table thead th[scope=col]").count() >= 5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_topic_with_tables_and_figure(new_context: NewContext, axe_source: str,
                                              scheme: str) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(TOPIC)
    page.wait_for_load_state("load")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert page.locator("svg.bms-taxonomy").count() == 1
    assert page.locator("figure.bms-table").count() >= 2
    shot(page, f"topic-{scheme}")
    blocking = blocking_violations(page, axe_source)
    assert not blocking, "\n".join(blocking)
