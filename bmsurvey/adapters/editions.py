"""Build the frozen editions: each one from the content at its commit, with today's code and the
living site's engine (mkdocs, or Zensical for `build --engine zensical`), once, into a cache
keyed by its commit.

    .cache/bmsurvey/editions/<version>-<commit>[-zensical]/
        site/              the edition's whole site, built with URLs under /editions/<version>/
        fingerprint.json   what the edition holds, for /changes/ (core.changes)
        links.json         each page's banner target on the living site
        key.json           what the cached build depends on; a different key rebuilds it

An edition is rebuilt when its key (version, date, commit, site_url, CACHE_FORMAT) changes, or
when a living page that one of its banners leads to comes or goes; never because the code
changed. One edition's build is a subprocess (`mkdocs build`, or `bmsurvey build --engine
zensical`) whose bmsurvey reads $BMSURVEY_EDITION: the plugin (or the Zensical adapter) then
cites the edition's URL with the living one beside it and puts the banner on every page.

The living build copies `site/` into `site/editions/<version>/` (mkdocs_plugin.on_post_build,
or zensical.build_zensical via render_out.render_site).
The content comes from `git archive <commit>`: survey.yml, topics/, references.bib, catalogue/
and docs/, whatever of them existed then. editions.yml is left out: an edition has no editions.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

import yaml

from bmsurvey.adapters.pdf import CACHE_DIR as PDF_CACHE_DIR
from bmsurvey.adapters.pdf import CACHE_ENV as PDF_CACHE_ENV
from bmsurvey.core.changes import Fingerprint, fingerprint, section_history
from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.editions import EDITIONS_NAME, FETCH_HINT, edition_meta, edition_url, git
from bmsurvey.core.schema.editions import Edition
from bmsurvey.core.survey import Survey, load_survey
from bmsurvey.render.editions import CHANGES_SRC, EDITIONS_SRC, changes_page, editions_page
from bmsurvey.render.site import Generated

Engine = Literal["mkdocs", "zensical"]

CACHE_DIR = ".cache/bmsurvey/editions"
SOURCES = ("survey.yml", "topics", "references.bib", "catalogue", "docs")
# The layout of a cache entry; a new layout rebuilds every edition once (not the code's version:
# an edition is not rebuilt because templates or checks change).
CACHE_FORMAT = 3  # 3: an edition publishes its own PDF
SPEC_ENV = "BMSURVEY_EDITION"  # the path of an edition build's spec.json (see EditionSpec)


@dataclass(frozen=True)
class EditionSpec:
    """What the plugin needs to build one edition; handed to its mkdocs run as a JSON file."""

    version: str
    date: str
    commit: str
    living_url: str  # the living site's address, cited beside the edition's own
    living_pages: list[str]  # site-relative URLs of the living site's pages, for the banner

    @classmethod
    def read(cls, path: Path) -> EditionSpec:
        return cls(**json.loads(path.read_text(encoding="utf-8")))

    @property
    def edition(self) -> Edition:
        return Edition.model_validate({"version": self.version, "commit": self.commit,
                                       "summary": "-", "date": self.date}, strict=False)


@dataclass(frozen=True)
class BuiltEdition:
    edition: Edition
    site: Path  # the cached site folder, copied to site/editions/<version>/
    fingerprint: Fingerprint


class EditionError(Exception):
    """An edition cannot be built: the diagnostics say which and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} edition problem(s)")
        self.diagnostics = diagnostics


def cache_dir(root: Path, edition: Edition, engine: Engine = "mkdocs") -> Path:
    """Keyed by version and commit; each engine builds its own copy, as the living site."""
    suffix = "" if engine == "mkdocs" else f"-{engine}"
    return root / CACHE_DIR / f"{edition.version}-{edition.commit}{suffix}"


def _key(edition: Edition, living_url: str) -> str:
    """Keyed by commit: code changes do not rebuild an edition (it stays frozen). Its address,
    version and date are in its pages, so changing one of them rebuilds it."""
    return json.dumps({"version": edition.version, "date": edition.date.isoformat(),
                       "commit": edition.commit, "site_url": living_url,
                       "format": CACHE_FORMAT}, sort_keys=True)


def _build_error(edition: Edition, message: str, hint: str) -> Diagnostic:
    return Diagnostic(EDITIONS_NAME, 0, 0, "edition-build",
                      f"edition {edition.version} ({edition.commit[:12]}): {message}", hint)


