"""`bmsurvey pdf`: typeset `render.latex`'s document with LuaLaTeX and BibTeX (plainnat) in a
temporary folder, check the log, and cache the PDF by a hash of its inputs.

Runs: BibTeX first, from an .aux written here (every cited key is known before typesetting),
then LuaLaTeX twice: the document reads the .bbl's labels before its first citation, so the
first run sets every citation and the second only settles the contents and page references. A
third run happens only if the log still asks for one.

Reproducible: SOURCE_DATE_EPOCH (with FORCE_SOURCE_DATE=1) fixes the dates, the preamble
suppresses the optional info (file name, banner) and sets the /ID from the sources' hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bmsurvey.core.schema.meta import Person
from bmsurvey.core.survey import Survey
from bmsurvey.render.latex import LatexSources, render_latex
from bmsurvey.render.latex.document import BIB_NAME
from bmsurvey.render.latex.preamble import FONT_DIR

DEBIAN_PACKAGES = ("texlive-luatex", "texlive-latex-recommended", "fonts-dejavu-core",
                   "fonts-dejavu-extra")
FONTS = ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
         "DejaVuSerif-BoldItalic.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf",
         "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf", "DejaVuSans.ttf")
OVERFULL_LIMIT = 10.0  # pt
PUBLISHED = "export/bmsurvey.pdf"
CACHE_DIR = Path(".cache") / "bmsurvey" / "pdf"
# Set by an edition's build (a project in a temporary folder) to the living project's PDF cache,
# so an edition's PDF is typeset once for every engine and build, like the edition itself.
CACHE_ENV = "BMSURVEY_PDF_CACHE"
_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)(.*)\n(.*)$", re.M)
_UNDEF = re.compile(r"^(?:LaTeX|Package natbib) Warning: (?:Citation|Reference) [`'](.+?)' "
                    r"(?:on page \d+ )?undefined", re.M)
_DEST = re.compile(r"unreferenced destination with name '([^']*)'")
_ERROR = re.compile(r"^! (.*)$", re.M)
_RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|Citation\(s\) may have changed")


class PdfError(RuntimeError):
    """The TeX engine is missing or the typesetting failed; the message says which."""


@dataclass(frozen=True)
class PdfResult:
    pdf: bytes
    log: str
    runs: int


def missing_tools() -> list[str]:
    """What `bmsurvey pdf` needs and cannot find."""
    out = [tool for tool in ("lualatex", "bibtex") if shutil.which(tool) is None]
    out += [f for f in FONTS if not (Path(FONT_DIR) / f).is_file()]
    return out


def _check_tools() -> None:
    missing = missing_tools()
    if missing:
        raise PdfError(f"bmsurvey pdf needs {', '.join(missing)}: install the Debian packages "
                       f"{' '.join(DEBIAN_PACKAGES)} (apt-get install --no-install-recommends "
                       f"{' '.join(DEBIAN_PACKAGES)})")


def engine_version() -> str:
    """The TeX engine's banner: part of the cache key, so a new engine typesets again."""
    run = subprocess.run(["lualatex", "--version"], capture_output=True, text=True, check=False)
    return run.stdout.splitlines()[0] if run.stdout else "lualatex"


def log_problems(log: str) -> list[str]:
    """What makes a build fail: LaTeX errors, undefined citations or references (and links to
    destinations that do not exist), overfull boxes wider than 10 pt."""
    out = [f"LaTeX error: {m.group(1)}" for m in _ERROR.finditer(log)]
    out += [f"undefined citation or reference: {m.group(1)}" for m in _UNDEF.finditer(log)]
    out += [f"link to a missing destination: {m.group(1)}" for m in _DEST.finditer(log)]
    out += [f"overfull box {m.group(1)}pt too wide{m.group(2)}: {m.group(3)[:200]}"
            for m in _OVERFULL.finditer(log) if float(m.group(1)) > OVERFULL_LIMIT]
    return out


def release_epoch(survey: Survey) -> int:
    """Midnight UTC of survey.yml's release date: the PDF's date when SOURCE_DATE_EPOCH is
    not set, so the same survey gives the same bytes anywhere."""
    day = survey.project.meta.date_released
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _env(default_epoch: int = 0) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", str(default_epoch))
    env["FORCE_SOURCE_DATE"] = "1"
    env["max_print_line"] = "100000"  # one log line per message, so the log parses
    return env


