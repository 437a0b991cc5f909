"""`bmsurvey render --out DIR`: the whole site as plain Markdown + assets + an mkdocs.yml without
the bmsurvey plugin. Building that folder with mkdocs is "the floor" the benchmark compares with,
and it keeps the core usable by other static-site generators."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from bmsurvey.render.pages import Renderer
from bmsurvey.site import ASSET_DIR, ASSETS, TEMPLATE_DIR, generate, nav, root_of, write_files
from bmsurvey.survey import Survey


def render_site(survey: Survey, out: Path) -> Path:
    root = survey.project.root
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_src = root / config.get("docs_dir", "docs")
    docs = out / "docs"
    if out.exists():
        shutil.rmtree(out)
    renderer = Renderer(survey)
    extra: list[str] = []
    for page in sorted(docs_src.rglob("*")):
        if not page.is_file():
            continue
        rel = page.relative_to(docs_src).as_posix()
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if page.suffix == ".md":
            text = renderer.cite_known(page.read_text(encoding="utf-8"), root_of(rel))
            target.write_text(text, encoding="utf-8")
            if rel != "index.md":
                extra.append(rel)
        else:
            shutil.copyfile(page, target)
    write_files(generate(survey, renderer), docs)
    plugins = [p for p in config.get("plugins", []) if p != "bmsurvey" and not (
        isinstance(p, dict) and "bmsurvey" in p)]
    config["plugins"] = plugins
    config["docs_dir"] = "docs"
    config["nav"] = nav(survey, sorted(extra))
    config["extra_css"] = [*config.get("extra_css", []), f"{ASSET_DIR}/{ASSETS[0]}"]
    config["extra_javascript"] = [*config.get("extra_javascript", []), f"{ASSET_DIR}/{ASSETS[1]}"]
    config.pop("edit_uri", None)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material" and "custom_dir" not in theme:
        shutil.copytree(TEMPLATE_DIR, out / "overrides")
        theme["custom_dir"] = "overrides"
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
    return out
