"""The mkdocs plugin: a thin adapter from `bmsurvey.render.site` to mkdocs files, nav, watch."""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from bmsurvey.adapters import editions as ed
from bmsurvey.adapters.background import Background, BackgroundError
from bmsurvey.core.diagnostics import render as render_diags
from bmsurvey.core.survey import Survey, load_survey
from bmsurvey.render.editions import (
    banner_html,
)
from bmsurvey.render.pages import REFERENCES_SRC, Renderer
from bmsurvey.render.search import references_docs
from bmsurvey.render.site import (
    ASSET_DIR,
    ASSETS,
    TEMPLATE_DIR,
    Generated,
    exports,
    nav,
    survey_pages,
    topic_pages,
    write_files,
)
from bmsurvey.render.source import PageSource, PlaceholderMismatch, Skeleton, anchor_ids, restore

log = logging.getLogger("mkdocs.plugins.bmsurvey")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


# Whether mkdocs injected its live-reload poller or not (a page it serves as 404 gets none), an
# error page asks the server for its current build number, then waits for the next one.
RELOAD_SCRIPT = """addEventListener("load", function () {
  if (typeof livereload === "function") return;
  function poll(epoch) {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var now = parseFloat(this.responseText);
      if (this.status !== 200 || !(now > 0)) setTimeout(function () { poll(epoch); }, 3000);
      else if (epoch && now > epoch) location.reload();
      else poll(now);
    };
    req.open("GET", "/livereload/" + epoch + "/0");
    req.send();
  }
  poll(0);
});"""


def error_page(diagnostics: str, count: int) -> str:
    """What `serve` shows on every page while the survey has errors: the located diagnostics,
    escaped, and a poller that reloads the page once a save fixes them."""
    title = f"bmsurvey: {count} error{'s' * (count != 1)} in the survey"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
