"""Run a pure function in a forked child while mkdocs keeps building pages.

mkdocs builds pages on one core; the download files (exports and cite files) are not pages, so
a child process can write them straight into the site folder on the other core. Where fork is
missing, or BMSURVEY_NO_FORK is set, the work runs inline instead."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable


class Background:
    def __init__(self, work: Callable[[], None]) -> None:
        self.pid: int | None = None
        if not hasattr(os, "fork") or os.environ.get("BMSURVEY_NO_FORK"):
            work()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work and leave without running the parent's cleanup
            code = 0
            try:
                work()
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        self.pid = pid

    def wait(self) -> bool:
        """True when the work succeeded."""
        if self.pid is None:
            return True
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0
