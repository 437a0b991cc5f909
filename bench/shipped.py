"""The shipped survey side by side: `bmsurvey check`, the strict build and the floor.

Run: python -m bench.shipped [--runs 5]. The floor is `bmsurvey render --out` built by mkdocs
alone; the three commands are interleaved in each run, and medians are printed with the
build/floor ratio (wall and CPU)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.measure import checked, median, run

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.shipped", description=__doc__)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        floor = out / "floor"
        checked(run([py, "-m", "bmsurvey", "--root", str(REPO), "render", "--out", str(floor)],
                    REPO, out / "render.log"), "bmsurvey render")
        commands = {
            "check": ([py, "-m", "bmsurvey", "--root", str(REPO), "check"], REPO),
            "build": ([py, "-m", "mkdocs", "build", "--strict", "-d", str(out / "site")], REPO),
            "floor": ([py, "-m", "mkdocs", "build", "-d", str(out / "floor-site")], floor),
        }
        wall: dict[str, list[float]] = {k: [] for k in commands}
        cpu: dict[str, list[float]] = {k: [] for k in commands}
        for i in range(args.runs):
            for name, (cmd, cwd) in commands.items():
                r = checked(run(cmd, cwd, out / f"{name}-{i}.log"), name)
                wall[name].append(r.seconds)
                cpu[name].append(r.cpu_s)
    for name in commands:
        print(f"{name}: {median(wall[name]):.2f} s wall, {median(cpu[name]):.2f} s CPU "
              f"(runs: {', '.join(f'{x:.2f}' for x in wall[name])})")
    print(f"build/floor: {median(wall['build']) / median(wall['floor']):.2f} wall, "
          f"{median(cpu['build']) / median(cpu['floor']):.2f} CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
