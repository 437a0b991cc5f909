"""One in-process mkdocs build, shared by `bmsurvey build`, the tests and the benchmark."""

from __future__ import annotations

from pathlib import Path


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build `root/mkdocs.yml` the way `mkdocs build` does (plugins started and shut down);
    returns the site folder. Raises mkdocs' exceptions for the caller to report."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    extra = {"site_dir": str(site_dir)} if site_dir is not None else {}
    cfg = load_config(str(root / "mkdocs.yml"), strict=strict, **extra)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Path(cfg.site_dir)
