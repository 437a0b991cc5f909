"""Timings of the benchmark: check, build, the floor, the mkdocs-bibtex peer, serve rebuilds and
BibTeX load throughput. Everything heavy runs in a subprocess (like a user would run it) so one
measurement cannot warm caches for the next; medians of repeated runs."""

from __future__ import annotations

import contextlib
import gc
import importlib.metadata
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bench.generate import SCALES, Scale, make_bib, make_knowledge, write_peer, write_project

REPO = Path(__file__).resolve().parent.parent
PEER_PACKAGES = ("mkdocs-bibtex", "mkdocs-material", "mkdocs<2")
MB = 1_000_000
KEYS = ("name", "topics", "refs", "check_s", "build_s", "zensical_s", "floor_s", "mkdocs_bibtex_s",
        "bib_entries_per_s", "rebuild_s", "peak_rss_mb", "site_mb", "largest_page_mb",
        "search_index_mb", "build_over_floor", "peer_over_build")
# Also printed: CPU seconds (user + system) of the same runs, and when the server logs the reload.
EXTRA = ("check_cpu_s", "build_cpu_s", "zensical_cpu_s", "zensical_over_floor",
         "floor_cpu_s", "mkdocs_bibtex_cpu_s",
         "build_over_floor_cpu", "peer_over_build_cpu", "rebuild_reload_s")


def log(msg: str) -> None:
    """Progress on stderr, so stdout keeps only the final table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Run:
    seconds: float  # wall
    cpu_s: float  # user + system of the child: steadier than wall time on a shared machine
    rss_mb: float
    returncode: int
    log: Path


class BenchError(RuntimeError):
    """A benchmarked command failed: the figures would be meaningless."""


def run(cmd: list[str], cwd: Path, log_file: Path, timeout: float = 900.0) -> Run:
    """Wall time and peak RSS of one command. os.wait4 gives this child's own rusage, unlike
    RUSAGE_CHILDREN, which is a maximum over every child ever waited for."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / MB,
               proc.returncode, log_file)


def checked(r: Run, what: str) -> Run:
    if r.returncode != 0:
        tail = r.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{what} exited {r.returncode}; end of {r.log}:\n{tail}")
    return r


def median(xs: list[float]) -> float:
    return float(statistics.median(xs))


@dataclass
class Budget:
    """A wall-clock deadline: repetitions beyond the first are skipped once it would be passed."""

    seconds: float
    start: float = field(default_factory=time.monotonic)

    def allows(self, estimate: float) -> bool:
        return time.monotonic() + estimate < self.start + self.seconds

    def elapsed(self) -> float:
        return time.monotonic() - self.start


# -- machine ----------------------------------------------------------------------------------

def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    model = ""
    mem_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "bmsurvey"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": model or platform.processor(),
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "bibtexparser": _version("bibtexparser"),
        "bmsurvey_commit": commit or None,
        "bmsurvey_uncommitted_changes": bool(dirty),  # the run measured the working tree
    }


# -- BibTeX throughput --------------------------------------------------------------------------

def bib_rate(raw: bytes, reps: int) -> tuple[float, int, list[float]]:
    """Entries/s of `load_bib_bytes` plus decoding every field and author list, from cold caches
    (the content-hash cache and both lru_caches cleared each run)."""
    from bmsurvey.core import project
    from bmsurvey.core.bib import latex, names

    times: list[float] = []
    n = 0
    for _ in range(reps):
        project._bib_cache.clear()
        latex.latex_to_unicode.cache_clear()
        names.parse_name.cache_clear()
        gc.collect()
        start = time.perf_counter()
        bib, diags = project.load_bib_bytes(raw)
        for entry in bib.entries.values():
            entry.decode_all()
            _ = entry.authors
        times.append(time.perf_counter() - start)
        n = len(bib.entries)
        errors = [d for d in diags if d.is_error]
        if errors:
            raise BenchError(f"generated bib has errors: {errors[:3]}")
    project._bib_cache.clear()
    return n / median(times), n, times


