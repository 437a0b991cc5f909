"""Find and load a survey project: `topics/<part-id>/<topic-id>.yaml` and `references.bib`.

Loading is cached by content hash, so `serve` re-parses only what changed.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bmsurvey.core.bib import BibFile, parse_bib
from bmsurvey.core.diagnostics import Diagnostic
from bmsurvey.core.glyphs import glyph_diagnostics
from bmsurvey.core.invisible import invisible_diagnostics
from bmsurvey.core.loader import Positions, load_yaml, utf8_text
from bmsurvey.core.schema import Topic
from bmsurvey.core.schema.catalogue import Catalogue, ModelRecord
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.schema.parts import PART_BY_ID, PART_IDS
from bmsurvey.core.schema_errors import to_diagnostics

BIB_NAME = "references.bib"
CATALOGUE_NAME = "catalogue/models.yaml"
META_NAME = "survey.yml"
TOPICS_DIR = "topics"


@dataclass
class TopicDoc:
    path: str  # relative to the project root, POSIX
    part_id: str
    file_id: str  # the file name without .yaml
    topic: Topic | None
    positions: Positions
    digest: str
    text: str = ""  # the source, to locate citations inside bodies


@dataclass
class CatalogueDoc:
    """`catalogue/models.yaml` as loaded: the model (None if it failed) and where things are."""

    path: str
    catalogue: Catalogue | None
    positions: Positions
    text: str = ""


@dataclass
class Project:
    root: Path
    topics: list[TopicDoc] = field(default_factory=list)
    bib: BibFile = field(default_factory=lambda: BibFile(BIB_NAME))
    bib_digest: str = ""
    meta: SurveyMeta = field(default_factory=SurveyMeta)
    catalogue: CatalogueDoc | None = None  # None: the project has no catalogue file
    diagnostics: list[Diagnostic] = field(default_factory=list)


_topic_cache: dict[tuple[str, str], tuple[TopicDoc, list[Diagnostic]]] = {}
_bib_cache: dict[str, tuple[BibFile, list[Diagnostic]]] = {}


def _digest(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()


def load_topic(raw: bytes, rel: str, part_id: str,
               file_id: str) -> tuple[TopicDoc, list[Diagnostic]]:
    digest = _digest(raw)
    cached = _topic_cache.get((rel, digest))
    if cached is not None:
        return cached
    loaded, diags = load_yaml(raw, rel)
    topic: Topic | None = None
    positions = loaded.positions if loaded else Positions()
    if loaded is not None:
        if not isinstance(loaded.data, dict):
            line, col = positions.of(())
            diags.append(Diagnostic(rel, line, col, "schema-type",
                                    "a topic file must be a mapping of fields",
                                    "start with `id: <topic-id>` and `title: ...`"))
        else:
            try:
                topic = Topic.model_validate(loaded.data)
            except ValidationError as exc:
                diags.extend(to_diagnostics(exc, rel, positions))
    if loaded is not None:  # scanned once per content, cached with the topic
        diags.extend(invisible_diagnostics(loaded.text, rel))
        diags.extend(glyph_diagnostics(loaded.text, rel))
    doc = TopicDoc(rel, part_id, file_id, topic, positions, digest, loaded.text if loaded else "")
    _topic_cache[(rel, digest)] = (doc, diags)
    return doc, diags


def load_bib_bytes(raw: bytes, rel: str = BIB_NAME) -> tuple[BibFile, list[Diagnostic]]:
    digest = _digest(raw)
    cached = _bib_cache.get(digest)
    if cached is not None:
        return cached
    # Parsing allocates hundreds of thousands of small objects and frees almost none: the cyclic
    # GC would scan them again and again for nothing (~20 % of the load at 20,000 entries).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        bib, diags = _load_bib(raw, rel)
        for entry in bib.entries.values():  # decode once, here, for everything downstream
            _ = entry.decoded, entry.authors
    finally:
        if gc_was_enabled:
            gc.enable()
    _bib_cache.clear()  # one bib per project: keep only the latest
    _bib_cache[digest] = (bib, diags)
    return bib, diags


def _load_bib(raw: bytes, rel: str) -> tuple[BibFile, list[Diagnostic]]:
    # On invalid UTF-8, check what decodes: the rest of the file still gets its diagnostics.
    text, problem = utf8_text(raw, rel)
    bib, diags = parse_bib(text, rel)
    if problem is not None:
        diags.insert(0, problem)
    diags.extend(invisible_diagnostics(text, rel))
    diags.extend(glyph_diagnostics(text, rel))
    return bib, diags


def topic_files(root: Path) -> list[Path]:
    base = root / TOPICS_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))


def load_meta(root: Path) -> tuple[SurveyMeta, list[Diagnostic]]:
    """survey.yml, or defaults where a project (a test fixture) has none."""
    path = root / META_NAME
    if not path.is_file():
        return SurveyMeta(), []
    loaded, diags = load_yaml(path.read_bytes(), META_NAME)
    if loaded is None or diags:
        return SurveyMeta(), diags
    try:
        return SurveyMeta.model_validate(loaded.data), []
    except ValidationError as exc:
        return SurveyMeta(), to_diagnostics(exc, META_NAME, loaded.positions, SurveyMeta)


def load_catalogue(root: Path) -> tuple[CatalogueDoc | None, list[Diagnostic]]:
    """The model catalogue, or None where a project has none (it is optional)."""
    path = root / CATALOGUE_NAME
    if not path.is_file():
        return None, []
    loaded, diags = load_yaml(path.read_bytes(), CATALOGUE_NAME)
    if loaded is None:
        return CatalogueDoc(CATALOGUE_NAME, None, Positions()), diags
    diags.extend(invisible_diagnostics(loaded.text, CATALOGUE_NAME))
    diags.extend(glyph_diagnostics(loaded.text, CATALOGUE_NAME))
    catalogue: Catalogue | None = None
    if not isinstance(loaded.data, dict):
        diags.append(Diagnostic(CATALOGUE_NAME, 1, 1, "schema-type",
                                "the catalogue must be a mapping with a `models:` list",
                                "start the file with `models:` and one `- id: ...` per model"))
    else:
        # Record by record, so one bad model does not hide the checks of all the others.
        items = loaded.data.get("models")
        models = []
        if isinstance(items, list):
            for i, item in enumerate(items):
                try:
                    models.append(ModelRecord.model_validate(item))
                except ValidationError as exc:
                    diags.extend(to_diagnostics(exc, CATALOGUE_NAME, loaded.positions,
                                                Catalogue, ("models", i)))
        try:
            catalogue = Catalogue.model_validate({**loaded.data, "models": []})
            catalogue = catalogue.model_copy(update={"models": models})
        except ValidationError as exc:
            diags.extend(to_diagnostics(exc, CATALOGUE_NAME, loaded.positions, Catalogue))
    return CatalogueDoc(CATALOGUE_NAME, catalogue, loaded.positions, loaded.text), diags


def load_project(root: Path) -> Project:
    project = Project(root)
    diags = project.diagnostics
    project.meta, meta_diags = load_meta(root)
    diags.extend(meta_diags)
    for file in topic_files(root):
        rel = file.relative_to(root).as_posix()
        parts = file.relative_to(root / TOPICS_DIR).parts
        part_id = parts[0] if len(parts) == 2 else ""
        if part_id not in PART_BY_ID:
            diags.append(Diagnostic(rel, 0, 0, "unknown-part",
                                    "topic file is not inside a known part folder",
                                    "move it to topics/<part-id>/<topic-id>.yaml with part-id one "
                                    "of " + ", ".join(PART_IDS)))
            continue
        doc, tdiags = load_topic(file.read_bytes(), rel, part_id, file.stem)
        diags.extend(tdiags)
        project.topics.append(doc)
    project.catalogue, cat_diags = load_catalogue(root)
    diags.extend(cat_diags)
    bib_path = root / BIB_NAME
    if bib_path.is_file():
        raw = bib_path.read_bytes()
        project.bib_digest = _digest(raw)
        project.bib, bdiags = load_bib_bytes(raw)
        diags.extend(bdiags)
    else:
        diags.append(Diagnostic(BIB_NAME, 0, 0, "bib-missing", "references.bib not found",
                                "create references.bib at the project root"))
    return project
