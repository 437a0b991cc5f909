"""`python -m bench --json FILE`: generate synthetic knowledge bases, time them, write JSON."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench import editions
from bench.measure import BenchError, run_benchmark, scales_from, table, write_json

DEFAULT_OUT = Path(__file__).resolve().parent / "out"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--json", required=True, type=Path, help="where to write the results")
    p.add_argument("--scales", default="1x,10x", help="comma-separated: tiny, 1x, 10x")
    p.add_argument("--quick", action="store_true",
                   help="only 1x, one repetition, no peer (for tests and quick looks)")
    p.add_argument("--reps", type=int, default=3, help="repetitions per measurement")
    p.add_argument("--no-peer", action="store_true", help="skip mkdocs-bibtex")
    p.add_argument("--no-rebuild", action="store_true", help="skip the serve rebuild timing")
    p.add_argument("--no-editions", action="store_true",
                   help="skip the editions figure (shipped survey, needs the git history)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work folder (git-ignored)")
    p.add_argument("--bib-entries", type=int, default=20_000, help="size of the bib-only run")
    p.add_argument("--bib-sample", type=int, default=2_000,
                   help="entries for bibtexparser's LatexDecodingMiddleware comparison")
    p.add_argument("--budget", type=float, default=1140.0,
                   help="seconds; extra repetitions are dropped past it (default 19 min)")
    args = p.parse_args(argv)
    scales = scales_from("1x" if args.quick else args.scales)
    reps = 1 if args.quick else max(1, args.reps)
    try:
        result = run_benchmark(scales, args.out.resolve(), reps=reps,
                               peer=not (args.quick or args.no_peer),
                               rebuild=not args.no_rebuild, bib_entries=args.bib_entries,
                               bib_sample=args.bib_sample, budget_s=args.budget,
                               command=" ".join(["python -m bench", *(argv or sys.argv[1:])]))
        if not (args.quick or args.no_editions):
            with tempfile.TemporaryDirectory() as tmp:
                result["editions"] = editions.measure(reps, Path(tmp))
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    write_json(result, args.json)
    print(table(result))
    if "editions" in result:
        print(editions.line(result["editions"]))
    print(f"\nwrote {args.json} in {result['duration_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
