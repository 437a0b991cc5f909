"""`bmsurvey check`: each mistake a contributor can make, with its exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

LM = "topics/models/language-model.yaml"


def check(root: Path, *extra: str) -> tuple[int, str]:
    code, out, err = run_cli("--root", str(root), "check", *extra)
    assert "Traceback" not in out + err
    return code, out


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_fixture_passes(basic: Path) -> None:
    code, out = check(basic, "--strict")
    assert code == 0, out
    assert out == ""


def test_yaml_syntax_error(basic: Path) -> None:
    replace(basic / LM, "related: [vision-model]", "related: [vision-model")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:8:9: error: YAML syntax error: did not find expected ',' or ']' " \
        "(while parsing a flow sequence on line 7) [yaml-syntax]" in out


def test_unknown_field_with_suggestion(basic: Path) -> None:
    replace(basic / LM, "    title: Scaling laws\n", "    title: Scaling laws\n    titel: x\n")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:11:5: error: unknown field 'titel' in sections[0] [schema-unknown-field]" in out
    assert "hint: did you mean 'title'?" in out


def test_wrong_type(basic: Path) -> None:
    replace(basic / LM, "title: Language Model", "title: [Language, Model]")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:3:8: error: title must be text, not a list [schema-type]" in out


def test_missing_field(basic: Path) -> None:
    replace(basic / LM, "last_reviewed: 2022-12-01\n", "")
    code, out = check(basic)
    assert code == 1
    assert "required field 'last_reviewed' is missing in (top level) [schema-missing-field]" in out


def test_bad_slug(basic: Path) -> None:
    replace(basic / LM, "id: scaling-laws", "id: Scaling Laws")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:9:9: error: sections[0].id must be lowercase words joined by hyphens, " \
        "got 'Scaling Laws' [schema-value]" in out


def test_unknown_citation_key_with_did_you_mean(basic: Path) -> None:
    replace(basic / LM, "As @muller2019when argued", "As @muller2019whan argued")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:13:11: error: unknown citation key 'muller2019whan' [unknown-citation]" in out
    assert "hint: did you mean 'muller2019when'?" in out


def test_unknown_key_work(basic: Path) -> None:
    replace(basic / LM, "      - key: hoffmann2022training", "      - key: hofmann2022training")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:15:14: error: key work 'hofmann2022training' is not in references.bib " \
        "[unknown-citation]" in out


def test_malformed_bib_entry_reports_and_keeps_the_rest(basic: Path) -> None:
    bib = basic / "references.bib"
    replace(bib, "  title = {Scaling Laws for Neural Language Models},",
            "  title = {Scaling Laws for Neural Language Models,")
    code, out = check(basic)
    assert code == 1
    assert "references.bib:3:1: error: malformed BibTeX block '@misc{kaplan2020scaling,'" in out
    # The entries after the broken one are still loaded: only the broken key is unknown.
    assert "unknown citation key 'kaplan2020scaling'" in out
    assert "hoffmann2022training'" not in out.replace("kaplan", "")


def test_duplicate_bib_key(basic: Path) -> None:
    bib = basic / "references.bib"
    text = bib.read_text()
    bib.write_text(text + "\n@misc{kaplan2020scaling,\n  title = {Again},\n  year = {2020},\n}\n")
    code, out = check(basic)
    assert code == 1
    line = text.count("\n") + 2
    assert f"references.bib:{line}:1: error: duplicate BibTeX key 'kaplan2020scaling' " \
        "[bib-duplicate-key]" in out


def test_duplicate_section_id(basic: Path) -> None:
    replace(basic / LM, "  - id: data-limits", "  - id: scaling-laws")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:23:9: error: id 'scaling-laws' is used twice in topic 'language-model' " \
        "[duplicate-id]" in out


def test_unknown_related_topic(basic: Path) -> None:
    replace(basic / LM, "related: [vision-model]", "related: [vision-modle]")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:7:11: error: related topic is unknown topic 'vision-modle' [unknown-related]" \
        in out
    assert "did you mean 'vision-model'?" in out


def test_uncited_reference_is_a_warning_and_strict_fails(basic: Path) -> None:
    bib = basic / "references.bib"
    bib.write_text(bib.read_text() + "\n@misc{lonely2021entry,\n  author = {Lone, Ly},\n"
                   "  title = {Lonely},\n  year = {2021},\n  url = {https://example.org},\n}\n")
    code, out = check(basic)
    assert code == 0
    assert "warning: reference 'lonely2021entry' is never cited [uncited-reference]" in out
    code, out = check(basic, "--strict")
    assert code == 1
    assert "error: reference 'lonely2021entry' is never cited" in out


def test_same_work_under_two_keys(basic: Path) -> None:
    bib = basic / "references.bib"
    bib.write_text(bib.read_text() + "\n@misc{kaplan2020scalingb,\n  author = {Kaplan, J.},\n"
                   "  title = {Scaling laws for neural language models},\n  year = {2020},\n"
                   "  eprint = {2001.08361},\n  archivePrefix = {arXiv},\n}\n")
    code, out = check(basic)
    assert code == 0
    assert "warning: 'kaplan2020scalingb' has the same arXiv id as 'kaplan2020scaling'" in out


def test_file_name_and_id_disagree(basic: Path) -> None:
    replace(basic / LM, "id: language-model", "id: language-models")
    code, out = check(basic)
    assert code == 1
    assert f"{LM}:2:5: error: topic id 'language-models' differs from the file name " \
        "'language-model.yaml' [topic-id-mismatch]" in out


def test_all_problems_in_one_run(basic: Path) -> None:
    replace(basic / LM, "title: Language Model", "title: [x]")
    replace(basic / "topics/models/vision-model.yaml", "[@muller2019when]", "[@nobody2020x]")
    bib = basic / "references.bib"
    bib.write_text(bib.read_text() + "\n@misc{kaplan2020scaling,\n  title = {Dup},\n}\n")
    code, out = check(basic)
    assert code == 1
    assert "[schema-type]" in out and "[unknown-citation]" in out and "[bib-duplicate-key]" in out


@pytest.mark.parametrize("fmt", ["github", "json"])
def test_machine_formats(basic: Path, fmt: str) -> None:
    replace(basic / LM, "    title: Scaling laws\n", "    title: Scaling laws\n    titel: x\n")
    code, out = check(basic, "--format", fmt)
    assert code == 1
    if fmt == "github":
        assert f"::error file={LM},line=11,col=5,title=schema-unknown-field::unknown field " \
            "'titel'" in out
    else:
        import json

        items = json.loads(out)
        assert {"path", "line", "col", "severity", "code", "message", "hint"} <= set(items[0])
        assert items[0]["code"] == "schema-unknown-field" and items[0]["line"] == 11


def test_build_refuses_a_broken_knowledge_base_with_located_errors(basic: Path) -> None:
    replace(basic / "topics/models/vision-model.yaml", "[@muller2019when]", "[@nobody2020x]")
    code, out, err = run_cli("--root", str(basic), "build", "--site-dir", str(basic / "out"))
    assert code == 1
    assert "vision-model.yaml:4:22: error: unknown citation key 'nobody2020x'" in out + err
    assert "Traceback" not in out + err


def test_build_writes_the_site(basic: Path) -> None:
    code, _, err = run_cli("--root", str(basic), "build", "--site-dir", str(basic / "out"))
    assert code == 0, err
    assert (basic / "out/models/language-model/index.html").is_file()
    assert (basic / "out/export/references.bib").is_file()  # written by the forked child


def test_review_date_far_after_the_newest_cited_work_warns(basic: Path) -> None:
    replace(basic / LM, "last_reviewed: 2022-12-01", "last_reviewed: 2024-01-15")
    code, out = check(basic)
    assert code == 0
    assert f"{LM}:6:16: warning: last_reviewed 2024-01-15 is more than 12 months after the " \
        "newest work the topic cites (March 2022) [review-date]" in out
    code, _ = check(basic, "--strict")
    assert code == 1


def test_topic_page_says_how_far_its_literature_reaches(basic_site: Path) -> None:
    page = (basic_site / "models/language-model/index.html").read_text(encoding="utf-8")
    assert "Covers work up to March 2022 · Last reviewed 2022-12-01" in page


def test_invisible_characters_are_located_with_their_code_point(basic: Path) -> None:
    replace(basic / LM, "title: Scaling laws", "title: Scaling\u202e laws")
    replace(basic / LM, "As @muller2019when argued", "As @muller2019when\u200b argued")
    # A zero-width non-joiner inside a Persian word is part of the word: no warning.
    persian = "\u0645\u06cc\u200c\u0634\u0648\u062f"
    replace(basic / LM, "label smoothing helps.", f"label smoothing helps ({persian}).")
    bib = basic / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "title = {Scaling", "title = {\u2066Scaling", 1), encoding="utf-8")
    code, out = check(basic)
    assert code == 0
    assert f"{LM}:10:19: warning: invisible character U+202E RIGHT-TO-LEFT OVERRIDE (a " \
        "bidirectional control) [invisible-character]" in out
    assert f"{LM}:13:25: warning: invisible character U+200B ZERO WIDTH SPACE (an invisible " \
        "format character) [invisible-character]" in out
    assert "U+200C" not in out
    assert "references.bib:5:12: warning: invisible character U+2066 LEFT-TO-RIGHT ISOLATE" in out
    code, _ = check(basic, "--strict")
    assert code == 1
