"""Small helpers shared by tests: running the CLI in-process and crawling a built site."""

from __future__ import annotations

import contextlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bmsurvey.cli import main


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(d["id"] or "")
        if tag == "a" and d.get("name"):
            self.ids.add(d["name"] or "")
        for attr in ("href", "src"):
            value = d.get(attr)
            if value and (tag != "link" or attr == "href"):
                self.hrefs.append(value)


def parse_page(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def page_file(site: Path, url_path: str) -> Path | None:
    rel = unquote(url_path).lstrip("/")
    target = site / rel
    if target.is_dir() or rel.endswith("/") or rel == "":
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path) -> list[str]:
    """Every internal href/src and #anchor in every HTML page must resolve."""
    # 404.html uses absolute URLs from site_url so it works at any depth; it is not crawled.
    pages = {p: parse_page(p) for p in site.rglob("*.html") if p.name != "404.html"}
    problems: list[str] = []
    for page, parsed in pages.items():
        base = "/" + page.relative_to(site).as_posix()
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            absolute = urlsplit(urljoin(base, href))
            target = page_file(site, absolute.path) if absolute.path != base else page
            if target is None:
                problems.append(f"{base}: {href} -> missing file")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{base}: {href} -> missing anchor")
    return problems


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
