"""`bmsurvey render --out DIR`: the whole site as plain Markdown + assets + an mkdocs.yml without
the bmsurvey plugin. Building that folder with mkdocs is "the floor" the benchmark compares with,
and it keeps the core usable by other static-site generators: `--engine zensical` writes the
folder `bmsurvey build --engine zensical` hands to Zensical (`bmsurvey.adapters.zensical`).

Everything the plugin computes at build time is a file or a setting here: the pages, the cite
and export files and the assets as files in docs/; the navigation, extra_css/extra_javascript
and the Markdown extensions our pages need in mkdocs.yml; the template override as the theme's
custom_dir. The plugin's search speed-ups are not needed: the indexer reads `data-search-exclude`
in the pages themselves."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import yaml

from bmsurvey.adapters.editions import (
    copy_edition,
    living_href,
    page_url,
    prepare_editions,
    read_spec,
)
from bmsurvey.core.survey import Survey
from bmsurvey.render.editions import banner_html
from bmsurvey.render.pages import Renderer
from bmsurvey.render.site import (
    ASSET_DIR,
    ASSETS,
    TEMPLATE_DIR,
    Generated,
    generate,
    nav,
    root_of,
    write_files,
)
from bmsurvey.render.source import PageSource

Engine = Literal["mkdocs", "zensical"]
# Markdown extensions the pages rely on (headings with {#id}); the plugin adds them too.
NEEDED_EXTENSIONS = ("attr_list", "toc")

# Our HTML blocks escape every attribute value (sanitised text has no raw `<` or `"`), so an
# href/src attribute inside a tag is one of ours.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def source_dir_links(block: str, src: str) -> str:
    """Relative links of an HTML block on the page built from docs path `src`, rewritten from
    the page's URL to its source file's folder.

    mkdocs passes raw HTML through untouched, so our blocks link relative to the page's URL
    (`models/language-model.md` is served at `models/language-model/`: the root is `../../`).
    Zensical reads relative links in raw HTML as it reads Markdown links, from the folder of the
    Markdown file (the root is `../`): 0.0.73 puts one `../` before each that is not a `.md`
    path. Left as they are, ours would climb one level above the site root, which a browser
    forgives only on a site served at `/`. Index pages are served from their file's folder, so
    theirs are the same either way."""
    if src == "index.md" or src.endswith("/index.md"):
        return block
    url_dir = src[:-len(".md")] + "/"
    src_dir = posixpath.dirname(src) or "."

    def rebase(url: str) -> str:
        parts = urlsplit(html.unescape(url))
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return url
        target = posixpath.normpath(posixpath.join(url_dir, parts.path))
        path = posixpath.relpath(target, src_dir)
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
        return html.escape(urlunsplit(("", "", path, parts.query, parts.fragment)))

    def tag(m: re.Match[str]) -> str:
        return _URL_ATTR.sub(lambda a: a.group(1) + rebase(a.group(2)) + a.group(3), m.group(0))

    return _TAG.sub(tag, block)


def for_engine(gen: Generated, engine: Engine) -> Generated:
    if engine == "zensical" and isinstance(gen.content, PageSource):
        page = gen.content.map_html(lambda block: source_dir_links(block, gen.path))
        return Generated(gen.path, page, gen.edit_path)
    return gen


def with_banner(gen: Generated, banner: str, engine: Engine) -> Generated:
    """A generated page with an edition's banner on top (before `for_engine` rebases it)."""
    if isinstance(gen.content, PageSource):
        page = PageSource().html(banner, search=False)
        page.chunks += gen.content.chunks
        return Generated(gen.path, page, gen.edit_path)
    if isinstance(gen.content, str):  # a Markdown page (the schema and codes references)
        html_block = source_dir_links(banner, gen.path) if engine == "zensical" else banner
        return Generated(gen.path, html_block + "\n\n" + gen.content, gen.edit_path)
    return gen


