"""`bmsurvey serve` for real, on a free loopback port: the URL it prints, and an edit that breaks
the survey shows its located diagnostics at once (no request hangs) until a good save."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

VM = "topics/models/vision-model.yaml"
PROMPT = 5.0  # seconds: the longest a page request may take (a rebuild of the fixture is ~1 s)
BUILD_WAIT = 60.0  # seconds: the longest wait for the first build, or for a rebuild to show


class Server:
    def __init__(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.proc, self.log = proc, log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_url(self) -> str:
        deadline = time.monotonic() + BUILD_WAIT
        while time.monotonic() < deadline:
            m = re.search(r"Serving on (\S+)", self.output())
            if m:
                return m[1]
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"no 'Serving on' line:\n{self.output()}")

    def get(self, url: str) -> tuple[int, str, float]:
        """Status, body and seconds taken; a request that does not answer promptly fails."""
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=PROMPT) as r:
                status, body = r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode("utf-8")
        except OSError as e:  # a timeout: the request hung
            pytest.fail(f"GET {url} did not answer within {PROMPT} s ({e})\n{self.output()}")
        return status, body, time.monotonic() - start

    def wait_until(self, url: str, ok: Callable[[str], bool]) -> tuple[int, str]:
        """Poll `url` until the body satisfies `ok` (the rebuild after an edit has shown)."""
        deadline = time.monotonic() + BUILD_WAIT
        while time.monotonic() < deadline:
            status, body, took = self.get(url)
            assert took < PROMPT
            if ok(body):
                return status, body
            time.sleep(0.2)
        pytest.fail(f"{url} never changed as expected:\n{body[-2000:]}\n{self.output()}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def serving(root: Path, tmp: Path, port: int | None = None) -> Iterator[Server]:
    port = port or free_port()
    log = tmp / f"serve-{port}.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bmsurvey", "--root", str(root), "serve",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
            # As from a terminal: Ctrl+C (SIGINT) stops it. A runner that starts the tests in
            # the background with SIGINT ignored would pass that on, and Python then installs
            # no KeyboardInterrupt handler.
            preexec_fn=_sigint_default)
    server = Server(proc, log)
    try:
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # what Ctrl+C sends
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def diagnostics_shown(body: str) -> bool:
    return 'id="bmsurvey-diagnostics"' in body


def test_serve_prints_its_url_and_shows_errors_until_a_good_save(basic: Path,
                                                                   tmp_path: Path) -> None:
    topic = basic / VM
    good = topic.read_text(encoding="utf-8")
    port = free_port()
    with serving(basic, tmp_path, port) as server:
        url = server.wait_for_url()
        assert url == f"http://127.0.0.1:{port}/basic/"  # the path of site_url in mkdocs.yml
        page = url + "models/vision-model/"
        status, body, _ = server.get(page)
        assert status == 200 and "Vision backbones" in body

        # A YAML syntax error: the page answers at once, with the located diagnostic and hint.
        topic.write_text(good.replace("title: Vision Model", "title: [Vision Model"),
                         encoding="utf-8")
        status, body = server.wait_until(page, diagnostics_shown)
        assert status == 200
        assert (f"{VM}:3:8: error: YAML syntax error: did not find expected ',' or ']'"
                in body)
        assert "hint: check indentation, colons and quotes around this point" in body
        assert "livereload" in body  # reloads itself once fixed
        # Every page shows it, the home page too, and a path that was never a page (404).
        status, home, _ = server.get(url)
        assert status == 200 and diagnostics_shown(home)
        status, missing, _ = server.get(url + "no/such/page/")
        assert status == 404 and diagnostics_shown(missing) and "/livereload/" in missing

        # An unknown citation key with markup in it: located, and escaped.
        topic.write_text(good.replace("[@muller2019when]", "[@muller2019when<b>x</b>]"),
                         encoding="utf-8")
        status, body = server.wait_until(page, lambda b: "unknown citation key" in b)
        assert (f"{VM}:4:22: error: unknown citation key 'muller2019when&lt;b&gt;x&lt;/b' "
                "[unknown-citation]") in body
        assert "hint: did you mean 'muller2019when'?" in body
        assert "<b>x" not in body and "YAML syntax error" not in body

        # The next good save brings the page back.
        topic.write_text(good, encoding="utf-8")
        status, body = server.wait_until(page, lambda b: not diagnostics_shown(b))
        assert status == 200 and "Vision backbones" in body
    assert server.proc.returncode == 0, server.output()
    log = server.output()
    assert f"{VM}:4:22: error: unknown citation key 'muller2019when<b>x</b'" in log  # the terminal
    assert "Traceback" not in log


def test_serve_starts_on_a_broken_survey_and_recovers(basic: Path, tmp_path: Path) -> None:
    topic = basic / VM
    good = topic.read_text(encoding="utf-8")
    topic.write_text(good.replace("[@muller2019when]", "[@nobody2020x]"), encoding="utf-8")
    with serving(basic, tmp_path) as server:
        url = server.wait_for_url()
        page = url + "models/vision-model/"  # never built yet: the 404 page shows the errors
        status, body, _ = server.get(page)
        assert status == 404
        assert f"{VM}:4:22: error: unknown citation key 'nobody2020x'" in body
        topic.write_text(good, encoding="utf-8")
        status, body = server.wait_until(page, lambda b: not diagnostics_shown(b))
        assert status == 200 and "Vision backbones" in body


def test_serve_on_a_taken_port_says_so_without_a_traceback(basic: Path, tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with serving(basic, tmp_path, port) as server:
            server.proc.wait(timeout=BUILD_WAIT)
    assert server.proc.returncode == 1
    log = server.output()
    assert f"bmsurvey serve: cannot serve on 127.0.0.1:{port}: Address already in use" in log
    assert "Traceback" not in log
