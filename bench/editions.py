"""Editions cost: the shipped survey's build with its editions cached, against the same build
without editions (target: at most 1.2). Each edition is built once, from its commit, into
`.cache/bmsurvey/editions/` (warmed here first); a cached build only copies (hard-links) the
cached trees and renders /editions/ and /changes/.

Run: python -m bench.editions [--runs 5]. Needs the repository's history (its commits)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.measure import checked, log, median, run

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("survey.yml", "topics", "references.bib", "catalogue", "docs", "mkdocs.yml")


def measure(runs: int, out: Path) -> dict[str, Any]:
    """Medians of `runs` interleaved builds: with editions (cache warm) and without."""
    py = sys.executable
    plain = out / "no-editions"  # the same sources without editions.yml
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, plain / name)
        elif src.is_file():
            plain.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, plain / name)
    commands = {
        "with_editions": ([py, "-m", "mkdocs", "build", "--strict", "-d", str(out / "site-e")],
                          REPO),
        "without_editions": ([py, "-m", "mkdocs", "build", "--strict", "-d",
                              str(out / "site-p")], plain),
    }
    log("editions: warming the edition cache (and both PDF caches: mkdocs.yml publishes one)")
    checked(run(commands["with_editions"][0], REPO, out / "warm.log"), "build with editions")
    checked(run(commands["without_editions"][0], plain, out / "warm-plain.log"),
            "build without editions")
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for i in range(runs):
        for name, (cmd, cwd) in commands.items():
            r = checked(run(cmd, cwd, out / f"{name}-{i}.log"), name)
            wall[name].append(r.seconds)
            cpu[name].append(r.cpu_s)
    w, c = ({k: median(v[k]) for k in commands} for v in (wall, cpu))
    return {"with_editions_s": round(w["with_editions"], 3),
            "without_editions_s": round(w["without_editions"], 3),
            "editions_cached_over_none": round(w["with_editions"] / w["without_editions"], 3),
            "editions_cached_over_none_cpu": round(c["with_editions"] / c["without_editions"], 3),
            "runs": runs}


def line(result: dict[str, Any]) -> str:
    return (f"editions (shipped survey): second build with editions cached "
            f"{result['with_editions_s']:.2f} s / build without editions "
            f"{result['without_editions_s']:.2f} s = {result['editions_cached_over_none']:.2f} "
            f"wall, {result['editions_cached_over_none_cpu']:.2f} CPU (target <= 1.2)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.editions", description=__doc__)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(line(measure(args.runs, Path(tmp))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