def pdf_option(config: dict[str, Any]) -> bool:
    """The bmsurvey plugin's `pdf` switch in an mkdocs.yml (`- bmsurvey: {pdf: true}`)."""
    for p in config.get("plugins", []) or []:
        if isinstance(p, dict) and isinstance(p.get("bmsurvey"), dict):
            return bool(p["bmsurvey"].get("pdf", False))
    return False


def render_site(survey: Survey, out: Path, engine: Engine = "mkdocs") -> Path:
    """The site's sources in `out`. With editions (adapters.editions, built with `engine` or
    from its cache): /editions/ and /changes/ with the section histories, and the editions'
    built sites in `docs/editions/` (mkdocs copies them as they are) or, for Zensical, in
    `editions/` (the Zensical adapter copies them into the site after its build). Raises
    EditionError when an edition cannot be built."""
    root = survey.project.root
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_src = root / config.get("docs_dir", "docs")
    docs = out / "docs"
    if out.exists():
        shutil.rmtree(out)
    with_pdf = pdf_option(config)
    renderer = Renderer(survey, pdf=with_pdf)
    spec = read_spec()  # building one edition: a banner on every page
    hand = sorted(p.relative_to(docs_src).as_posix() for p in docs_src.rglob("*.md"))
    prepared = prepare_editions(survey, root / "mkdocs.yml", hand, engine)
    renderer.history = prepared.history
    extra: list[str] = []
    for page in sorted(docs_src.rglob("*")):
        if not page.is_file():
            continue
        rel = page.relative_to(docs_src).as_posix()
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if page.suffix == ".md":
            # Citations in hand-written pages are raw HTML links too (see source_dir_links).
            base = root_of(rel) if engine == "mkdocs" else "../" * rel.count("/")
            text = renderer.cite_known(page.read_text(encoding="utf-8"), base)
            if spec is not None:
                banner = banner_html(spec.edition, living_href(spec, page_url(rel)))
                text = (source_dir_links(banner, rel) if engine == "zensical" else banner) \
                    + "\n\n" + text
            target.write_text(text, encoding="utf-8")
            if rel != "index.md":
                extra.append(rel)
        else:
            shutil.copyfile(page, target)
    generated = generate(survey, renderer) + prepared.pages
    if spec is not None:
        generated = [with_banner(g, banner_html(spec.edition, living_href(
            spec, page_url(g.path))), engine) if g.path.endswith(".md") else g
            for g in generated]
    write_files([for_engine(g, engine) for g in generated], docs)
    if with_pdf:  # a static file the site generator copies; PdfError reaches the caller
        from bmsurvey.adapters.pdf import publish_pdf

        publish_pdf(survey, docs)
    for built in prepared.built:
        copy_edition(built, docs if engine == "mkdocs" else out)
    plugins = [p for p in config.get("plugins", []) if p != "bmsurvey" and not (
        isinstance(p, dict) and "bmsurvey" in p)]
    config["plugins"] = plugins
    config["docs_dir"] = "docs"
    if engine == "zensical":
        config["site_dir"] = "site"  # Zensical wants it inside the folder; the build moves it
    config["nav"] = nav(survey, sorted(extra))
    extensions = config.setdefault("markdown_extensions", [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [e for e in NEEDED_EXTENSIONS if e not in names]
    config["extra_css"] = [*config.get("extra_css", []), f"{ASSET_DIR}/{ASSETS[0]}"]
    config["extra_javascript"] = [*config.get("extra_javascript", []), f"{ASSET_DIR}/{ASSETS[1]}"]
    config.pop("edit_uri", None)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material":
        # The plugin puts our templates after a custom_dir and before the theme's own: here a
        # custom_dir's files are copied over ours.
        shutil.copytree(TEMPLATE_DIR, out / "overrides")
        if theme.get("custom_dir"):
            shutil.copytree(root / theme["custom_dir"], out / "overrides", dirs_exist_ok=True)
        theme["custom_dir"] = "overrides"
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
    return out
