"""`bmsurvey build --engine zensical`: the survey written as files (`render_site`, which is what
the mkdocs plugin computes at build time), then built by Zensical, which reads mkdocs.yml but
runs no mkdocs plugins. Zensical is called in this process through its Python API (its own
CLI does the same); its build goes into the temporary folder and then moves to the site folder.

Tested with zensical 0.0.73 (pinned in pyproject.toml): 0.0.74 and the 0.1 line need a
`zensical-ui` release that the package registry does not have."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from bmsurvey.adapters.editions import EditionError, apply_spec, read_spec
from bmsurvey.adapters.pdf import PdfError
from bmsurvey.adapters.render_out import render_site
from bmsurvey.core.diagnostics import render
from bmsurvey.core.survey import load_survey


class ZensicalBuildError(RuntimeError):
    """The survey has errors, Zensical is missing, or Zensical's build failed; the message says
    which, for the user."""


def build_zensical(root: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build `root`'s survey with Zensical into `site_dir` (default: mkdocs.yml's site_dir,
    `site/`); returns the site folder."""
    try:
        import zensical
    except ImportError:
        raise ZensicalBuildError(
            "the zensical engine needs the zensical package: "
            "python3 -m pip install 'bmsurvey[zensical]'") from None
    survey = load_survey(root)
    errors = [d for d in survey.diagnostics if d.is_error]
    if errors:
        raise ZensicalBuildError("bmsurvey: the knowledge base has errors; run `bmsurvey check`\n"
                                 + render(errors, "text"))
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    spec = read_spec()
    if spec is not None:  # this build is of one frozen edition (adapters.editions)
        apply_spec(survey, spec, config.get("site_url") or "")
    dest = (site_dir or root / config.get("site_dir", "site")).resolve()
    if dest == root.resolve() or dest in root.resolve().parents:
        raise ZensicalBuildError(f"the site folder {dest} would hold the project: choose another")
    with tempfile.TemporaryDirectory(prefix="bmsurvey-zensical-") as tmp:
        try:
            src = render_site(survey, Path(tmp) / "src", engine="zensical")
        except EditionError as exc:
            raise ZensicalBuildError("bmsurvey: an edition cannot be built\n"
                                     + render(exc.diagnostics, "text")) from None
        except PdfError as exc:  # the mkdocs.yml asks for the PDF (`pdf: true`)
            raise ZensicalBuildError(f"bmsurvey: {exc}") from None
        try:
            zensical.build(str(src / "mkdocs.yml"), {"clean": True, "strict": strict})
        except RuntimeError as exc:  # its located warnings are printed above
            raise ZensicalBuildError(f"zensical: {exc}") from None
        _replace_contents(dest, src / "site")
        if (src / "editions").is_dir():  # the frozen editions, built by Zensical too
            (dest / "editions").mkdir(exist_ok=True)
            for edition in (src / "editions").iterdir():
                shutil.move(str(edition), dest / "editions" / edition.name)
    return dest


def _replace_contents(dest: Path, built: Path) -> None:
    """Empty `dest` (kept itself, as mkdocs does) and move the built site into it."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.iterdir():
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()
    for new in built.iterdir():
        shutil.move(str(new), dest / new.name)
