"""Command line: check, build, serve, render, fmt, new. User mistakes print diagnostics, never a
traceback; exit 1 on errors, 2 on bad usage."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bmsurvey.diagnostics import promote_warnings, render
from bmsurvey.survey import load_survey


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds topics/ or references.bib."""
    for d in (start, *start.parents):
        if (d / "topics").is_dir() or (d / "references.bib").is_file():
            return d
    return start


def cmd_check(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    survey = load_survey(root)
    diags = promote_warnings(survey.diagnostics) if args.strict else survey.diagnostics
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    text = render(diags, args.format)
    if text:
        print(text)
    if args.format == "json" and not text:
        print("[]")
    if args.format == "text":
        n_refs = len(survey.entries)
        print(f"checked {len(survey.project.topics)} topic files and {n_refs} references: "
              f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
              file=sys.stderr)
    return 1 if errors else 0


def _mkdocs(root: Path, *argv: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([sys.executable, "-m", "mkdocs", *argv], cwd=root, env=env)


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    survey = load_survey(root)
    errors = [d for d in survey.diagnostics if d.is_error]
    if errors:
        print(render(errors, "text"))
        return 1
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    return _mkdocs(root, "build", "--strict", *extra)


def cmd_serve(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    return _mkdocs(root, "serve", "--dev-addr", args.dev_addr)


def cmd_render(args: argparse.Namespace) -> int:
    from bmsurvey.render_out import render_site

    root = find_root(Path(args.root).resolve())
    survey = load_survey(root)
    errors = [d for d in survey.diagnostics if d.is_error]
    if errors:
        print(render(errors, "text"))
        return 1
    out = render_site(survey, Path(args.out).resolve())
    print(f"rendered the site sources into {out}; build them with `mkdocs build -f "
          f"{out / 'mkdocs.yml'}`")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bmsurvey", description=__doc__)
    p.add_argument("--root", default=".", help="project folder (default: here or above)")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check every topic and references.bib in one run")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--format", choices=["text", "github", "json"], default="text")
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="check, then build the site strictly into site/")
    b.add_argument("--site-dir", default=None)
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="live preview; edits to topics or references.bib reload")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    r = sub.add_parser("render", help="write plain Markdown + mkdocs.yml without the plugin")
    r.add_argument("--out", required=True, help="output folder (replaced)")
    r.set_defaults(func=cmd_render)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
