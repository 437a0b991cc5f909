"""Run pure work in a forked child while mkdocs keeps building on the other core.

mkdocs builds pages on one core. A child can compute a result the parent needs soon (`send`:
survey-wide pages, while the parent renders the topic pages), hand it back pickled through a
pipe, and then go on with work nobody waits for until the end (`work`: the download files,
written straight into the site folder). Where fork is missing, or BMSURVEY_NO_FORK is set,
everything runs inline instead.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any


class BackgroundError(RuntimeError):
    """The child failed; its traceback went to stderr."""


class Background:
    def __init__(self, work: Callable[[], None],
                 send: Callable[[], Any] | None = None) -> None:
        self.pid: int | None = None
        self._inline: Any = None
        self._reader: threading.Thread | None = None
        self._payload = b""
        if not hasattr(os, "fork") or os.environ.get("BMSURVEY_NO_FORK"):
            self._inline = send() if send is not None else None
            work()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        read_fd, write_fd = os.pipe() if send is not None else (-1, -1)
        pid = os.fork()
        if pid == 0:  # the child: do the work and leave without running the parent's cleanup
            code = 0
            try:
                if send is not None:
                    os.close(read_fd)
                    try:
                        payload = pickle.dumps((True, send()), pickle.HIGHEST_PROTOCOL)
                    except BaseException:
                        traceback.print_exc()
                        payload = pickle.dumps((False, None))
                        code = 1
                    with os.fdopen(write_fd, "wb") as pipe:
                        pipe.write(payload)
                if code == 0:
                    work()
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        self.pid = pid
        if send is not None:
            os.close(write_fd)
            # Read as the child writes, so it never blocks on a full pipe and goes straight on.
            self._reader = threading.Thread(target=self._read, args=(read_fd,), daemon=True)
            self._reader.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            self._payload = pipe.read()

    def received(self) -> Any:
        """What `send` returned in the child (waits for it)."""
        if self._reader is None:
            return self._inline
        self._reader.join()
        try:
            ok, value = pickle.loads(self._payload)
        except Exception:  # the child died before writing
            ok, value = False, None
        if not ok:
            raise BackgroundError("the background child failed (see the traceback above)")
        return value

    def wait(self) -> bool:
        """True when the child's work succeeded."""
        if self.pid is None:
            return True
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0
