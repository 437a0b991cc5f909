"""The forked helper: a result comes back through the pipe, the work runs after it, failures are
reported and never silent, and BMSURVEY_NO_FORK runs it all inline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bmsurvey.adapters.background import Background, BackgroundError


def _fail() -> None:
    raise ValueError("boom")


@pytest.mark.parametrize("fork", [True, False])
def test_result_comes_back_and_work_runs_after(fork: bool, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if not fork:
        monkeypatch.setenv("BMSURVEY_NO_FORK", "1")
    marker = tmp_path / "done"
    big = "x" * 1_000_000  # larger than a pipe's buffer: the child must not block on it
    job = Background(lambda: marker.write_text(str(os.getpid())),
                     send=lambda: {"pid": os.getpid(), "big": big})
    got = job.received()
    assert got["big"] == big
    assert job.wait() is True
    assert marker.read_text() == str(got["pid"])
    assert (got["pid"] != os.getpid()) is fork


def test_a_failing_send_is_an_error_and_skips_the_work(tmp_path: Path,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "done"

    def send() -> None:
        raise ValueError("no pages")

    job = Background(lambda: marker.write_text("ran"), send=send)
    with pytest.raises(BackgroundError):
        job.received()
    assert job.wait() is False
    assert not marker.exists()
    assert "ValueError: no pages" in capfd.readouterr().err


def test_failing_work_is_reported_by_wait(capfd: pytest.CaptureFixture[str]) -> None:
    job = Background(_fail, send=lambda: 42)
    assert job.received() == 42
    assert job.wait() is False
    assert "ValueError: boom" in capfd.readouterr().err
