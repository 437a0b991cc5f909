"""Fixtures of the browser suite: the built site over HTTP, one chromium, recorded contexts.

The shipped knowledge base is built once (`real_site`) and served on 127.0.0.1 with a random
port; one chromium runs for the whole session. Every test gets fresh browser contexts from
`new_context`, which records console errors, uncaught page errors and every request of every
page, and fails the test at teardown if any page logged an error or a request left 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from .util import AXE_JS, CHROMIUM, CHROMIUM_ARGS, DESKTOP

HERE = Path(__file__).parent
LOCAL_SCHEMES = {"data", "blob", "about"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the whole browser suite, with a reason, if chromium is absent."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early is not a test failure


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on 127.0.0.1 (random port) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


#: Every browser test runs against the shipped survey as built by each engine.
ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    engine: str = request.param
    return engine


@pytest.fixture(scope="session")
def built_site(engine: str, request: pytest.FixtureRequest) -> Path:
    """The shipped survey built by `engine` (conftest's `real_site` or `zensical_site`)."""
    site: Path = request.getfixturevalue("real_site" if engine == "mkdocs" else "zensical_site")
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The shipped site, served for the whole session."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Traffic:
    """What the pages of one test did: console errors, page errors and every request."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def offsite(self) -> list[str]:
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme not in LOCAL_SCHEMES and parts.hostname != "127.0.0.1":
                out.append(url)
        return out

    def request(self, req: Request) -> None:
        self.requests.append(req.url)

    def watch(self, page: Page) -> None:
        def console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                where = msg.location.get("url", "") if msg.location else ""
                self.errors.append(f"console error on {page.url}: {msg.text} ({where})")

        def page_error(error: PlaywrightError) -> None:
            self.errors.append(f"uncaught error on {page.url}: {error}")

        def navigated(frame: Any) -> None:
            if frame == page.main_frame:
                self.pages.append(frame.url)

        page.on("console", console)
        page.on("pageerror", page_error)
        page.on("framenavigated", navigated)


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def new_context(browser: Browser, site_url: str, traffic: Traffic) -> Iterator[NewContext]:
    """A factory of browser contexts (desktop size unless told) whose pages are all recorded."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("base_url", site_url)
        options.setdefault("color_scheme", "light")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.on("page", traffic.watch)
        context.on("request", traffic.request)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    offsite = sorted(set(traffic.offsite()))
    assert not offsite, "requests left 127.0.0.1:\n" + "\n".join(offsite)
    assert not traffic.errors, "errors on the pages visited:\n" + "\n".join(traffic.errors)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A desktop-sized page (1280x800) in a fresh, recorded context."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run scripts/test.sh, or "
                    "`npm install --no-save axe-core@4` at the repository root")
    return AXE_JS.read_text(encoding="utf-8")
