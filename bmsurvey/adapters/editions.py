"""Build the frozen editions: each one from the content at its commit, with today's code and the
living site's engine (mkdocs), once, into a cache keyed by its commit.

    .cache/bmsurvey/editions/<version>-<commit>/
        site/              the edition's whole site, built with URLs under /editions/<version>/
        fingerprint.json   what the edition holds, for /changes/ (core.changes)
        key.json           what the cached build depends on; a different key rebuilds it

The living build copies `site/` into `site/editions/<version>/` (mkdocs_plugin.on_post_build).
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

from bmsurvey.core.changes import Fingerprint, fingerprint
from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.editions import EDITIONS_NAME, FETCH_HINT, edition_url, git
from bmsurvey.core.schema.editions import Edition
from bmsurvey.core.survey import load_survey

CACHE_DIR = ".cache/bmsurvey/editions"
SOURCES = ("survey.yml", "topics", "references.bib", "catalogue", "docs")
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


def cache_dir(root: Path, edition: Edition) -> Path:
    return root / CACHE_DIR / f"{edition.version}-{edition.commit}"


def _key(edition: Edition, living_url: str) -> str:
    """Keyed by commit: code changes do not rebuild an edition (it stays frozen). Its address,
    version and date are in its pages, so changing one of them rebuilds it."""
    return json.dumps({"version": edition.version, "date": edition.date.isoformat(),
                       "commit": edition.commit, "site_url": living_url}, sort_keys=True)


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
                  living_pages: list[str]) -> tuple[BuiltEdition | None, list[Diagnostic]]:
    """The edition from the cache, or built into it; None and diagnostics when it fails."""
    final = cache_dir(root, edition)
    key = _key(edition, living_url)
    try:
        if (final / "key.json").read_text(encoding="utf-8") == key:
            fp = Fingerprint.from_json((final / "fingerprint.json").read_text(encoding="utf-8"))
            return BuiltEdition(edition, final / "site", fp), []
    except (OSError, ValueError, KeyError):
        pass  # not cached, or a broken cache entry: build it again
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
        config.write_text(f"INHERIT: {json.dumps(str(config_file.resolve()))}\n"
                          f"site_url: {json.dumps(edition_url(living_url, edition.version))}\n",
                          encoding="utf-8")
        # The same bmsurvey as this process, wherever it was imported from.
        here = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, SPEC_ENV: str(work / "spec.json"), "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": path}
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                              "-d", str(work / "site")], capture_output=True, text=True,
                             env=env, cwd=src, check=False)
        if run.returncode != 0:
            tail = "\n".join((run.stderr or run.stdout).strip().splitlines()[-20:])
            return None, [_build_error(edition, f"its mkdocs build failed:\n{tail}",
                                "build it alone to see more: the error names the page")]
        diags = extra_outputs(src, work / "site", edition)
        if any(d.is_error for d in diags):
            return None, diags
        (work / "fingerprint.json").write_text(fp.to_json(), encoding="utf-8")
        (work / "key.json").write_text(key, encoding="utf-8")  # last: marks a complete build
        shutil.rmtree(src)
        shutil.rmtree(final, ignore_errors=True)
        work.rename(final)
        return BuiltEdition(edition, final / "site", fp), diags
    finally:
        shutil.rmtree(work, ignore_errors=True)


def living_href(spec: EditionSpec, page_url: str) -> str:
    """From an edition page to the same page on the living site (relative, so it works under
    any host): the page itself, else its topic's part page, else the living home."""
    root = "../" * (page_url.count("/") + 2)  # out of editions/<version>/
    pages = set(spec.living_pages)
    part = page_url.split("/", 1)[0] + "/" if "/" in page_url else ""
    for candidate in (page_url, part):
        if candidate and candidate in pages:
            return root + candidate
    return root


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
