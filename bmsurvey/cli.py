"""Command line: check, build, serve, render, pdf, fmt, new. User mistakes print diagnostics,
never a traceback; exit 1 on errors, 2 on bad usage."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bmsurvey.core.diagnostics import promote_warnings, render
from bmsurvey.core.survey import Survey, load_survey

# bmsurvey.adapters.render_out.Engine (imported only when rendering)
ENGINES = ("mkdocs", "zensical")


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


def cmd_build(args: argparse.Namespace) -> int:
    """A strict mkdocs build in this process: the plugin loads and checks the survey once (a
    separate check first would load everything twice). `--engine zensical`: the survey as files,
    built by Zensical (`bmsurvey.adapters.zensical`)."""
    if args.engine == "zensical":
        return _build_zensical(args)
    import logging

    from mkdocs.exceptions import MkDocsException

    from bmsurvey.adapters.mkbuild import build_site

    root = find_root(Path(args.root).resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        site = build_site(root, Path(args.site_dir).resolve() if args.site_dir else None)
    except MkDocsException as exc:  # the plugin's PluginError carries the located diagnostics
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    print(f"built the site into {site}", file=sys.stderr)
    return 0


def _build_zensical(args: argparse.Namespace) -> int:
    from bmsurvey.adapters.zensical import ZensicalBuildError, build_zensical

    root = find_root(Path(args.root).resolve())
    try:
        site = build_zensical(root, Path(args.site_dir).resolve() if args.site_dir else None)
    except ZensicalBuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"built the site with Zensical into {site}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """mkdocs' live preview in this process, with its log as `mkdocs serve` prints it; the line
    "Serving on http://HOST:PORT/PATH/" comes once the port is bound, with the path of the
    site's `site_url`. Survey errors become the preview's pages (see the plugin), not a hang."""
    import logging

    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    root = find_root(Path(args.root).resolve())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr)
    except MkDocsException as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # the port is taken, say
        print(f"bmsurvey serve: cannot serve on {args.dev_addr}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return 0


def _survey_without_errors(args: argparse.Namespace) -> Survey | None:
    """The project's survey, or None after printing its errors (for commands that write)."""
    survey = load_survey(find_root(Path(args.root).resolve()))
    errors = [d for d in survey.diagnostics if d.is_error]
    if errors:
        print(render(errors, "text"))
        return None
    return survey


def cmd_render(args: argparse.Namespace) -> int:
    from bmsurvey.adapters.editions import EditionError
    from bmsurvey.adapters.render_out import render_site

    survey = _survey_without_errors(args)
    if survey is None:
        return 1
    from bmsurvey.adapters.pdf import PdfError

    try:
        out = render_site(survey, Path(args.out).resolve(), args.engine)
    except EditionError as exc:
        print(render(exc.diagnostics, "text"))
        return 1
    except PdfError as exc:
        print(f"bmsurvey render: {exc}", file=sys.stderr)
        return 1
    print(f"rendered the site sources into {out}; build them with `{args.engine} build -f "
          f"{out / 'mkdocs.yml'}`")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """The survey typeset as one PDF (`bmsurvey.adapters.pdf`)."""
    from bmsurvey.adapters.pdf import PdfError, build_pdf, pdf_name

    survey = _survey_without_errors(args)
    if survey is None:
        return 1
    out = Path(args.out) if args.out else Path(pdf_name(survey))
    try:
        pdf = build_pdf(survey)
    except PdfError as exc:
        print(f"bmsurvey pdf: {exc}", file=sys.stderr)
        return 1
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        print(f"bmsurvey pdf: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(pdf):,} bytes)", file=sys.stderr)
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from bmsurvey.tools.fmt import run as run_fmt

    root = find_root(Path(args.root).resolve())
    result = run_fmt(root, args.paths, check=args.check)
    if result.diagnostics:
        print(render(result.diagnostics, "text"))
    verb = "would reformat" if args.check else "reformatted"
    for rel in result.changed:
        print(f"{verb} {rel}")
    n, refused = len(result.changed), len({d.path for d in result.diagnostics})
    print(f"{verb} {n} file{'s' * (n != 1)}, {len(result.unchanged)} already formatted"
          + (f", {refused} not formatted because of errors" if refused else ""), file=sys.stderr)
    failed = any(d.is_error for d in result.diagnostics)
    return 1 if failed or (args.check and result.changed) else 0


