"""How fast the /references/ browser filters and sorts with many references, in a real Chromium.

Run: python -m bench.filter_speed [--refs 20000] [--runs 5]. It copies the project, appends
synthetic (uncited) entries to references.bib so the page lists --refs works, builds the site,
serves it on 127.0.0.1 and times the filter's own work (bmsurvey.js records it in
data-filter-ms) and the wall time from a keystroke to the updated count."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import shutil
import statistics
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WORDS = ["neural", "language", "model", "transformer", "attention", "scaling", "vision",
         "protein", "dialogue", "translation", "retrieval", "alignment", "robust", "efficient",
         "sparse", "memory", "reasoning", "graph", "diffusion", "contrastive", "benchmark",
         "evaluation", "privacy", "federated", "quantization"]
SURNAMES = ["M{\\\"u}ller", "Garc{\\'\\i}a", "Smith", "Wang", "Li", "Zhang", "Nguyen",
            "Kowalski", "{\\O}rsted", "Dupont", "Rossi", "Tanaka", "Kim", "Ivanov"]


def synthetic_bib(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        authors = " and ".join(f"{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}."
                               for _ in range(rng.randint(1, 12)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        kind = rng.choice(["article", "inproceedings", "misc"])
        venue = {"article": "journal = {Journal of Synthetic Results}",
                 "inproceedings": "booktitle = {Proceedings of the Synthetic Conference}",
                 "misc": f"eprint = {{{2000 + rng.randrange(500)}.{rng.randrange(10000):05d}}},"
                         "\n  archivePrefix = {arXiv}"}[kind]
        out.append(f"@{kind}{{synth{i:06d}x,\n  author = {{{authors}}},\n  title = {{{title}}},\n"
                   f"  {venue},\n  year = {{{rng.randint(1990, 2025)}}},\n"
                   f"  url = {{https://example.org/{i}}},\n}}\n")
    return "\n".join(out)


def build(refs: int, work: Path) -> Path:
    from bmsurvey.adapters.mkbuild import build_site

    root = work / "project"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        "site", ".git", "node_modules", "bench", "tests", "test-artifacts", "*.egg-info"))
    existing = (root / "references.bib").read_text(encoding="utf-8")
    extra = max(refs - existing.count("\n@"), 0)
    (root / "references.bib").write_text(existing + "\n" + synthetic_bib(extra), "utf-8")
    return build_site(root, work / "site", strict=False)


def measure(site: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/references/"
    results: dict[str, list[float]] = {"load_ms": [], "filter_ms": [], "filter_wall_ms": [],
                                       "topic_ms": [], "sort_ms": [], "clear_ms": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            for _ in range(runs):
                page.goto(url)
                page.wait_for_selector("#bms-filter:not([hidden])")
                results["load_ms"].append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd"))
                for key, action in (
                        ("filter_ms", lambda: page.fill("input[name=text]", "transformer")),
                        ("topic_ms", lambda: page.select_option("select[name=topic]",
                                                                "language-model")),
                        ("sort_ms", lambda: page.select_option("select[name=sort]", "year")),
                        ("clear_ms", lambda: page.click("#bms-filter button[type=reset]"))):
                    before = page.get_attribute("#bms-refs", "data-applied")
                    start = page.evaluate("performance.now()")
                    action()
                    page.wait_for_function("n => document.getElementById('bms-refs')"
                                           ".dataset.applied !== n", arg=before, timeout=60000)
                    end = page.evaluate("performance.now()")
                    results[key].append(float(page.get_attribute("#bms-refs",
                                                                 "data-filter-ms") or 0))
                    if key == "filter_ms":
                        results["filter_wall_ms"].append(end - start)
            shown = page.evaluate("document.querySelectorAll('#bms-refs > .bms-ref').length")
            browser.close()
    finally:
        server.shutdown()
    out: dict[str, Any] = {k: round(statistics.median(v), 1) for k, v in results.items()}
    out["references_on_page"] = shown
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--refs", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", default=None)
    ap.add_argument("--keep", default=None, help="build into this folder and keep it")
    ap.add_argument("--site", default=None, help="measure an already built site")
    args = ap.parse_args(argv)
    if args.site:
        result = measure(Path(args.site), args.runs)
    elif args.keep:
        result = measure(build(args.refs, Path(args.keep)), args.runs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = measure(build(args.refs, Path(tmp)), args.runs)
    result["refs"] = args.refs
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
