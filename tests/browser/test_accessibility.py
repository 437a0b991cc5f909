"""axe-core: no serious or critical violation on the key pages, and on every page in both schemes.

Counts go to test-artifacts/axe.json (key pages); every page's findings to
axe-all-pages-<engine>.json.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import NewContext
from .util import ARTIFACTS, KEY_PAGES, SEARCH_INDEX, shot

pytestmark = pytest.mark.browser

IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
  }));
}"""


def blocking_violations(page: Page, axe_source: str) -> list[str]:
    """axe's serious and critical violations on the loaded page, one line each."""
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return [f"[{v['impact']}] {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in BLOCKING]


@pytest.fixture(scope="session")
def axe_report() -> Iterator[dict[str, Any]]:
    """Counts by impact per page, written to test-artifacts/axe.json as the pages are checked."""
    report: dict[str, Any] = {}
    yield report


def _write(report: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_serious_or_critical_axe_violation(page: Page, axe_source: str, engine: str,
                                              axe_report: dict[str, Any], name: str) -> None:
    path = KEY_PAGES[name]
    page.goto(path)
    page.wait_for_load_state("load")
    shot(page, f"{name}-{engine}")
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE)

    rules = Counter(v["impact"] for v in violations)
    nodes = Counter({i: 0 for i in IMPACTS})
    for v in violations:
        nodes[v["impact"]] += len(v["nodes"])
    axe_report[f"{engine} {path}"] = {
        "violations": {i: rules.get(i, 0) for i in IMPACTS},
        "nodes": {i: nodes.get(i, 0) for i in IMPACTS},
        "rules": {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations},
    }
    _write(axe_report)

    blocking = [v for v in violations if v["impact"] in BLOCKING]
    if blocking:
        lines = []
        for v in blocking:
            lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes) "
                         f"{v['helpUrl']}")
            for node in v["nodes"][:5]:
                first = (node["summary"] or "").splitlines()[1:2]
                lines.append(f"    {node['target']}  {first[0].strip() if first else ''}")
            if len(v["nodes"]) > 5:
                lines.append(f"    ... and {len(v['nodes']) - 5} more")
        pytest.fail(f"axe on {path}: {len(blocking)} serious/critical violations\n"
                    + "\n".join(lines), pytrace=False)


SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme

# Start axe on the page and return at once; AXE_RESULT waits for it. Only serious and critical
# violations come back: node targets and, for colour contrast, the colours and their ratio.
AXE_START = """() => {
  window.__bmsAxe = axe.run(document, {resultTypes: ['violations']}).then(result =>
    result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.map(n => {
          const data = (n.any[0] || {}).data || {};
          const colours = data.contrastRatio
            ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}:1,`
              + ` needs ${data.expectedContrastRatio})`
            : '';
          return n.target.join(' ') + colours;
        })
      })));
}"""
AXE_RESULT = "() => window.__bmsAxe"


def built_pages(site: Path) -> list[str]:
    """The URL path of every page of the living site (404.html is not an index.html).

    The frozen editions under /editions/<version>/ are left out: they are made by the same
    renderer and theme from older content, and tests/browser/test_editions.py runs axe on an
    edition's topic page, /editions/ and /changes/ in both schemes.
    """
    pages = ("/" + "".join(f"{part}/" for part in index.relative_to(site).parent.parts)
             for index in site.rglob("index.html"))
    return sorted(p for p in pages if not p.startswith("/editions/") or p == "/editions/")


def test_every_page_is_axe_clean_in_light_and_dark(new_context: NewContext, built_site: Path,
                                                   engine: str, axe_source: str) -> None:
    """Every page in both schemes: 0 serious or critical axe violations.

    One context and one page per scheme, navigated page after page, with axe injected into
    every document; axe runs in the light and the dark page at the same time (two renderers,
    two cores).
    """
    paths = built_pages(built_site)
    assert len(paths) > 20, f"only {len(paths)} pages in the built site"
    # Material's search worker fetches and indexes the whole site (1.8 MB) on every page load,
    # a third of this test's CPU; nothing it builds is on screen before a query, so each page
    # gets an index with the real configuration and no documents. (Zensical's search fetches
    # its index only when its dialog opens.)
    index_path, docs_key = SEARCH_INDEX[engine]
    index = json.loads((built_site / index_path).read_text(encoding="utf-8"))
    empty_index = json.dumps({"config": index["config"], docs_key: []})
    pages = {}
    for scheme in SCHEMES:
        context = new_context(color_scheme=scheme)
        context.route(f"**/{index_path}",
                      lambda route: route.fulfill(body=empty_index,
                                                  content_type="application/json"))
        context.add_init_script(script=axe_source)
        pages[scheme] = context.new_page()
    found: dict[str, dict[str, list[dict[str, Any]]]] = {scheme: {} for scheme in SCHEMES}
    for path in paths:
        for scheme, page in pages.items():
            response = page.goto(path)
            assert response is not None and response.ok, f"{path}: {response}"
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown == SCHEMES[scheme], f"{path} shows {shown} in the {scheme} scheme"
            page.evaluate(AXE_START)
        for scheme, page in pages.items():
            violations: list[dict[str, Any]] = page.evaluate(AXE_RESULT)
            if violations:
                found[scheme][path] = violations

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-all-pages-{engine}.json").write_text(
        json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    lines = []
    for scheme, by_path in found.items():
        for path, violations in by_path.items():
            for v in violations:
                lines.append(f"{scheme} {path} [{v['impact']}] {v['id']} "
                             f"({len(v['nodes'])} nodes)")
                lines.extend(f"    {target}" for target in v["nodes"][:5])
                if len(v["nodes"]) > 5:
                    lines.append(f"    ... and {len(v['nodes']) - 5} more")
    if lines:
        pytest.fail(f"axe on {len(paths)} pages x {len(SCHEMES)} schemes: serious or critical "
                    "violations\n" + "\n".join(lines), pytrace=False)
