"""At phone width (375x812) nothing scrolls sideways and the navigation drawer opens."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .util import KEY_PAGES, PHONE, shot

pytestmark = pytest.mark.browser

# The outermost elements that stick out of the window (not inside a scrolling box), for the
# failure message.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const contained = el => {  // in a scrolling box or a fixed layer: cannot widen the page
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.position === 'fixed' ||
          (p !== el && ['auto', 'scroll', 'hidden'].includes(style.overflowX))) { return true; }
    }
    return false;
  };
  const wide = el => el.getBoundingClientRect().right > width + 1 && !contained(el);
  return [...document.querySelectorAll('body *')]
    .filter(el => wide(el) && !(el.parentElement && wide(el.parentElement) &&
                                el.parentElement !== document.body))
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
         (typeof el.className === 'string' && el.className.trim() ?
          '.' + el.className.trim().split(/\\s+/).join('.') : '') +
         ' (right edge at ' + Math.round(el.getBoundingClientRect().right) + 'px)');
}"""


@pytest.fixture
def phone(new_context: NewContext) -> Page:
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                       device_scale_factor=2).new_page()


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_horizontal_scroll_at_phone_width(phone: Page, name: str) -> None:
    phone.goto(KEY_PAGES[name])
    shot(phone, f"phone-{name}")
    sizes = phone.evaluate("""() => ({scroll: document.documentElement.scrollWidth,
                                     client: document.documentElement.clientWidth})""")
    assert sizes["client"] == PHONE["width"]
    assert sizes["scroll"] <= sizes["client"], \
        f"{KEY_PAGES[name]} scrolls sideways: {sizes}; too wide: {phone.evaluate(OVERFLOW_JS)}"


def test_navigation_drawer_opens_at_phone_width(phone: Page) -> None:
    phone.goto("/")
    drawer = phone.locator(".md-sidebar--primary")
    models = drawer.locator("nav.md-nav--primary").get_by_role("link", name="Models", exact=True)
    on_screen = "el => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right > 0;}"
    assert not drawer.evaluate(on_screen), "the drawer is on screen before it is opened"
    phone.locator('label.md-header__button[for="__drawer"]').click()
    expect(phone.locator("#__drawer")).to_be_checked()
    phone.wait_for_function(on_screen.replace("el =>", "() => (el =>") +
                            ")(document.querySelector('.md-sidebar--primary'))")
    expect(models).to_be_visible()
    expect(models).to_be_in_viewport()
    shot(phone, "phone-drawer")
    models.click()
    phone.wait_for_url("**/models/")