def _run(cmd: list[str], cwd: Path, epoch: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=_env(epoch), capture_output=True, text=True,
                          errors="replace", check=False, stdin=subprocess.DEVNULL)


def typeset(src: LatexSources, default_epoch: int = 0) -> PdfResult:
    """The PDF of the sources; PdfError with the log's problems if it is not clean. Its date
    is SOURCE_DATE_EPOCH, or `default_epoch` where that is not set."""
    _check_tools()
    with tempfile.TemporaryDirectory(prefix="bmsurvey-pdf-") as tmp:
        work = Path(tmp)
        (work / "main.tex").write_text(src.tex, encoding="utf-8")
        (work / f"{BIB_NAME}.bib").write_text(src.bib, encoding="utf-8")
        keys = re.findall(r"^@\w+\{([^,\n]+),", src.bib, re.M)
        (work / "main.aux").write_text(
            "\\relax\n" + "".join(f"\\citation{{{k}}}\n" for k in keys)
            + f"\\bibstyle{{plainnat}}\n\\bibdata{{{BIB_NAME}}}\n", encoding="utf-8")
        if keys:
            bib = _run(["bibtex", "main"], work, default_epoch)
            if bib.returncode > 1 or not (work / "main.bbl").is_file():  # 1: warnings only
                raise PdfError("bibtex failed:\n" + bib.stdout[-3000:])
        runs, log = 0, ""
        while runs < 3:
            runs += 1
            tex = _run(["lualatex", "-interaction=nonstopmode", "-halt-on-error",
                        "main.tex"], work, default_epoch)
            log_path = work / "main.log"
            log = log_path.read_text(encoding="utf-8", errors="replace") \
                if log_path.is_file() else tex.stdout
            if tex.returncode != 0 or not (work / "main.pdf").is_file():
                problems = log_problems(log) or [f"lualatex exited with {tex.returncode}"]
                raise PdfError("typesetting the PDF failed:\n" + "\n".join(problems[:20]))
            if runs >= 2 and not _RERUN.search(log):
                break
        problems = log_problems(log)
        if problems:
            raise PdfError(f"the PDF's TeX log is not clean ({len(problems)} problems):\n"
                           + "\n".join(problems[:20]))
        return PdfResult((work / "main.pdf").read_bytes(), log, runs)


def cache_key(src: LatexSources, default_epoch: int = 0) -> str:
    h = hashlib.sha256()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", str(default_epoch))
    for part in (src.tex, src.bib, engine_version(), epoch):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def cached_path(survey: Survey, src: LatexSources, cache_dir: Path | None = None) -> Path:
    """Where the PDF of these sources is cached (`.cache/bmsurvey/pdf/<hash>.pdf`)."""
    shared = os.environ.get(CACHE_ENV)
    folder = (cache_dir if cache_dir is not None else Path(shared) if shared
              else survey.project.root / CACHE_DIR)
    return folder / f"{cache_key(src, release_epoch(survey))}.pdf"


def store(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(pdf)
    partial.replace(path)


def build_result(survey: Survey, authors: Sequence[Person] | None = None,
                 cache_dir: Path | None = None) -> PdfResult:
    """The survey's PDF and its TeX log, from the cache when its inputs have not changed
    (`runs` is 0 then)."""
    _check_tools()
    src = render_latex(survey, authors)
    cached = cached_path(survey, src, cache_dir)
    log = cached.with_suffix(".log")
    if cached.is_file() and log.is_file():
        return PdfResult(cached.read_bytes(), log.read_text(encoding="utf-8"), 0)
    result = typeset(src, release_epoch(survey))
    store(log, result.log.encode("utf-8"))
    store(cached, result.pdf)
    return result


def build_pdf(survey: Survey, authors: Sequence[Person] | None = None,
              cache_dir: Path | None = None) -> bytes:
    """The survey's PDF, from the cache when its inputs have not changed."""
    return build_result(survey, authors, cache_dir).pdf


def publish_pdf(survey: Survey, site_dir: Path, authors: Sequence[Person] | None = None,
                cache_dir: Path | None = None) -> Path:
    """Write the survey's PDF to `<site_dir>/export/bmsurvey.pdf` (an edition passes its own
    site folder, e.g. `site/editions/<v>`); returns the file."""
    target = site_dir / PUBLISHED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_pdf(survey, authors, cache_dir))
    return target


def pdf_name(survey: Survey) -> str:
    return f"bmsurvey-{survey.project.meta.version}.pdf"
