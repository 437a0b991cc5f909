"""`bmsurvey fmt`: canonical layout that loses nothing, is idempotent and refuses broken input."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmsurvey.core.bib import parse_bib
from bmsurvey.core.bib.model import BibFile, Comment, StringDef
from bmsurvey.core.loader import load_yaml
from bmsurvey.tools import fmt
from tests.helpers import run_cli

LM = "topics/models/language-model.yaml"
BIB = "references.bib"

SCRAMBLED_BIB = """% Survey references: keep this comment.
@comment{checked against arXiv on 2025-11-20}

@String{ neurips="Advances in Neural Information Processing Systems" }



@misc{ kaplan2020scaling,
	URL = "https://arxiv.org/abs/2001.08361",
	archivePrefix="arXiv",   eprint = "2001.08361",
	YEAR=2020,
    title = "Scaling Laws for Neural Language Models",
	author="Kaplan, Jared and McCandlish, Sam and Henighan, Tom and others"
}
@inproceedings{hoffmann2022training, url={https://arxiv.org/abs/2203.15556},
year = "2022", booktitle = neurips # " 35",
      title = {An Empirical Analysis of Compute-Optimal Large Language Model Training},
  author = {Hoffmann, Jordan and Borgeaud, Sebastian and Mensch, Arthur and others}}


% a comment between entries
@inproceedings{muller2019when,
  url = {https://arxiv.org/abs/1906.02629},
  booktitle = neurips,
  title = "When Does Label Smoothing Help?",
  author = {M{\\"u}ller, Rafael and Kornblith, Simon and Hinton, Geoffrey E.},
  year = 2019, eprint = {1906.02629}, archivePrefix = {arXiv},
}
"""


def fmt_cli(root: Path, *extra: str) -> tuple[int, str]:
    code, out, err = run_cli("--root", str(root), "fmt", *extra)
    assert "Traceback" not in out + err
    return code, out


def parsed(path: Path) -> BibFile:
    bib, diags = parse_bib(path.read_text(encoding="utf-8"), path.name)
    assert not diags, diags
    return bib


def values(bib: BibFile) -> dict[str, tuple[str, dict[str, str]]]:
    return {k: (e.type, {n: f.value for n, f in e.fields.items()}) for k, e in bib.entries.items()}


def comments(bib: BibFile) -> list[tuple[bool, str]]:
    return [(b.explicit, b.text.strip()) for b in bib.blocks
            if isinstance(b, Comment) and b.text.strip()]


def test_scrambled_bib_is_restored_without_losing_anything(basic: Path) -> None:
    bib_path = basic / BIB
    original = parsed(bib_path)
    bib_path.write_text(SCRAMBLED_BIB, encoding="utf-8")
    scrambled = parsed(bib_path)
    assert values(scrambled) == values(original)  # the scramble changed layout only

    code, out = fmt_cli(basic, "--check")
    assert code == 1 and f"would reformat {BIB}" in out
    assert bib_path.read_text(encoding="utf-8") == SCRAMBLED_BIB  # --check writes nothing

    code, out = fmt_cli(basic)
    assert code == 0, out
    assert f"reformatted {BIB}" in out
    formatted = parsed(bib_path)
    assert values(formatted) == values(scrambled)
    assert list(formatted.entries) == list(scrambled.entries)
    assert formatted.strings == scrambled.strings
    assert [b.name for b in formatted.blocks if isinstance(b, StringDef)] == ["String"] or \
        [b.name.lower() for b in formatted.blocks if isinstance(b, StringDef)] == ["neurips"]
    assert comments(formatted) == comments(scrambled) == [
        (False, "% Survey references: keep this comment."),
        (True, "checked against arXiv on 2025-11-20"),
        (False, "% a comment between entries"),
    ]
    text = bib_path.read_text(encoding="utf-8")
    assert "@misc{kaplan2020scaling,\n  author = {Kaplan, Jared" in text
    assert "  title = {Scaling Laws for Neural Language Models},\n  year = {2020},\n" in text
    assert "  booktitle = neurips # \" 35\",\n" in text
    assert "\t" not in text and "\n\n\n" not in text

    assert fmt_cli(basic, "--check")[0] == 0
    assert fmt_cli(basic)[0] == 0
    assert bib_path.read_text(encoding="utf-8") == text  # idempotent
    code, out, _ = run_cli("--root", str(basic), "check", "--strict")
    assert code == 0, out


def test_yaml_comment_and_values_kept_order_restored(basic: Path) -> None:
    path = basic / LM
    before = path.read_text(encoding="utf-8")
    scrambled = before.replace(
        "id: language-model\ntitle: Language Model\n",
        "title: Language Model   # shown in the nav\nid: language-model\n",
    ).replace(
        "    title: Scaling laws\n",
        "    # a note for reviewers\n    title: Scaling laws\n",
    ).replace(
        "      - key: hoffmann2022training\n"
        "        contribution: Compute-optimal training balances parameters and tokens.\n",
        "      - contribution: Compute-optimal training balances parameters and tokens.\n"
        "        key: hoffmann2022training\n",
    ).replace(
        "  - id: data-limits\n    title: Data limits\n    body: |\n"
        "      What happens when text runs out [@hoffmann2022training]?\n",
        "- body: \"What happens when text runs out [@hoffmann2022training]?\\nAnd then?\\n\"\n"
        "  title: Data limits\n  id: data-limits\n",
    )
    assert scrambled != before
    path.write_text(scrambled, encoding="utf-8")
    old, diags = load_yaml(scrambled.encode(), LM)
    assert old is not None and not diags

    assert fmt_cli(basic, "--check")[0] == 1
    code, out = fmt_cli(basic, str(basic / LM))
    assert code == 0 and f"reformatted {LM}" in out
    text = path.read_text(encoding="utf-8")
    new, diags = load_yaml(text.encode(), LM)
    assert new is not None and not diags
    assert new.data == old.data
    assert text.startswith("# yaml-language-server: $schema=")
    assert "title: Language Model   # shown in the nav\n" in text
    assert "# a note for reviewers" in text
    assert text.index("id: language-model") < text.index("title: Language Model")
    assert "      - key: hoffmann2022training\n" \
        "        contribution: Compute-optimal training balances parameters and tokens.\n" in text
    assert "  - id: data-limits\n    title: Data limits\n    body: |\n" \
        "      What happens when text runs out [@hoffmann2022training]?\n      And then?\n" in text

    assert fmt_cli(basic, "--check")[0] == 1  # references.bib of the fixture: @string quotes
    assert fmt_cli(basic)[0] == 0
    assert fmt_cli(basic, "--check") == (0, "")
    assert path.read_text(encoding="utf-8") == text  # idempotent
    assert run_cli("--root", str(basic), "check", "--strict")[0] == 0


def test_canonical_files_are_left_byte_for_byte(basic: Path) -> None:
    assert fmt_cli(basic)[0] == 0
    snapshot = {p: p.read_bytes() for p in basic.rglob("*") if p.is_file()}
    assert fmt_cli(basic, "--check") == (0, "")
    assert fmt_cli(basic) == (0, "")
    assert {p: p.read_bytes() for p in basic.rglob("*") if p.is_file()} == snapshot


def test_long_lines_are_not_wrapped(basic: Path) -> None:
    path = basic / LM
    long = "A contribution " + "that goes on " * 15 + "and ends here."
    text = path.read_text(encoding="utf-8").replace(
        "Compute-optimal training balances parameters and tokens.", long)
    path.write_text(text, encoding="utf-8")
    assert fmt_cli(basic, str(basic / LM))[0] == 0
    assert f"        contribution: {long}\n" in path.read_text(encoding="utf-8")


def test_refuses_yaml_with_errors_and_leaves_it(basic: Path) -> None:
    path = basic / LM
    broken = path.read_text(encoding="utf-8").replace("related: [vision-model]",
                                                      "related: [vision-model")
    path.write_text(broken, encoding="utf-8")
    code, out = fmt_cli(basic)
    assert code == 1
    assert f"{LM}:8:9: error: YAML syntax error" in out and "[yaml-syntax]" in out
    assert "reformatted references.bib" in out  # other files are still formatted
    assert path.read_text(encoding="utf-8") == broken
    path.write_text(broken.replace("related: [vision-model", "related: &r [vision-model]"),
                    encoding="utf-8")
    code, out = fmt_cli(basic, "--check", str(basic / LM))
    assert code == 1 and "[yaml-anchor]" in out and "would reformat" not in out


def test_refuses_bib_with_errors_and_leaves_it(basic: Path) -> None:
    path = basic / BIB
    broken = path.read_text(encoding="utf-8").replace(
        "title = {Scaling Laws for Neural Language Models},",
        "title = {Scaling Laws for Neural Language Models,")
    path.write_text(broken, encoding="utf-8")
    code, out = fmt_cli(basic, str(basic / BIB))
    assert code == 1 and "[bib-syntax]" in out and f"{BIB}:3:1: error:" in out
    assert path.read_text(encoding="utf-8") == broken
    path.write_text(broken.replace("{Scaling Laws for Neural Language Models,",
                                   "{Scaling Laws for Neural Language Models},")
                    .replace("booktitle = neurips,", "booktitle = nips,"), encoding="utf-8")
    before = path.read_bytes()
    code, out = fmt_cli(basic, str(basic / BIB))
    assert code == 1 and "uses undefined macro 'nips' [bib-undefined-string]" in out
    assert path.read_bytes() == before
    path.write_bytes(before.replace(b"Hinton", b"Hint\xf6n"))
    code, out = fmt_cli(basic, str(basic / BIB))
    assert code == 1 and "invalid UTF-8 byte 0xf6 [encoding]" in out


def test_refuses_when_verification_fails(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bib = basic / BIB
    raw = bib.read_bytes()
    monkeypatch.setattr(fmt, "write_file", lambda b: "@misc{x, title = {Other}}\n")
    out, diags = fmt.format_bib(raw, BIB)
    assert out is None and [d.code for d in diags] == ["fmt-unsafe"]
    assert diags[0].line == 1 and "left unchanged" in diags[0].message
    monkeypatch.undo()

    lm = basic / LM
    raw = lm.read_bytes()
    monkeypatch.setattr(fmt, "_canonical_yaml", lambda text: text.replace("[vision-model]", "[]"))
    out, diags = fmt.format_yaml(raw, LM)
    assert out is None and [d.code for d in diags] == ["fmt-unsafe"]
    assert (diags[0].line, diags[0].col) == (7, 10) and "related" in diags[0].message
    monkeypatch.setattr(fmt, "_canonical_yaml", lambda text: text.split("\n", 1)[1])
    out, diags = fmt.format_yaml(raw, LM)
    assert out is None and "comment" in diags[0].message
    assert lm.read_bytes() == raw


def test_bad_paths_are_reported(basic: Path) -> None:
    (basic / "notes.txt").write_text("x", encoding="utf-8")
    code, out = fmt_cli(basic, str(basic / "missing.yaml"), str(basic / "notes.txt"))
    assert code == 1
    assert "missing.yaml: error: cannot format: no such file or folder [fmt-path]" in out
    assert "notes.txt: error: cannot format: not a topic (.yaml) or BibTeX (.bib) file" in out


def test_folder_argument_formats_topics_and_bib(basic: Path) -> None:
    files, diags = fmt.collect(basic, [str(basic)])
    names = sorted(p.relative_to(basic).as_posix() for p in files)
    assert not diags
    assert names == ["catalogue/models.yaml", BIB, LM, "topics/models/vision-model.yaml"]


def test_catalogue_round_trips_loss_free(basic: Path) -> None:
    """fmt keeps every catalogue record, comment and number (1.4e+12 stays 1.4e+12)."""
    from bmsurvey.core.project import load_catalogue

    before = load_catalogue(basic)[0]
    code, out = fmt_cli(basic)
    assert code == 0, out
    after = load_catalogue(basic)[0]
    assert before is not None and after is not None
    assert before.catalogue is not None and after.catalogue is not None
    assert after.catalogue.model_dump() == before.catalogue.model_dump()
    text = (basic / "catalogue/models.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:") and "1.4e+12" in text


@pytest.mark.parametrize("value", [
    '"line one\\nline two\\n"', '"no final newline\\nhere"', '"kept  \\ntrailing\\n\\n\\n"',
    '"\\n  leading blank and indent\\n"', '"tab\\there\\nnext\\n"', '"cr\\r\\nlf\\n"',
    "'yes'", "0o17", "017", "1_000", "2025-11-20", "'2025-11-20'", "~", "''", "1:20",
])
def test_every_value_survives(value: str) -> None:
    text = f"# c\nid: x\nbody: {value}  # trailing\nother: [a, b]\n"
    out, diags = fmt.format_yaml(text.encode(), "t.yaml")
    if out is None:  # refusing is allowed; changing data is not
        assert [d.code for d in diags] == ["fmt-unsafe"]
        return
    before, _ = load_yaml(text.encode(), "t.yaml")
    after, _ = load_yaml(out.encode(), "t.yaml")
    assert before is not None and after is not None
    assert fmt.first_difference(before.data, after.data) is None
    assert "# c\n" in out and "# trailing" in out
    again, _ = fmt.format_yaml(out.encode(), "t.yaml")
    assert again == out
