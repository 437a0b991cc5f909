"""axe-core on the key pages: no serious or critical violation; counts go to test-artifacts/."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from .util import ARTIFACTS, KEY_PAGES, shot

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
def test_no_serious_or_critical_axe_violation(page: Page, axe_source: str,
                                              axe_report: dict[str, Any], name: str) -> None:
    path = KEY_PAGES[name]
    page.goto(path)
    page.wait_for_load_state("load")
    shot(page, name)
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE)

    rules = Counter(v["impact"] for v in violations)
    nodes = Counter({i: 0 for i in IMPACTS})
    for v in violations:
        nodes[v["impact"]] += len(v["nodes"])
    axe_report[path] = {
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