:root {{ color-scheme: light dark; font-family: system-ui, sans-serif; }}
body {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; padding: 1rem; border: 1px solid;
       border-radius: 4px; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>The preview shows them until they are fixed; this page reloads after the next good save.
<code>bmsurvey check</code> lists the same.</p>
<pre id="bmsurvey-diagnostics">{html.escape(diagnostics, quote=False)}</pre>
</main>
<script>{RELOAD_SCRIPT}</script>
</body>
</html>
"""


def add_search_docs(site: Path, docs: list[dict[str, str]]) -> None:
    """Append documents to Material's search index, written as Material writes it."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(docs)
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


class BmSurveyConfig(Config):
    root = c.Optional(c.Dir(exists=True))  # the project root; default: where mkdocs.yml is
    pdf = c.Type(bool, default=False)  # typeset the survey and publish /export/bmsurvey.pdf


class BmSurveyPlugin(BasePlugin[BmSurveyConfig]):
    def __init__(self) -> None:
        self.survey: Survey | None = None
        self.renderer: Renderer | None = None
        self.root = Path(".")
        self.exports_job: Background | None = None
        self.blocks: dict[str, Skeleton] = {}  # generated page -> its raw HTML blocks
        self.search_views: dict[str, str] = {}  # page -> its HTML without unsearchable blocks
        self.page_views: dict[str, str] = {}  # page -> its whole HTML while search reads it
        self.material_search = False  # Material's search plugin is on (we feed its index)
        self.references_url: str | None = None
        self.search_docs: list[dict[str, str]] = []  # its documents, at locations below the url
        self.serving = False  # `mkdocs serve`: errors become the site instead of failing the build
        self.failure: tuple[str, int] | None = None  # the diagnostics the site shows instead
        self.page_paths: set[str] = set()  # the pages of the last good build, for the error page
        self.edition: ed.EditionSpec | None = None  # this build is of one frozen edition
        self.built_editions: list[ed.BuiltEdition] = []  # to copy into site/editions/
        self.edition_pages: list[Generated] = []  # /editions/ and /changes/

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds, and with it the caches.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or os.path.dirname(config.config_file_path)).resolve()
        survey = load_survey(self.root)
        errors = [d for d in survey.diagnostics if d.is_error]
        self.failure = None
        if errors and self.serving:
            # A failed build leaves mkdocs' server waiting for a good one: every request hangs
            # until the files are fixed. So this build succeeds, and every page shows the errors.
            # (Printed, not logged: under `strict: true` an error logged would fail the build.)
            text = render_diags(errors, "text")
            print(f"bmsurvey: the knowledge base has errors; the preview shows them until they "
                  f"are fixed\n{text}", file=sys.stderr, flush=True)
            self.failure = (text, len(errors))
            config.nav = []  # the pages it would name are not built
            return config
        if errors:
            raise PluginError("bmsurvey: the knowledge base has errors; run `bmsurvey check`\n"
                              + render_diags(errors, "text"))
        self.edition = ed.read_spec()
        if self.edition is not None:  # this build is of one frozen edition (adapters.editions)
            ed.apply_spec(survey, self.edition, config.site_url or "")
        self.survey = survey
        if self.renderer is None or self.renderer.survey.project.bib_digest != \
                survey.project.bib_digest:
            self.renderer = Renderer(survey, pdf=self.config.pdf)
        else:
            self.renderer.survey = survey
            self.renderer.pdf = self.config.pdf
        self.material_search = any(
            type(p).__module__.startswith("material.plugins.search") and
            getattr(p.config, "enabled", True) for p in config.plugins.values())
        for ext in ("attr_list", "toc"):
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        css, js = f"{ASSET_DIR}/{ASSETS[0]}", f"{ASSET_DIR}/{ASSETS[1]}"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if js not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(js)
        if config.theme.name == "material":
            # After a user's custom_dir, before Material's own templates.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATE_DIR))
        docs = Path(config.docs_dir)
        hand = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        self.edition_pages = self.build_editions(hand, config)
        if config.nav is None:
            config.nav = nav(survey, [p for p in hand if p != "index.md"])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.failure is not None:  # no pages: on_post_build writes the error page instead
            return Files([f for f in files if not f.is_documentation_page()])
        assert self.survey is not None and self.renderer is not None
        docs_dir = Path(config.docs_dir).resolve()
        # A child renders the survey-wide pages while this process renders the topic pages,
        # then writes the download files (not pages) while mkdocs builds.
        survey, renderer, site_dir = self.survey, self.renderer, Path(config.site_dir)
        docs = self.material_search
        extra = self.edition_pages

        def send() -> tuple[list[Generated], list[dict[str, str]]]:
            return survey_pages(survey, renderer), references_docs(renderer, "") if docs else []

        self.exports_job = job = Background(lambda: write_files(exports(survey), site_dir), send)
        self.blocks, self.search_views, self.page_views = {}, {}, {}
        try:
            generated = topic_pages(survey, renderer)
            pages, self.search_docs = job.received()
            generated += pages + extra
        except BackgroundError as e:
            raise PluginError(f"bmsurvey: rendering the survey pages failed: {e}") from None
        for gen in generated:
            existing = files.get_file_from_path(gen.path)
            if existing is not None:
                files.remove(existing)
            content = gen.content
            if isinstance(content, PageSource):
                skeleton = content.skeleton()
                content, self.blocks[gen.path] = skeleton.markdown, skeleton
            f = File.generated(config, gen.path, content=content)
            if gen.edit_path is not None:
                f.edit_uri = Path(os.path.relpath(self.root / gen.edit_path, docs_dir)).as_posix()
            files.append(f)
        self.page_paths = {f.dest_uri for f in files.documentation_pages()}
        return files

    def build_editions(self, docs: list[str], config: MkDocsConfig) -> list[Generated]:
        """Every edition from its cache (built first where missing), the section histories,
        and the /editions/ and /changes/ pages. `docs`: the hand-written pages (docs paths)."""
        assert self.survey is not None and self.renderer is not None
        if self.edition is not None:  # an edition has no editions
            self.built_editions, self.renderer.history = [], {}
            return []
        try:
            prepared = ed.prepare_editions(self.survey, Path(config.config_file_path), docs)
        except ed.EditionError as e:
            text = render_diags(e.diagnostics, "text")
            if not self.serving:
                raise PluginError(f"bmsurvey: an edition cannot be built\n{text}") from None
            # The preview goes on without the editions rather than hang (see above).
            print(f"bmsurvey: an edition cannot be built; the preview leaves the editions out"
                  f"\n{text}", file=sys.stderr, flush=True)
            self.survey.editions, self.built_editions, self.renderer.history = [], [], {}
            return []
        self.built_editions, self.renderer.history = prepared.built, prepared.history
        return prepared.pages

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Generated pages went through Markdown as skeletons: put their HTML blocks back.
        An edition's pages get their banner on top."""
        html = self._restore(html, page, config, files)
        if self.edition is not None:
            html = banner_html(self.edition.edition,
                               ed.living_href(self.edition, page.url)) + html
        return html

    def _restore(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        skeleton = self.blocks.get(page.file.src_uri)
        if skeleton is None:
            return html
        try:
            if skeleton.unsearchable and self.material_search:
                self.search_views[page.file.src_uri] = restore(html, skeleton.blocks,
                                                               skeleton.unsearchable)
            html = restore(html, skeleton.blocks)
        except PlaceholderMismatch as e:
            # A Markdown extension of the site's config (pymdownx.striphtml, say) ate or copied
            # a placeholder comment: render the whole Markdown the slow way instead.
            log.info("bmsurvey: %s: %s; rendering the page's full Markdown", page.file.src_uri, e)
            self.search_views.pop(page.file.src_uri, None)
            page.markdown = skeleton.full_markdown()
            page.render(config, files)
            return page.content or ""
        page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(skeleton.blocks)
        return html

    # Material's search indexer parses every page's HTML, skipping what is marked
    # data-search-exclude. Before it runs, the page shows it a copy without those blocks (the
    # cite controls, the reference list: about half of a topic page); after it, the whole page.
    @event_priority(100)
    def _search_view(self, context: Any, *, page: Page, config: MkDocsConfig,
                     nav: Any) -> Any:
        view = self.search_views.pop(page.file.src_uri, None)
        if view is not None and page.content is not None:
            self.page_views[page.file.src_uri], page.content = page.content, view
        return context

    @event_priority(-100)
    def _page_view(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        whole = self.page_views.pop(page.file.src_uri, None)
        if whole is not None:
            page.content = whole
        return context

    on_page_context = CombinedEvent(_search_view, _page_view)

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.failure is not None:
            # Every page of the last good build, the home page and the 404 page mkdocs' server
            # answers for any other path.
            page = error_page(*self.failure).encode("utf-8")
            for dest in self.page_paths | {"index.html", "404.html"}:
                path = Path(config.site_dir) / dest
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(page)
            return
        url, self.references_url = self.references_url, None
        if url is not None:
            add_search_docs(Path(config.site_dir),
                            [{**d, "location": url + d["location"]} for d in self.search_docs])
        job, self.exports_job = self.exports_job, None
        if job is not None and not job.wait():
            raise PluginError("bmsurvey: writing the export and cite files failed (see above)")
        for built in self.built_editions:  # the frozen editions, from their cache
            ed.copy_edition(built, Path(config.site_dir))
        if self.config.pdf and self.survey is not None:
            from bmsurvey.adapters.pdf import PdfError, publish_pdf

            try:
                publish_pdf(self.survey, Path(config.site_dir))
            except PdfError as e:
                raise PluginError(f"bmsurvey: {e}") from None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "topics"))
        server.watch(str(self.root / "references.bib"))
        if (self.root / "editions.yml").is_file():
            server.watch(str(self.root / "editions.yml"))
        return server

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
        return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search"' + ">", 1)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Hand-written pages may cite too: resolve known keys, leave any other `@word` alone."""
        if page.edit_url and "/../" in page.edit_url:
            # Topic pages edit their YAML outside docs/: fold the `..` the join left behind.
            parts = urlsplit(page.edit_url)
            page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
        if page.file.src_uri == REFERENCES_SRC and self.material_search:
            # Its search documents come from the survey, not from parsing its HTML back.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
            self.references_url = page.url
        if page.file.generated_by is not None or self.renderer is None:
            return markdown
        root = "../" * page.url.count("/")
        return self.renderer.cite_known(markdown, root)