def extract(root: Path, commit: str, dest: Path) -> str:
    """The survey's sources at `commit` into `dest`; returns git's complaint, or ""."""
    listed = git(root, "ls-tree", "--name-only", commit)
    if listed.returncode != 0:
        return listed.stderr.strip()
    names = [n for n in listed.stdout.splitlines() if n in SOURCES]
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", commit, "--",
                              *names], capture_output=True, check=False)
    if archive.returncode != 0:
        return archive.stderr.decode("utf-8", "replace").strip()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    (dest / "docs").mkdir(exist_ok=True)
    return ""


def extra_outputs(src: Path, site: Path, edition: Edition) -> list[Diagnostic]:
    """THE place for further outputs of an edition, run once per edition build (cached with it).
    `src`: the edition's sources at its commit (a project root); `site`: its built site, the
    future /editions/<version>/. The PDF step goes here (e.g. write `site/export/bmsurvey.pdf`
    from `load_survey(src)`), returning located diagnostics instead of raising."""
    return []


def build_edition(root: Path, config_file: Path, edition: Edition, living_url: str,
                  living_pages: list[str], engine: Engine = "mkdocs",
                  ) -> tuple[BuiltEdition | None, list[Diagnostic]]:
    """The edition from the cache, or built into it with `engine`; None and diagnostics when it
    fails."""
    final = cache_dir(root, edition, engine)
    key = _key(edition, living_url)
    try:
        if (final / "key.json").read_text(encoding="utf-8") == key:
            links = json.loads((final / "links.json").read_text(encoding="utf-8"))
            pages = set(living_pages)
            if all(living_target(url, pages) == target for url, target in links.items()):
                fp = Fingerprint.from_json(
                    (final / "fingerprint.json").read_text(encoding="utf-8"))
                return BuiltEdition(edition, final / "site", fp), []
    except (OSError, ValueError, KeyError, AttributeError):
        pass  # not cached, a broken cache entry, or banner links to redo: build it again
    work = final.with_name(final.name + ".tmp")
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    src.mkdir(parents=True)
    try:
        problem = extract(root, edition.commit, src)
        if problem:
            return None, [_build_error(edition, f"cannot read its commit: {problem}", FETCH_HINT)]
        survey = load_survey(src)
        errors = [d for d in survey.diagnostics if d.is_error]
        if errors:
            # Today's checks reject the content of that commit: each error, located in it.
            # (`<commit>:<path>` is how `git show` reads the file.)
            return None, [replace(d, path=f"{edition.commit[:12]}:{d.path}",
                                  message=f"in edition {edition.version}: {d.message}",
                                  hint=d.hint + ("; " if d.hint else "") + "an edition's "
                                  "content cannot change: make the check accept it, or list "
                                  "another commit for the edition") for d in errors]
        fp = fingerprint(survey)
        spec = EditionSpec(edition.version, edition.date.isoformat(), edition.commit,
                           living_url, sorted(living_pages))
        (work / "spec.json").write_text(json.dumps(asdict(spec)), encoding="utf-8")
        config = src / "mkdocs.yml"
        url = edition_url(living_url, edition.version)
        if engine == "mkdocs":
            config.write_text(f"INHERIT: {json.dumps(str(config_file.resolve()))}\n"
                              f"site_url: {json.dumps(url)}\n", encoding="utf-8")
            cmd = ["-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "site")]
        else:  # Zensical reads the config as plain YAML (`bmsurvey.adapters.zensical`)
            data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
            config.write_text(yaml.safe_dump({**data, "site_url": url}, sort_keys=False,
                                             allow_unicode=True), encoding="utf-8")
            cmd = ["-m", "bmsurvey", "--root", str(src), "build", "--engine", engine,
                   "--site-dir", str(work / "site")]
        # The same bmsurvey as this process, wherever it was imported from.
        here = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, SPEC_ENV: str(work / "spec.json"), "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": path,
               PDF_CACHE_ENV: os.environ.get(PDF_CACHE_ENV) or str(root / PDF_CACHE_DIR)}
        run = subprocess.run([sys.executable, *cmd], capture_output=True, text=True,
                             env=env, cwd=src, check=False)
        if run.returncode != 0:
            tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-20:])
            return None, [_build_error(edition, f"its {engine} build failed:\n{tail}",
                                       "build it alone to see more: the error names the page")]
        diags = extra_outputs(src, work / "site", edition)
        if any(d.is_error for d in diags):
            return None, diags
        (work / "fingerprint.json").write_text(fp.to_json(), encoding="utf-8")
        (work / "links.json").write_text(json.dumps(_targets(work / "site", living_pages)),
                                         encoding="utf-8")
        (work / "key.json").write_text(key, encoding="utf-8")  # last: marks a complete build
        shutil.rmtree(src)
        shutil.rmtree(final, ignore_errors=True)
        work.rename(final)
        return BuiltEdition(edition, final / "site", fp), diags
    finally:
        shutil.rmtree(work, ignore_errors=True)