def cmd_new(args: argparse.Namespace) -> int:
    from bmsurvey.tools.scaffold import new_section, new_topic

    root = find_root(Path(args.root).resolve())
    if args.kind == "topic":
        created = new_topic(root, args.part_id, args.topic_id, args.title)
    else:
        created = new_section(root, args.topic_id, args.section_id, args.title)
    if created.path is None:
        print(render(created.diagnostics, "text"))
        return 1
    rel = created.path.relative_to(root).as_posix()
    what = "created" if args.kind == "topic" else f"added section '{args.section_id}' to"
    print(f"{what} {rel}: replace the TODO placeholders, then run `bmsurvey check`")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from bmsurvey.core.schema_json import SCHEMA_PATH, schema_is_current, schema_text, write_schema

    root = find_root(Path(args.root).resolve())
    if args.check:
        if schema_is_current(root):
            return 0
        print("schemas/*.schema.json are stale or missing; run `bmsurvey schema --write`")
        return 1
    if args.write:
        changed = write_schema(root)
        names = ", ".join(p.as_posix() for p in changed)
        print(f"wrote {names}" if changed else f"unchanged: {SCHEMA_PATH.parent.as_posix()}/")
        return 0
    sys.stdout.write(schema_text())
    return 0


def cmd_citation(args: argparse.Namespace) -> int:
    from bmsurvey.render.cff import CFF_PATH, cff_is_current, citation_cff, write_cff

    survey = load_survey(find_root(Path(args.root).resolve()))
    errors = [d for d in survey.diagnostics if d.is_error]
    if errors:
        print(render(errors, "text"))
        return 1
    if args.check:
        if cff_is_current(survey):
            return 0
        print(f"{CFF_PATH} is stale or missing; run `bmsurvey citation --write`")
        return 1
    if args.write:
        print(f"wrote {CFF_PATH}" if write_cff(survey) else f"unchanged: {CFF_PATH}")
        return 0
    sys.stdout.write(citation_cff(survey))
    return 0


def add_tool_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`fmt`, `new`, `schema` and `citation`: the contributor tools next to check/build/serve."""
    from bmsurvey.core.schema.parts import PART_IDS

    f = sub.add_parser("fmt", help="format topic YAML and references.bib canonically")
    f.add_argument("--check", action="store_true",
                   help="write nothing; list the files that would change and exit 1 if any")
    f.add_argument("paths", nargs="*",
                   help="files or folders (default: every topic and references.bib)")
    f.set_defaults(func=cmd_fmt)
    n = sub.add_parser("new", help="start a topic or a section from a skeleton")
    kinds = n.add_subparsers(dest="kind", required=True)
    t = kinds.add_parser("topic", help="write topics/<part-id>/<topic-id>.yaml")
    t.add_argument("part_id", metavar="part-id", help="one of " + ", ".join(PART_IDS))
    t.add_argument("topic_id", metavar="topic-id", help="lowercase words joined by hyphens")
    t.add_argument("--title", required=True, help="title of the topic page")
    t.set_defaults(func=cmd_new)
    s = kinds.add_parser("section", help="append a section to a topic")
    s.add_argument("topic_id", metavar="topic-id", help="the topic's file name without .yaml")
    s.add_argument("section_id", metavar="section-id", help="a new, permanent anchor")
    s.add_argument("--title", required=True, help="heading of the section")
    s.set_defaults(func=cmd_new)
    j = sub.add_parser("schema", help="the topic JSON Schema for editors (printed by default)")
    mode = j.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write schemas/topic.schema.json")
    mode.add_argument("--check", action="store_true", help="exit 1 if that file is stale")
    j.set_defaults(func=cmd_schema)
    cff = sub.add_parser("citation", help="CITATION.cff from survey.yml and the named authors")
    mode = cff.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write CITATION.cff")
    mode.add_argument("--check", action="store_true", help="exit 1 if that file is stale")
    cff.set_defaults(func=cmd_citation)


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
    b.add_argument("--engine", choices=ENGINES, default="mkdocs",
                   help="mkdocs with the bmsurvey plugin (default), or zensical")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="live preview; edits to topics or references.bib reload")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    r = sub.add_parser("render", help="write plain Markdown + mkdocs.yml without the plugin")
    r.add_argument("--out", required=True, help="output folder (replaced)")
    r.add_argument("--engine", choices=ENGINES, default="mkdocs",
                   help="the site generator the folder is for (links in raw HTML differ)")
    r.set_defaults(func=cmd_render)
    d = sub.add_parser("pdf", help="typeset the survey as one PDF (LuaLaTeX + BibTeX)")
    d.add_argument("--out", default=None, help="the PDF to write (default: bmsurvey-<version>.pdf)")
    d.set_defaults(func=cmd_pdf)
    add_tool_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
