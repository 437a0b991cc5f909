"""Tables as data and cross-references: every check with its exact message and line, the HTML
figure (ids, captions, header scopes, alignment), the CSV/JSON downloads equal to the data, the
cite units, the taxonomy figure, and `fmt` keeping the new fields."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bmsurvey.core.survey import load_survey
from bmsurvey.core.tables import table_rows, topic_tables
from bmsurvey.render.pages import Renderer
from tests.conftest import mkdocs_build
from tests.helpers import run_cli
from tests.test_check import check, replace

VM = "topics/models/vision-model.yaml"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{model: Large model, params: 1500,", "{model: Large model, parms: 1500,",
     f"{VM}:26:34: error: row 3 of table 'model-sizes' has a value for unknown column 'parms' "
     "[table-unknown-column]\n    hint: did you mean 'params'? columns: model, params, compute, "
     "released, open, source"),
    ("compute: 1.0e+25, released: 2020-01-15, ", "",
     f"{VM}:26:13: error: row 3 of table 'model-sizes' has no value for column 'compute', "
     "'released' [table-ragged-row]\n    hint: give every column a value; write `compute: "
     "null` for an empty cell"),
    ("params: 70,", "params: about 70,",
     f"{VM}:24:41: error: column 'params' of table 'model-sizes' holds number values, but row 1 "
     "gives 'about 70' [table-cell-type]\n    hint: write a number, or null for an empty cell"),
    ("released: 2019,", "released: 2019-13,",
     f"{VM}:25:75: error: column 'released' of table 'model-sizes' holds date values, but row 2 "
     "gives '2019-13' [table-cell-type]"),
    ("open: true,", "open: maybe,",
     f"{VM}:25:87: error: column 'open' of table 'model-sizes' holds bool values, but row 2 "
     "gives 'maybe' [table-cell-type]\n    hint: write true or false, or null for an empty cell"),
    ("source: hoffmann2022training}", "source: hofmann2022training}",
     f"{VM}:24:104: error: unknown citation key 'hofmann2022training' in table 'model-sizes' "
     "[unknown-citation]\n    hint: did you mean 'hoffmann2022training'?"),
    ("{id: open, title: Open weights, type: bool}",
     "{id: open, title: Open weights, type: bool, unit: B}",
     f"{VM}:21:57: error: column 'open' has a unit but is of type 'bool' [table-column]"),
    ("- {id: source, title: Source, type: cite}", "- {id: open, title: Source, type: cite}",
     f"{VM}:22:18: error: column id 'open' appears twice in table 'model-sizes' [table-column]"),
    ("[[language-model#scaling-laws]]", "[[language-model#scaling-law]]",
     f"{VM}:12:29: error: cross-reference [[language-model#scaling-law]] names no section, table "
     "or direction of topic 'language-model' [unknown-xref]\n    hint: did you mean "
     "'scaling-laws'?"),
    ("[[language-model#scaling-laws]]", "[[languagemodel#scaling-laws]]",
     f"{VM}:12:29: error: cross-reference [[languagemodel#scaling-laws]] names unknown topic "
     "'languagemodel' [unknown-xref]\n    hint: did you mean 'language-model'?"),
    ("[[#table-model-sizes]]", "[[#table-model-size]]",
     f"{VM}:12:65: error: cross-reference [[#table-model-size]] names no section, table or "
     "direction of topic 'vision-model' [unknown-xref]\n    hint: did you mean "
     "'table-model-sizes'?"),
    ("title: Vision Model", "title: Vision <em>Model</em>",
     f"{VM}:2:8: warning: title holds '<em>', which looks like an HTML tag; this field "
     "is plain text and shows it literally [markup-in-plain-text]"),
])
def test_each_table_and_xref_mistake_is_located(basic: Path, old: str, new: str,
                                                expected: str) -> None:
    replace(basic / VM, old, new)
    code, out = check(basic)
    assert expected in out, out
    assert code == (0 if "warning:" in expected else 1)


def test_duplicate_table_id(basic: Path) -> None:
    text = (basic / VM).read_text(encoding="utf-8")
    block = text[text.index("      - id: model-sizes"):]
    (basic / VM).write_text(text + block, encoding="utf-8")
    code, out = check(basic)
    assert code == 1
    assert f"{VM}:28:13: error: table id 'model-sizes' is used twice in topic 'vision-model' " \
        "(first as Table 1) [duplicate-table]" in out


def test_markup_warning_spares_ampersands_and_comparisons(basic: Path) -> None:
    replace(basic / VM, "title: Vision Model", "title: 'Vision & language: a < b models'")
    code, out = check(basic, "--strict")
    assert code == 0, out


def test_every_mistake_in_one_run(basic: Path) -> None:
    replace(basic / VM, "params: 70,", "params: x,")
    replace(basic / VM, "open: true,", "open: 3,")
    replace(basic / VM, "[[language-model#scaling-laws]]", "[[nope]]")
    code, out = check(basic)
    assert code == 1
    assert out.count("[table-cell-type]") == 2 and out.count("[unknown-xref]") == 1


def test_table_renders_as_an_accessible_figure(basic_site: Path) -> None:
    page = lxml_html.fromstring((basic_site / "models/vision-model/index.html").read_bytes())
    fig = page.get_element_by_id("table-model-sizes")
    assert fig.tag == "figure"
    caption = fig.find("figcaption")
    assert caption is not None
    assert caption.text_content().startswith("Table 1. Model sizes and compute, as reported")
    assert caption.find(".//em") is not None and caption.find(".//a[@class='bms-cite']") is not None
    heads = fig.findall(".//thead/tr/th")
    assert [h.text_content() for h in heads] == [
        "Model", "Parameters (B)", "Training compute (FLOP)", "Released", "Open weights", "Source"]
    assert all(h.get("scope") == "col" for h in heads)
    rows = fig.findall(".//tbody/tr")
    assert len(rows) == 3
    assert all(r[0].tag == "th" and r[0].get("scope") == "row" for r in rows)
    assert "bms-num" in rows[0][1].get("class") and rows[0][1].text_content() == "70"
    assert rows[0][2].text_content() == "5.76×1023" and rows[0][2].get("data-sort") == "5.76e+23"
    assert rows[1][2].get("class") == "bms-empty"
    assert rows[1][0].text_content() == "=SUM(A1:A2)"  # text, escaped, shown as it is
    assert rows[1][4].text_content() == "yes" and rows[0][4].text_content() == "no"
    cites = rows[1][5].findall(".//a[@class='bms-cite']")
    assert [a.get("href").rsplit("#", 1)[1] for a in cites] == ["muller2019when",
                                                                "kaplan2020scaling"]
    scroll = fig.find(".//div[@class='bms-table-scroll']")
    assert scroll is not None and scroll.get("tabindex") == "0" and scroll.get("role") == "region"
    links = [a.get("href") for a in fig.findall(".//p[@class='bms-table-downloads']/a")]
    assert links == ["../../export/tables/vision-model/model-sizes.csv",
                     "../../export/tables/vision-model/model-sizes.json"]


def test_downloads_equal_the_data(basic_site: Path, basic: Path) -> None:
    survey = load_survey(basic)
    view = survey.topic("vision-model")
    assert view is not None
    ref = next(topic_tables(view.topic))
    base = basic_site / "export/tables/vision-model/model-sizes"
    data = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["rows"] == table_rows(ref.table)
    assert data["rows"][1] == {"model": "=SUM(A1:A2)", "params": 0.35, "compute": None,
                               "released": "2019", "open": True,
                               "source": ["muller2019when", "kaplan2020scaling"]}
    assert [c["id"] for c in data["columns"]] == [c.id for c in ref.table.columns]
    rows = list(csv.reader(io.StringIO(base.with_suffix(".csv").read_text(encoding="utf-8"))))
    assert rows[0] == [c.id for c in ref.table.columns]
    assert rows[1] == ["Chinchilla", "70", "5.76e+23", "2022-03", "false", "hoffmann2022training"]
    # A text cell that a spreadsheet would run as a formula is defused, nothing else changes.
    assert rows[2] == ["'=SUM(A1:A2)", "0.35", "", "2019", "true",
                       "muller2019when; kaplan2020scaling"]
    assert rows[3][3] == "2020-01-15"


def test_xrefs_render_as_links_titled_by_their_target(basic_site: Path) -> None:
    page = lxml_html.fromstring((basic_site / "models/vision-model/index.html").read_bytes())
    links = page.xpath("//a[@class='bms-xref']")
    assert [(a.get("href"), a.text_content()) for a in links] == [
        ("../../models/language-model/#scaling-laws", "Scaling laws"),
        ("#table-model-sizes", "Table 1")]


def test_tables_are_cite_units_and_cited_in(basic: Path, basic_site: Path) -> None:
    cite = basic_site / "cite/vision-model/table-model-sizes.bib"
    text = cite.read_text(encoding="utf-8")
    assert "title = {Vision Model: Table 1: Model sizes and compute, as reported.}" in text
    assert "url = {" in text and "#table-model-sizes}" in text
    refs = (basic_site / "references/index.html").read_text(encoding="utf-8")
    # A table's cite cells count as citations: "cited in" names the table.
    entry = refs[refs.index('id="muller2019when"'):]
    entry = entry[:entry.find('class="bms-ref"', 20) % (len(entry) + 1)]
    assert 'vision-model/#table-model-sizes">Vision Model › Table 1: Model sizes' in entry


def test_taxonomy_figure_is_drawn_from_the_data(basic: Path) -> None:
    survey = load_survey(basic)
    renderer = Renderer(survey)
    view = survey.topic("language-model")
    assert view is not None
    page = renderer.topic_page(view).markdown
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    assert 'aria-labelledby="bms-taxonomy-title bms-taxonomy-desc"' in svg
    assert "<title id=\"bms-taxonomy-title\">Taxonomy of Language Model</title>" in svg
    assert re.findall(r'<a href="#([^"]+)"', svg) == ["scaling-laws", "scaling-laws"]
    assert "Chinchilla (2022-03)" not in svg and "Chinchilla (2022)" in svg
    # It follows the YAML: a renamed section is redrawn, nobody edits the figure.
    path = basic / "topics/models/language-model.yaml"
    replace(path, "title: Scaling laws", "title: Laws of scale")
    view = load_survey(basic).topic("language-model")
    assert view is not None
    assert "Laws of scale" in Renderer(load_survey(basic)).topic_page(view).markdown


def test_fmt_keeps_tables_and_xrefs(basic: Path) -> None:
    before = load_survey(basic).topic("vision-model")
    assert before is not None
    code, _, err = run_cli("--root", str(basic), "fmt")
    assert code == 0, err
    after = load_survey(basic).topic("vision-model")
    assert after is not None
    assert after.topic.model_dump() == before.topic.model_dump()
    assert "[[language-model#scaling-laws]]" in (basic / VM).read_text(encoding="utf-8")


def test_render_out_writes_tables_and_downloads(basic: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("--root", str(basic), "render", "--out", str(tmp_path / "out"))
    assert code == 0, err
    docs = tmp_path / "out/docs"
    assert (docs / "export/tables/vision-model/model-sizes.csv").is_file()
    page = (docs / "models/vision-model.md").read_text(encoding="utf-8")
    assert 'id="table-model-sizes"' in page and 'class="bms-xref"' in page
    site = mkdocs_build(tmp_path / "out", tmp_path / "site")
    assert (site / "export/tables/vision-model/model-sizes.json").is_file()
