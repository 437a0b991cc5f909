"""The benchmark harness: the generator yields valid, realistic projects, and `python -m bench`
measures them and writes every documented JSON key (at a tiny scale, so this stays fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.generate import SCALES, make_bib, make_knowledge, topic_yaml, write_peer, write_project
from bench.measure import KEYS
from bmsurvey.core.bib import parse_bib
from bmsurvey.core.citations import cited_keys
from bmsurvey.core.schema.parts import PART_IDS

REPO = Path(__file__).resolve().parent.parent
TINY = SCALES["tiny"]


def _cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *argv], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_generated_project_passes_strict_check(tmp_path: Path) -> None:
    k = make_knowledge(TINY)
    root = write_project(k, tmp_path / "project")
    done = _cli("-m", "bmsurvey", "--root", str(root), "check", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    # Strict: not even an "uncited reference" warning, so every reference is cited.
    assert "checked 4 topic files and 60 references: 0 errors, 0 warnings" in done.stderr
    assert {p.name for p in (root / "topics").iterdir()} == set(PART_IDS)
    for name in ("mkdocs.yml", "docs/index.md", "references.bib"):
        assert (root / name).is_file()
    assert "- bmsurvey" in (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_generation_is_deterministic_and_cites_everything() -> None:
    a, b = make_knowledge(TINY), make_knowledge(TINY)
    assert a.bib == b.bib
    assert [topic_yaml(t) for t in a.topics] == [topic_yaml(t) for t in b.topics]
    cited = {key for t in a.topics for u in [*t.sections, *t.directions]
             for key in cited_keys(u.body)}
    cited |= {key for t in a.topics for key in cited_keys(t.summary)}
    assert cited == {r.key for r in a.refs}
    words = [len(s.body.split()) for t in a.topics for s in t.sections]
    assert min(words) >= 240


def test_bib_is_realistic() -> None:
    text, refs = make_bib(400)
    bib, diags = parse_bib(text)
    assert [d for d in diags if d.is_error] == []
    assert len(bib.entries) == len(refs) == 400
    assert len(bib.strings) >= 5 and "# " in text  # @string macros, concatenated
    assert {e.type for e in bib.entries.values()} >= {"article", "inproceedings", "misc"}
    assert any(e.arxiv for e in bib.entries.values())
    assert any(e.doi for e in bib.entries.values())
    assert "--" in text and '{\\"u}' in text and "{\\c{c}}" in text and "\\'e" in text
    longest = max(bib.entries.values(), key=lambda e: len(e.authors))
    assert len(longest.authors) > 20
    assert any(n.others for e in bib.entries.values() for n in e.authors)
    families = {n.family for e in bib.entries.values() for n in e.authors}
    assert "Müller" in families and "Koç" in families
    assert all("{" not in e.title and "\\" not in e.title for e in bib.entries.values())


def test_peer_pages_keep_pandoc_citations(tmp_path: Path) -> None:
    k = make_knowledge(TINY)
    root = write_peer(k, tmp_path / "peer", tmp_path / "references.bib")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "bibtex:" in config and "footnotes" in config
    t = k.topics[0]
    page = (root / "docs" / t.part / f"{t.id}.md").read_text(encoding="utf-8")
    assert set(cited_keys(t.sections[0].body)) <= set(cited_keys(page))
    # mkdocs-bibtex only sees citations on one line: none may be split by wrapping.
    assert all(line.count("[") == line.count("]") for line in page.splitlines())


def test_bench_cli_writes_every_key(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = _cli("-m", "bench", "--scales", "tiny", "--reps", "1", "--no-peer", "--no-editions",
                "--bib-entries", "300", "--bib-sample", "40", "--out", str(tmp_path / "work"),
                "--json", str(out), timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"cpu_count", "cpu_model", "python", "platform"} <= set(result["machine"])
    [row] = result["scales"]
    assert set(KEYS) <= set(row)
    assert (row["name"], row["topics"], row["refs"]) == ("tiny", 4, 60)
    for key in ("check_s", "build_s", "zensical_s", "floor_s", "rebuild_s", "peak_rss_mb",
                "site_mb", "largest_page_mb", "search_index_mb", "bib_entries_per_s"):
        assert row[key] > 0, key
    assert row["rebuild_error"] is None
    assert row["build_over_floor"] == round(row["build_s"] / row["floor_s"], 2)
    assert row["zensical_over_floor"] == round(row["zensical_s"] / row["floor_s"], 2)
    assert (tmp_path / "work" / "tiny" / "zensical-site" / "search.json").is_file()
    assert row["mkdocs_bibtex_s"] is None and row["peer_over_build"] is None
    assert row["largest_page_mb"] <= row["site_mb"]
    bib = result["bib_only"]
    assert bib["entries"] == 300 and bib["bibtexparser_sample_entries"] == 40
    assert bib["entries_per_s"] > 0 and bib["bibtexparser_latex_middleware_entries_per_s"] > 0
    assert "| build_s |" in done.stdout  # the readable table
    # The topic edited for the rebuild timing is restored afterwards.
    t = make_knowledge(TINY).topics[0]
    project = tmp_path / "work" / "tiny" / "project"
    assert (project / "topics" / t.part / f"{t.id}.yaml").read_text(encoding="utf-8") \
        == topic_yaml(t)
