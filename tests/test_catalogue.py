"""The model catalogue: every check with its exact message and line, the page (one anchor per
model, chart points linking to rows), the downloads equal to the data, section views, the
timeline, and `render --out`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from lxml import html as lxml_html

from bmsurvey.core.catalogue import model_row
from bmsurvey.core.survey import load_survey
from tests.helpers import run_cli
from tests.test_check import check, replace

CAT = "catalogue/models.yaml"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("date: 2022-03\n", "date: 2099-03\n",
     f"{CAT}:6:11: error: date 2099-03 of 'chinchilla' is in the future [catalogue-value]"),
    ("active_parameters: 5.0e+10", "active_parameters: 5.0e+12",
     f"{CAT}:21:24: error: active parameters (5e+12) of 'sparse-giant' exceed its total "
     "parameters (1.2e+12) [catalogue-value]"),
    ("training_compute: 3.1e21", "training_compute: 3.1e30",
     f"{CAT}:33:23: error: training compute 3.1e+30 FLOP of 'secret-model' is outside 1e15 to "
     "1e28 [catalogue-value]"),
    ("training_compute: 3.1e21", "training_compute: 3.1e12",
     f"{CAT}:33:23: error: training compute 3.1e+12 FLOP of 'secret-model' is outside 1e15 to "
     "1e28 [catalogue-value]"),
    ("reference: muller2019when", "reference: muler2019when",
     f"{CAT}:36:16: error: unknown reference key 'muler2019when' for model 'secret-model' "
     "[unknown-citation]\n    hint: did you mean 'muller2019when'?"),
    ("status: estimated, source: hoffmann2022training, note:",
     "status: estimated, note:",
     f"{CAT}:10:5: error: training_compute of 'chinchilla' is an estimate without a source "
     "[catalogue-unsourced]"),
    ("- id: sparse-giant", "- id: chinchilla",
     f"{CAT}:15:9: error: model id 'chinchilla' is also used by model 1 (line 3) "
     "[duplicate-model]"),
    ("name: Sparse Giant\n    organisation: Example Lab",
     "name: Secret Model\n    organisation: Example Lab",
     f"{CAT}:28:11: error: 'Secret Model' of Example Lab is already model 2 (line 16) "
     "[duplicate-model]"),
    ("parameters: 7.0e+10", "parameters: about 70B",
     f"{CAT}:8:17: error: models[0].parameters.value: 'about 70B' is not a number; write e.g. "
     "1.75e+11, or undisclosed [schema-value]"),
    ("date: 2020-01", "date: 2020-1",
     f"{CAT}:30:11: error: models[2].date '2020-1' is not a month [schema-value]\n    hint: "
     "write YYYY-MM, e.g. 2020-05"),
    ("accessibility: api", "accessibility: public",
     f"{CAT}:35:20: error: models[2].accessibility must be one of 'open-weights', 'api' or "
     "'closed', got 'public' [schema-value]"),
    ("    licence: Apache-2.0\n", "    licence: Apache-2.0\n    licence_url: x\n",
     f"{CAT}:26:5: error: unknown field 'licence_url' in models[1] [schema-unknown-field]\n"
     "    hint: did you mean 'licence'?"),
])
def test_each_catalogue_mistake_is_located(basic: Path, old: str, new: str,
                                           expected: str) -> None:
    replace(basic / CAT, old, new)
    code, out = check(basic)
    assert code == 1
    assert expected in out, out


def test_one_bad_record_does_not_hide_the_others(basic: Path) -> None:
    """A schema error in one model; the cross-checks of the others still run."""
    replace(basic / CAT, "date: 2020-01", "date: soon")
    replace(basic / CAT, "reference: kaplan2020scaling", "reference: nobody2020")
    code, out = check(basic)
    assert code == 1
    assert "models[2].date 'soon' is not a month" in out
    assert "unknown reference key 'nobody2020' for model 'sparse-giant'" in out


def test_catalogue_cites_count_as_citations(basic: Path) -> None:
    survey = load_survey(basic)
    sites = survey.cited_in["kaplan2020scaling"]
    assert any(s.topic_id == "catalogue" and s.anchor == "sparse-giant" for s in sites)
    assert any(s.url == "catalogue/#secret-model" for s in survey.cited_in["muller2019when"])


def test_page_has_one_anchor_per_model_and_points_link_to_rows(basic_site: Path,
                                                              basic: Path) -> None:
    page = lxml_html.fromstring((basic_site / "catalogue/index.html").read_bytes())
    models = load_survey(basic).models
    rows = page.xpath("//table[contains(@class,'bms-catalogue')]/tbody/tr")
    assert sorted(r.get("id") for r in rows) == sorted(m.id for m in models)
    assert [r.get("id") for r in rows] == ["chinchilla", "sparse-giant", "secret-model"]
    charts = page.xpath("//svg[contains(@class,'bms-chart')]")
    assert len(charts) == 2
    for chart in charts:
        assert chart.get("role") == "group" and chart.get("aria-labelledby")
        assert chart.find("{*}title") is not None or chart.find("title") is not None
        links = [a.get("href") for a in chart.iter("a")]
        assert links and all(h.startswith("#") and h[1:] in {m.id for m in models}
                             for h in links)
    params = [a.get("href") for a in charts[0].iter("a")]
    assert sorted(params) == ["#chinchilla", "#sparse-giant"]  # undisclosed has no point
    compute = [a.get("aria-label") for a in charts[1].iter("a")]
    assert any("(estimate)" in label for label in compute)
    secret = page.get_element_by_id("secret-model")
    assert "undisclosed" in secret.text_content()
    est = page.xpath("//tr[@id='chinchilla']//span[@class='bms-est']")
    assert est and "6 x parameters x tokens" in est[0].get("title")


def test_downloads_equal_the_data(basic_site: Path, basic: Path) -> None:
    models = load_survey(basic).models
    data = json.loads((basic_site / "export/models.json").read_text(encoding="utf-8"))
    assert data == {"models": [model_row(m) for m in models]}
    schema = json.loads((basic_site / "export/models.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    rows = list(csv.DictReader(io.StringIO(
        (basic_site / "export/models.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [m.id for m in models]
    giant = rows[1]
    assert float(giant["parameters"]) == 1.2e12 and float(giant["active_parameters"]) == 5e10
    assert giant["parameters_source"] == "kaplan2020scaling"
    assert rows[0]["training_compute_status"] == "estimated"
    assert rows[2]["parameters"] == "undisclosed" and rows[2]["training_tokens"] == ""


def test_section_view_shows_the_filtered_models(basic: Path, tmp_path: Path) -> None:
    replace(basic / "topics/models/language-model.yaml", "future_directions:",
            "    catalogue:\n      caption: Language models since 2021.\n"
            "      domain: [language, code]\n      since: 2021-01\nfuture_directions:")
    code, out = check(basic, "--strict")
    assert code == 0, out
    code, _, err = run_cli("--root", str(basic), "render", "--out", str(tmp_path / "out"))
    assert code == 0, err
    page = (tmp_path / "out/docs/models/language-model.md").read_text(encoding="utf-8")
    view = page[page.index("bms-catalogue-view"):]
    view = view[:view.index("</figure>")]
    assert re.findall(r'href="../../catalogue/#([^"]+)"', view) == ["chinchilla",
                                                                     "sparse-giant"]
    assert "(2 models from the" in view
    assert (tmp_path / "out/docs/catalogue.md").is_file()
    assert (tmp_path / "out/docs/export/models.csv").is_file()


def test_timeline_uses_the_catalogue(basic_site: Path) -> None:
    page = (basic_site / "timeline/index.html").read_text(encoding="utf-8")
    assert 'href="../catalogue/#secret-model"' in page
    # Chinchilla is a key work already: it stays with its section, not duplicated.
    assert page.count("<strong>Chinchilla</strong>") == 1


def test_no_catalogue_file_means_no_page(basic: Path, tmp_path: Path) -> None:
    (basic / CAT).unlink()
    code, _, err = run_cli("--root", str(basic), "render", "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert not (tmp_path / "out/docs/catalogue.md").exists()
