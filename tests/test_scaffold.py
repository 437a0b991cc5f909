"""`bmsurvey new topic|section`: skeletons that pass the check and build, refusals that point."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest

from bmsurvey.cli import main
from bmsurvey.core.loader import load_yaml
from tests.conftest import mkdocs_build
from tests.helpers import run_cli

LM = "topics/models/language-model.yaml"


def cli(root: Path, *argv: str) -> tuple[int, str]:
    code, out, err = run_cli("--root", str(root), *argv)
    assert "Traceback" not in out + err
    return code, out


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_topic_checks_clean_and_builds(basic: Path) -> None:
    code, out = cli(basic, "new", "topic", "models", "zz-test", "--title", "Zz Test")
    assert code == 0, out
    assert "created topics/models/zz-test.yaml" in out
    path = basic / "topics/models/zz-test.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/topic.schema.json\n")
    assert f"last_reviewed: {dt.date.today().isoformat()}\n" in text
    assert "  - id: overview\n    title: Overview\n    body: |\n      TODO: " in text

    code, out = cli(basic, "check")
    assert code == 0, out
    assert "error" not in out
    assert cli(basic, "fmt", "--check", str(path)) == (0, "")  # already canonical

    site = mkdocs_build(basic)
    page = site / "models" / "zz-test" / "index.html"
    assert page.is_file()
    assert "TODO: write this section" in page.read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    assert "Zz Test" in nav


def test_new_section_appends_and_keeps_comments(basic: Path) -> None:
    path = basic / LM
    text = path.read_text(encoding="utf-8").replace(
        "    title: Scaling laws\n", "    title: Scaling laws  # keep this title\n")
    text = text.replace("future_directions:\n", "# directions follow\nfuture_directions:\n")
    path.write_text(text, encoding="utf-8")
    before, _ = load_yaml(text.encode(), LM)
    assert before is not None

    code, out = cli(basic, "new", "section", "language-model", "tokenizers", "--title",
                    "Tokenizers: how text becomes tokens")
    assert code == 0, out
    assert f"added section 'tokenizers' to {LM}" in out
    new_text = path.read_text(encoding="utf-8")
    after, diags = load_yaml(new_text.encode(), LM)
    assert after is not None and not diags
    assert "# keep this title" in new_text and "# directions follow" in new_text
    assert new_text.startswith("# yaml-language-server:")
    sections = after.data["sections"]
    assert [s["id"] for s in sections] == ["scaling-laws", "tokenizers"]
    assert sections[1]["title"] == "Tokenizers: how text becomes tokens"
    assert sections[1]["body"].startswith("TODO: write this section")
    assert after.data["future_directions"] == before.data["future_directions"]
    assert sections[0] == before.data["sections"][0]
    code, out = cli(basic, "check", "--strict")
    assert code == 0, out


def test_refusals_are_located_and_change_nothing(basic: Path) -> None:
    state = snapshot(basic)
    cases = [
        (("new", "topic", "model", "zz-test", "--title", "Zz"),
         "topics/model/zz-test.yaml: error: unknown part 'model' [unknown-part]"),
        (("new", "topic", "models", "Zz_Test", "--title", "Zz"),
         "topics/models/Zz_Test.yaml: error: topic id 'Zz_Test' is not lowercase words joined "
         "by hyphens [bad-id]"),
        (("new", "topic", "models", "zz-test", "--title", " "),
         "[bad-title]"),
        (("new", "topic", "resource", "vision-model", "--title", "Again"),
         "topics/models/vision-model.yaml:1:5: error: topic 'vision-model' already exists "
         "[duplicate-id]"),
        (("new", "section", "language-model", "scaling-laws", "--title", "Again"),
         f"{LM}:9:9: error: id 'scaling-laws' is already used in this topic [duplicate-id]"),
        (("new", "section", "language-model", "data-limits", "--title", "Again"),
         f"{LM}:23:9: error: id 'data-limits' is already used in this topic [duplicate-id]"),
        (("new", "section", "language-model", "references", "--title", "Refs"),
         f"{LM}: error: id 'references' is reserved for the page itself [reserved-id]"),
        (("new", "section", "language-model", "Bad Id", "--title", "X"),
         "[bad-id]"),
        (("new", "section", "languge-model", "history", "--title", "History"),
         "topics/: error: no topic 'languge-model' [unknown-topic]"),
    ]
    for argv, expected in cases:
        code, out = cli(basic, *argv)
        assert code == 1, argv
        assert expected in out, (argv, out)
    assert snapshot(basic) == state


def test_new_section_refuses_a_broken_topic(basic: Path) -> None:
    path = basic / LM
    broken = path.read_text(encoding="utf-8").replace("related: [vision-model]",
                                                      "related: [vision-model")
    path.write_text(broken, encoding="utf-8")
    code, out = cli(basic, "new", "section", "language-model", "history", "--title", "History")
    assert code == 1 and f"{LM}:8:9: error: YAML syntax error" in out
    assert path.read_text(encoding="utf-8") == broken


def test_usage_errors_exit_2(basic: Path) -> None:
    with pytest.raises(SystemExit) as exc, contextlib.redirect_stderr(io.StringIO()):
        main(["--root", str(basic), "new", "topic", "models", "zz-test"])  # no --title
    assert exc.value.code == 2