def middleware_rate(text: str, reps: int) -> tuple[float, int, list[float]]:
    """Entries/s of bibtexparser 2's own parse with its LatexDecodingMiddleware appended."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    times: list[float] = []
    n = 0
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        lib = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
        times.append(time.perf_counter() - start)
        n = len(lib.entries)
    return n / median(times), n, times


# -- site size --------------------------------------------------------------------------------

def site_sizes(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    index = site / "search" / "search_index.json"
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {
        "site_mb": round(sum(p.stat().st_size for p in files) / MB, 2),
        "largest_page_mb": round(largest.stat().st_size / MB, 2),
        "largest_page": largest.relative_to(site).as_posix(),
        "search_index_mb": round(index.stat().st_size / MB, 2) if index.is_file() else 0.0,
        "pages": len(pages),
    }


# -- the peer ---------------------------------------------------------------------------------

def peer_python(out: Path) -> tuple[Path | None, str | None, str | None]:
    """mkdocs-bibtex in its own venv (installed once, reused): (python, version, error)."""
    venv = out / "peer-venv"
    py = venv / "bin" / "python"
    probe = [str(py), "-c", "import mkdocs_bibtex, material, importlib.metadata as m; "
             "print(m.version('mkdocs-bibtex'))"]
    try:
        if py.is_file():
            done = subprocess.run(probe, capture_output=True, text=True, timeout=120)
            if done.returncode == 0:
                return py, done.stdout.strip(), None
        log("installing the peer (mkdocs-bibtex) into its own venv; not timed")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True,
                       capture_output=True, timeout=300)
        pip = subprocess.run([str(py), "-m", "pip", "install", "-q", *PEER_PACKAGES],
                             capture_output=True, text=True, timeout=900)
        if pip.returncode != 0:
            return None, None, "pip install failed: " + (pip.stderr or pip.stdout)[-500:]
        done = subprocess.run(probe, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            return None, None, "import failed: " + done.stderr[-500:]
        return py, done.stdout.strip(), None
    except (OSError, subprocess.SubprocessError) as exc:
        return None, None, f"{type(exc).__name__}: {exc}"


# -- serve rebuilds ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return str(resp.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError, TimeoutError):
        return None


def _wait(cond: Callable[[], bool], deadline: float, proc: subprocess.Popen[bytes]) -> bool:
    while time.monotonic() < deadline:
        if cond():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def rebuild_times(root: Path, topic: Path, url_path: str, edits: int, build_s: float,
                  log_file: Path) -> dict[str, Any]:
    """Start `mkdocs serve`, change `last_reviewed` of one topic, time until the served page shows
    it (rebuild_s) and until the server logs the reload (reload_s). The server is always killed
    and the topic restored."""
    port = _free_port()
    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url")
    mount = urlsplit(site_url or "/").path.rstrip("/")
    url = f"http://127.0.0.1:{port}{mount}/{url_path}"
    original = topic.read_text(encoding="utf-8")
    wait = max(60.0, 8 * build_s)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"rebuild_runs": [], "reload_runs": [], "error": None}
    with log_file.open("wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, env=env(), stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        try:
            if not _wait(lambda: _get(url) is not None, time.monotonic() + wait + 30, proc):
                result["error"] = "server did not come up"
                return result

            def reloads() -> int:
                return log_file.read_text(encoding="utf-8", errors="replace").count(
                    "Reloading browsers")

            for i in range(edits):
                date = f"2024-01-{10 + i:02d}"
                before = reloads()
                text = re.sub(r"(?m)^last_reviewed: .*$", f"last_reviewed: {date}", original)
                start = time.monotonic()
                topic.write_text(text, encoding="utf-8")
                deadline = start + wait
                if not _wait(lambda d=date: f"Last reviewed {d}" in (_get(url) or ""),  # type: ignore[misc]
                             deadline, proc):
                    result["error"] = f"edit {i + 1}: page did not change within {wait:.0f} s"
                    break
                result["rebuild_runs"].append(time.monotonic() - start)
                if not _wait(lambda b=before: reloads() > b, deadline, proc):  # type: ignore[misc]
                    result["error"] = f"edit {i + 1}: no reload logged within {wait:.0f} s"
                    break
                result["reload_runs"].append(time.monotonic() - start)
                time.sleep(0.5)  # let the watcher settle before the next edit
        finally:
            _stop(proc)
            topic.write_text(original, encoding="utf-8")
    return result


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the server we started (its own session, so its process group is only ours)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


# -- one scale --------------------------------------------------------------------------------

def _repeat(fn: Callable[[], Run], reps: int, budget: Budget, what: str) -> list[Run]:
    runs = [fn()]
    while len(runs) < reps and budget.allows(runs[-1].seconds * 1.2):
        runs.append(fn())
    if len(runs) < reps:
        log(f"{what}: {len(runs)} of {reps} repetitions (time budget)")
    return runs


def measure_scale(scale: Scale, out: Path, reps: int, peer: bool, rebuild: bool,
                  budget: Budget) -> dict[str, Any]:
    base = out / scale.name
    if base.exists():
        shutil.rmtree(base)
    logs = base / "logs"
    k = make_knowledge(scale)
    project = write_project(k, base / "project")
    py = sys.executable
    row: dict[str, Any] = {"name": scale.name, "topics": scale.topics, "refs": scale.refs}
    runs: dict[str, list[float]] = {}

    log(f"{scale.name}: check")
    check = _repeat(lambda: checked(run([py, "-m", "bmsurvey", "--root", str(project), "check"],
                                        REPO, logs / "check.log"), "bmsurvey check"),
                    reps, budget, "check")
    runs["check_s"] = [r.seconds for r in check]
    runs["check_cpu_s"] = [r.cpu_s for r in check]

    log(f"{scale.name}: bib load")
    rate, _, times = bib_rate((project / "references.bib").read_bytes(), reps)
    runs["bib_load_s"] = times

    log(f"{scale.name}: render the floor (not timed)")
    floor_dir = base / "floor"
    checked(run([py, "-m", "bmsurvey", "--root", str(project), "render", "--out", str(floor_dir)],
                REPO, logs / "render.log"), "bmsurvey render")
    peer_py: Path | None = None
    peer_version: str | None = None
    peer_error: str | None = "not requested"
    peer_dir = base / "peer"
    if peer:
        peer_py, peer_version, peer_error = peer_python(out)
        write_peer(k, peer_dir, (project / "references.bib").resolve())

    build_cmd = [py, "-m", "mkdocs", "build", "--strict", "--site-dir", str(base / "site")]
    floor_cmd = [py, "-m", "mkdocs", "build", "-f", str(floor_dir / "mkdocs.yml"),
                 "--site-dir", str(base / "floor-site")]
    # The same survey built by the second engine: `bmsurvey build --engine zensical` (the
    # rendered files, then Zensical), when zensical is installed.
    zen_cmd = ([py, "-m", "bmsurvey", "build", "--engine", "zensical", "--site-dir",
                str(base / "zensical-site")] if _version("zensical") else None)
    builds: list[Run] = []
    zens: list[Run] = []
    floors: list[Run] = []
    peers: list[Run] = []
    for i in range(reps):  # interleaved, so drift in machine speed hits all of them alike
        last = builds[-1].seconds + floors[-1].seconds + (zens[-1].seconds if zens else 0) if i \
            else 0.0
        if i and not budget.allows(last * 1.2):
            log(f"{scale.name}: build/floor {i} of {reps} repetitions (time budget)")
            break
        log(f"{scale.name}: build + zensical + floor, run {i + 1}")
        builds.append(checked(run(build_cmd, project, logs / f"build-{i}.log"), "mkdocs build"))
        if zen_cmd:
            zens.append(checked(run(zen_cmd, project, logs / f"zensical-{i}.log"),
                                "zensical build"))
        floors.append(checked(run(floor_cmd, base, logs / f"floor-{i}.log"), "floor build"))
    runs["build_s"] = [r.seconds for r in builds]
    runs["floor_s"] = [r.seconds for r in floors]
    runs["build_cpu_s"] = [r.cpu_s for r in builds]
    runs["floor_cpu_s"] = [r.cpu_s for r in floors]
    if zens:
        runs["zensical_s"] = [r.seconds for r in zens]
        runs["zensical_cpu_s"] = [r.cpu_s for r in zens]
    row["zensical_s"] = round(median(runs["zensical_s"]), 3) if zens else None
    row["zensical_cpu_s"] = round(median(runs["zensical_cpu_s"]), 3) if zens else None
    row["check_s"] = round(median(runs["check_s"]), 3)
    row["build_s"] = round(median(runs["build_s"]), 3)
    row["floor_s"] = round(median(runs["floor_s"]), 3)
    row["bib_entries_per_s"] = round(rate)
    row["peak_rss_mb"] = round(max(r.rss_mb for r in builds), 1)
    row["floor_peak_rss_mb"] = round(max(r.rss_mb for r in floors), 1)
    row.update(site_sizes(base / "site"))
    row["build_over_floor"] = round(row["build_s"] / row["floor_s"], 2)
    row["zensical_over_floor"] = (round(row["zensical_s"] / row["floor_s"], 2)
                                  if row["zensical_s"] else None)
    for key in ("check_cpu_s", "build_cpu_s", "floor_cpu_s"):
        row[key] = round(median(runs[key]), 3)
    row["build_over_floor_cpu"] = round(row["build_cpu_s"] / row["floor_cpu_s"], 2)

    row["rebuild_s"] = None
    if rebuild:
        log(f"{scale.name}: serve rebuilds")
        t = k.topics[0]
        res = rebuild_times(project, project / "topics" / t.part / f"{t.id}.yaml",
                            f"{t.part}/{t.id}/", 3, row["build_s"], logs / "serve.log")
        runs["rebuild_s"] = res["rebuild_runs"]
        runs["rebuild_reload_s"] = res["reload_runs"]
        if res["rebuild_runs"]:
            row["rebuild_s"] = round(median(res["rebuild_runs"]), 3)
        row["rebuild_reload_s"] = (round(median(res["reload_runs"]), 3)
                                   if res["reload_runs"] else None)
        row["rebuild_error"] = res["error"]

    row["mkdocs_bibtex_s"] = None
    row["peer_error"] = peer_error
    row["peer_version"] = peer_version
    if peer_py is not None:
        peer_cmd = [str(peer_py), "-m", "mkdocs", "build", "--site-dir", str(base / "peer-site")]
        try:
            def one() -> Run:
                log(f"{scale.name}: mkdocs-bibtex peer, run {len(peers) + 1}")
                r = checked(run(peer_cmd, peer_dir, logs / f"peer-{len(peers)}.log"),
                            "mkdocs-bibtex build")
                peers.append(r)
                return r
            _repeat(one, reps, budget, "peer")
            runs["mkdocs_bibtex_s"] = [r.seconds for r in peers]
            runs["mkdocs_bibtex_cpu_s"] = [r.cpu_s for r in peers]
            row["mkdocs_bibtex_cpu_s"] = round(median(runs["mkdocs_bibtex_cpu_s"]), 3)
            row["mkdocs_bibtex_s"] = round(median(runs["mkdocs_bibtex_s"]), 3)
            row["peer_peak_rss_mb"] = round(max(r.rss_mb for r in peers), 1)
            row["peer_footnote_refs"] = _count_footnotes(base / "peer-site")
        except BenchError as exc:
            row["peer_error"] = str(exc)[:1000]
    row["peer_over_build"] = (round(row["mkdocs_bibtex_s"] / row["build_s"], 2)
                              if row["mkdocs_bibtex_s"] else None)
    row["peer_over_build_cpu"] = (round(row["mkdocs_bibtex_cpu_s"] / row["build_cpu_s"], 2)
                                  if row.get("mkdocs_bibtex_cpu_s") else None)
    row["load_average"] = [round(x, 2) for x in os.getloadavg()]
    row["reps"] = {k: len(v) for k, v in runs.items()}
    row["runs"] = {k: [round(x, 3) for x in v] for k, v in runs.items()}
    return row


def _count_footnotes(site: Path) -> int:
    """Citations the peer turned into footnote links: proof that it really did the work."""
    return sum(p.read_text(encoding="utf-8", errors="replace").count('class="footnote-ref"')
               for p in site.rglob("*.html"))


# -- the whole run ----------------------------------------------------------------------------

def bib_only(out: Path, entries: int, sample: int, reps: int) -> dict[str, Any]:
    log(f"bib-only: {entries} entries")
    text, _ = make_bib(entries)
    folder = out / "bib-only"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "references.bib").write_text(text, encoding="utf-8")
    rate, n, times = bib_rate(text.encode("utf-8"), reps)
    log(f"bib-only: bibtexparser LatexDecodingMiddleware on {sample} entries")
    small, _ = make_bib(sample)
    mw_rate, mw_n, mw_times = middleware_rate(small, reps)
    return {
        "entries": n,
        "entries_per_s": round(rate),
        "bibtexparser_latex_middleware_entries_per_s": round(mw_rate),
        "bibtexparser_sample_entries": mw_n,
        "speedup_over_middleware": round(rate / mw_rate, 1),
        "runs": {"load_s": [round(t, 3) for t in times],
                 "middleware_s": [round(t, 3) for t in mw_times]},
    }


TARGETS = {
    "build_over_floor_max": 1.2,
    "peer_over_build_min": 5.0,
    "bib_entries_per_s_min": 5000,
    "check_s_max": 1.5,
    "growth_10x_max": 11.0,  # time(10x) / time(1x): linear (10) with 10 % slack
}


def judge(result: dict[str, Any]) -> dict[str, Any]:
    """Each target as met / missed (None when not measured), per scale where it applies."""
    out: dict[str, Any] = {}
    for row in result["scales"]:
        n = row["name"]
        out[f"build_over_floor<=1.2@{n}"] = row["build_over_floor"] <= 1.2
        out[f"peer_over_build>=5@{n}"] = (None if row["peer_over_build"] is None
                                          else row["peer_over_build"] >= 5.0)
        out[f"check_s<=1.5@{n}"] = row["check_s"] <= 1.5
    out["bib_entries_per_s>=5000@20000"] = result["bib_only"]["entries_per_s"] >= 5000
    growth = result.get("growth") or {}
    for metric, ratio in growth.items():
        out[f"linear_growth_{metric}"] = ratio <= TARGETS["growth_10x_max"] if ratio else None
    return out


def growth(scales: list[dict[str, Any]]) -> dict[str, float | None]:
    by = {r["name"]: r for r in scales}
    if "1x" not in by or "10x" not in by:
        return {}
    out: dict[str, float | None] = {}
    for m in ("check_s", "build_s", "zensical_s", "floor_s", "mkdocs_bibtex_s", "rebuild_s",
              "peak_rss_mb", "site_mb"):
        a, b = by["1x"].get(m), by["10x"].get(m)
        out[m] = round(b / a, 2) if a and b else None
    return out


def run_benchmark(scales: list[Scale], out: Path, reps: int = 3, peer: bool = True,
                  rebuild: bool = True, bib_entries: int = 20_000, bib_sample: int = 2_000,
                  budget_s: float = 1140.0, command: str = "") -> dict[str, Any]:
    """The whole benchmark; returns the JSON-ready result. Order: the small scale, the bib-only
    run, then the large scale, so a tight budget only trims repetitions of the slowest step."""
    out.mkdir(parents=True, exist_ok=True)
    budget = Budget(budget_s)
    result: dict[str, Any] = {"machine": machine(), "command": command,
                              "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                              "reps": reps, "scales": [],
                              # Other work on the machine inflates every figure: note it.
                              "load_average_start": [round(x, 2) for x in os.getloadavg()]}
    ordered = sorted(scales, key=lambda s: s.refs)
    result["scales"].append(measure_scale(ordered[0], out, reps, peer, rebuild, budget))
    result["bib_only"] = bib_only(out, bib_entries, bib_sample, reps)
    for scale in ordered[1:]:
        result["scales"].append(measure_scale(scale, out, reps, peer, rebuild, budget))
    result["growth"] = growth(result["scales"])
    result["targets"] = judge(result)
    result["duration_s"] = round(budget.elapsed(), 1)
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.2f}" if v < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def table(result: dict[str, Any]) -> str:
    """A Markdown table: one row per metric, one column per scale."""
    names = [r["name"] for r in result["scales"]]
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key in (*KEYS[1:], *EXTRA):
        lines.append(f"| {key} | " + " | ".join(_fmt(r.get(key)) for r in result["scales"])
                     + " |")
    b = result["bib_only"]
    lines += ["", f"bib-only: {b['entries']:,} entries at {b['entries_per_s']:,} entries/s "
              f"(bibtexparser LatexDecodingMiddleware: "
              f"{b['bibtexparser_latex_middleware_entries_per_s']:,} entries/s on "
              f"{b['bibtexparser_sample_entries']:,})"]
    if result.get("growth"):
        lines.append("growth 1x→10x: " + ", ".join(f"{k} ×{_fmt(v)}"
                                                  for k, v in result["growth"].items()))
    return "\n".join(lines)


def scales_from(names: str) -> list[Scale]:
    out = []
    for raw in names.split(","):
        name = raw.strip()
        if name not in SCALES:
            raise SystemExit(f"unknown scale {name!r}; known: {', '.join(SCALES)}")
        out.append(SCALES[name])
    return out
