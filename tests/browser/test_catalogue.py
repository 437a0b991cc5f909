"""/catalogue/ in the browser: filtering by text and by domain (kept in the URL), sorting by a
number column, anchors, and axe in the light and the dark scheme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import NewContext
from .test_accessibility import blocking_violations
from .util import shot

pytestmark = pytest.mark.browser
PAGE = "/catalogue/"
VISIBLE_JS = """() => [...document.querySelectorAll('table.bms-catalogue tbody tr')]
  .filter(r => !r.hidden).map(r => ({id: r.id, domain: r.dataset.domain,
                                     text: r.textContent.toLowerCase()}))"""


def test_filter_by_text_and_domain(page: Page) -> None:
    page.goto(PAGE)
    total = page.locator("table.bms-catalogue tbody tr").count()
    assert total >= 150
    form = page.locator("form.bms-catalogue-filter")
    form.get_by_label("Text").fill("llama")
    rows = page.evaluate(VISIBLE_JS)
    assert 0 < len(rows) < total and all("llama" in r["text"] for r in rows)
    assert f"{len(rows)} of {total} models" in form.locator("output").inner_text()
    assert "text=llama" in page.url
    form.get_by_label("Text").fill("")
    form.get_by_label("Domain").select_option("protein")
    rows = page.evaluate(VISIBLE_JS)
    assert rows and all(r["domain"] == "protein" for r in rows)
    # The state is in the URL: a shared link opens the same view.
    page.goto(page.url)
    assert page.evaluate(VISIBLE_JS) == rows
    form = page.locator("form.bms-catalogue-filter")
    form.get_by_role("button", name="Clear").click()
    page.wait_for_function("() => [...document.querySelectorAll("
                           "'table.bms-catalogue tbody tr')].every(r => !r.hidden)")
    shot(page, "catalogue")


def test_sort_by_parameters(page: Page) -> None:
    page.goto(PAGE)
    heads = page.locator("table.bms-catalogue thead th")
    col = [heads.nth(i).inner_text() for i in range(heads.count())].index("Parameters")
    heads.nth(col).locator("button").click()
    values = page.evaluate(f"""() => [...document.querySelectorAll(
        'table.bms-catalogue tbody tr')].map(r => r.cells[{col}].getAttribute('data-sort'))""")
    numbers = [float(v) for v in values if v]
    assert len(numbers) > 100 and numbers == sorted(numbers)
    assert all(v == "" for v in values[len(numbers):])  # undisclosed and empty last


def test_chart_point_jumps_to_its_row(page: Page) -> None:
    page.goto(PAGE)
    point = page.locator("svg.bms-chart a").first
    target = (point.get_attribute("href") or "")[1:]
    point.click()
    assert page.url.endswith(f"#{target}")
    assert page.locator(f"tr[id='{target}']").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_catalogue(new_context: NewContext, axe_source: str, scheme: str) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(PAGE)
    page.wait_for_load_state("load")
    blocking = blocking_violations(page, axe_source)
    assert not blocking, "\n".join(blocking)
