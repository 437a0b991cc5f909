"""The README's install route: scripts/venv.sh makes the project's .venv with the first python3 on
PATH. On stock Debian 12 that is the system Python 3.11, which refuses `pip install` outside a venv
(PEP 668), so the test runs the script with Debian's /usr/bin/python3 first on PATH."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bmsurvey.cli import build_parser
from bmsurvey.tools.fmt import collect
from tests.conftest import REPO, ROOTS, copy_root

DEBIAN_PYTHON = Path("/usr/bin/python3")


def project_copy(dest: Path) -> Path:
    """What `pip install -e .` and the scripts need, without the repository's own .venv."""
    proj = dest / "proj"
    proj.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, proj / name)
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("bmsurvey", "scripts"):
        shutil.copytree(REPO / name, proj / name, ignore=junk)
    return proj


def env_with_python3(folder: Path) -> dict[str, str]:
    """The environment of a fresh shell whose `python3` is `folder/python3`, outside any venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH", "PYTHONSAFEPATH")}
    own_venv = str(Path(sys.prefix, "bin")) if sys.prefix != sys.base_prefix else None
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p != own_venv]
    env["PATH"] = os.pathsep.join([str(folder), *path])
    return env


def debian_python_reason() -> str | None:
    if not DEBIAN_PYTHON.exists():
        return f"{DEBIAN_PYTHON} is absent: not a Debian-like system Python to install with"
    probe = subprocess.run([str(DEBIAN_PYTHON), "-c",
                            "import sys; sys.exit(sys.version_info < (3, 11))"], check=False)
    if probe.returncode != 0:
        return f"{DEBIAN_PYTHON} is older than 3.11, which bmsurvey requires"
    probe = subprocess.run([str(DEBIAN_PYTHON), "-c", "import venv, ensurepip"],
                           capture_output=True, check=False)
    if probe.returncode != 0:
        return f"{DEBIAN_PYTHON} has no ensurepip: install Debian's python3-venv (.ci/run does)"
    return None


@pytest.mark.install
def test_venv_script_installs_bmsurvey_with_debian_system_python(tmp_path: Path) -> None:
    reason = debian_python_reason()
    if reason:
        pytest.skip(reason)
    proj = project_copy(tmp_path)
    env = env_with_python3(DEBIAN_PYTHON.parent)  # as on stock Debian: /usr/bin comes first

    start = time.monotonic()
    made = subprocess.run(["bash", "scripts/venv.sh"], cwd=proj, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    took = time.monotonic() - start
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"creating .venv with {DEBIAN_PYTHON}" in made.stderr
    cfg = dict(line.split(" = ", 1) for line in
               (proj / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
               if " = " in line)
    assert cfg["home"] == str(DEBIAN_PYTHON.parent), cfg
    assert cfg["include-system-site-packages"] == "false", cfg

    # The README's later commands, from the activated venv.
    basic = ROOTS / "basic"
    script = ('. .venv/bin/activate && command -v bmsurvey && bmsurvey --help && '
              f'bmsurvey --root "{basic}" check')
    used = subprocess.run(["bash", "-c", script], cwd=proj, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert used.returncode == 0, used.stdout + used.stderr
    first, _, rest = used.stdout.partition("\n")
    assert Path(first) == proj / ".venv" / "bin" / "bmsurvey"
    # The installed command is this checkout's: every subcommand of its parser is offered.
    commands = next(a for a in build_parser()._actions
                    if isinstance(a, argparse._SubParsersAction)).choices
    assert "{" + ",".join(commands) + "}" in rest
    assert "0 errors" in used.stdout + used.stderr
    print(f"scripts/venv.sh with {DEBIAN_PYTHON}: {took:.1f} s")


def test_venv_script_names_python3_venv_when_ensurepip_is_missing(tmp_path: Path) -> None:
    """Debian's python3 without python3-venv: a clear message, and no half-made .venv."""
    proj = tmp_path / "proj"
    shutil.copytree(REPO / "scripts", proj / "scripts")
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "ensurepip.py").write_text("raise ImportError('ensurepip is in python3-venv')\n",
                                       encoding="utf-8")
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "python3").write_text(f'#!/bin/sh\nPYTHONPATH="{hide}" exec "{sys.executable}" "$@"\n',
                                  encoding="utf-8")
    (shim / "python3").chmod(0o755)
    run = subprocess.run(["bash", "scripts/venv.sh"], cwd=proj, env=env_with_python3(shim),
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "venv/ensurepip module is missing" in run.stderr
    assert "sudo apt-get install python3-venv" in run.stderr
    assert not (proj / ".venv").exists()


def test_venv_is_ignored_by_git_and_by_fmt(tmp_path: Path) -> None:
    assert "/.venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    git = shutil.which("git")
    if git:
        probe = subprocess.run([git, "check-ignore", "-q", ".venv/"], cwd=REPO, check=False)
        # 0: ignored; 1: not ignored; 128: no work tree here (an unpacked archive), nothing to ask
        assert probe.returncode in (0, 128)
    # `bmsurvey fmt <folder>` walks folders: it must not reach into a venv's packages.
    root = copy_root("basic", tmp_path)
    stray = root / ".venv" / "lib" / "python3.11" / "site-packages" / "pkg"
    (stray / "topics").mkdir(parents=True)
    (stray / "topics" / "t.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (stray / "refs.bib").write_text("@article{broken,\n", encoding="utf-8")
    files, diags = collect(root, [str(root)])
    assert not diags
    assert files and not [f for f in files if ".venv" in f.parts]