def living_target(page_url: str, living_pages: set[str]) -> str:
    """Where an edition page's banner leads on the living site: the same page, else its
    topic's part page, else the living home ("")."""
    part = page_url.split("/", 1)[0] + "/" if "/" in page_url else ""
    return next((c for c in (page_url, part) if c and c in living_pages), "")


def living_href(spec: EditionSpec, page_url: str) -> str:
    """From an edition page to its living page, relative (so it works under any host)."""
    root = "../" * (page_url.count("/") + 2)  # out of editions/<version>/
    return root + living_target(page_url, set(spec.living_pages))


def _targets(site: Path, living_pages: list[str]) -> dict[str, str]:
    """Each page of a built edition -> its banner's living target (cached with the edition: when
    a living page comes or goes, the edition is rebuilt so that no banner link breaks)."""
    pages = set(living_pages)
    urls = ("".join(f"{part}/" for part in p.relative_to(site).parent.parts)
            for p in site.rglob("index.html"))
    return {url: living_target(url, pages) for url in sorted(urls)}


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed: a real copy
        shutil.copy2(src, dst)


def copy_edition(built: BuiltEdition, site_dir: Path) -> None:
    """The cached edition into the living site, at /editions/<version>/: hard links to the
    cache where the file system allows (the files are never written in place), else copies."""
    dest = site_dir / "editions" / built.edition.version
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(built.site, dest, copy_function=_link_or_copy)


def apply_spec(survey: Survey, spec: EditionSpec, site_url: str) -> None:
    """Make a survey loaded from an edition's sources cite and link as that edition: its
    version, date and address (`site_url`), the living address beside it, no editions."""
    meta = edition_meta(survey.project.meta, spec.edition)
    survey.project.meta = meta.model_copy(update={"url": site_url or meta.url})
    survey.editions, survey.cite_meta, survey.cite_living = [], None, spec.living_url


def read_spec() -> EditionSpec | None:
    """The edition this process builds (its spec file named by $BMSURVEY_EDITION), or None."""
    path = os.environ.get(SPEC_ENV)
    return EditionSpec.read(Path(path)) if path else None


def page_url(src: str) -> str:
    """The site-relative URL of the page built from docs path `src` (directory URLs)."""
    if src == "index.md" or src.endswith("/index.md"):
        return src.removesuffix("index.md")
    return src.removesuffix(".md") + "/"


def living_pages(survey: Survey, docs_pages: list[str]) -> list[str]:
    """The living site's page URLs (for the banners' links): topics, parts, the survey's
    generated pages and the hand-written pages (docs paths)."""
    pages = {v.url for v in survey.topics} | {v.part.id + "/" for v in survey.topics}
    pages |= {page_url(src) for src in (EDITIONS_SRC, CHANGES_SRC, "references.md",
                                        "timeline.md", "stats.md", "schema.md",
                                        "diagnostics.md", "catalogue.md", *docs_pages)}
    return sorted(pages)


@dataclass(frozen=True)
class Prepared:
    """What a living build needs from the editions: the cached sites to copy, each section's
    history, and the /editions/ and /changes/ pages."""

    built: list[BuiltEdition]
    history: dict[tuple[str, str], str]
    pages: list[Generated]


def prepare_editions(survey: Survey, config_file: Path, docs_pages: list[str],
                     engine: Engine = "mkdocs") -> Prepared:
    """Every edition of `survey` from its cache (built first where missing). Raises
    EditionError with the located diagnostics of every edition that cannot be built."""
    if not survey.editions:
        return Prepared([], {}, [])
    living = survey.project.meta.url
    pages = living_pages(survey, docs_pages)
    built, problems = [], []
    for edition in survey.editions:
        one, diags = build_edition(survey.project.root, config_file, edition, living, pages,
                                   engine)
        problems += [d for d in diags if d.is_error]
        if one is not None:
            built.append(one)
    if problems:
        raise EditionError(problems)
    prints = {b.edition.version: b.fingerprint for b in built}
    history = section_history([(e.version, prints[e.version]) for e in survey.editions],
                              fingerprint(survey))
    return Prepared(built, history, [
        Generated(EDITIONS_SRC, editions_page(survey.editions, prints)),
        Generated(CHANGES_SRC, changes_page(survey.editions, prints))])
