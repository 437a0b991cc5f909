"""Property-based robustness: arbitrary text and bytes as a topic file or as references.bib
always give diagnostics, never an uncaught exception or a hang."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmsurvey.core.bib.latex import latex_to_unicode
from bmsurvey.core.bib.names import parse_names
from bmsurvey.core.citations import find_citations
from bmsurvey.core.project import load_bib_bytes, load_topic
from bmsurvey.core.survey import build_survey, load_survey

CHARS = st.characters(exclude_categories=["Cs"])  # encodable: no lone surrogates
YAMLISH = st.text(alphabet=st.sampled_from(list("abc:- \n\t[]{}&*!|>'\"#@,%?01\\")) |
                  CHARS, max_size=400)
BIBISH = st.text(alphabet=st.sampled_from(list("@{}()=,\"#\\ \n%abcmisc")) |
                 CHARS, max_size=400)
FAST = settings(max_examples=300, deadline=2000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FAST
@given(st.one_of(YAMLISH.map(str.encode), st.binary(max_size=400)))
def test_any_topic_bytes_give_diagnostics(raw: bytes) -> None:
    started = time.perf_counter()
    doc, diags = load_topic(raw, "topics/models/x.yaml", "models", "x")
    assert time.perf_counter() - started < 2
    assert doc.topic is not None or diags
    for d in diags:
        assert d.path == "topics/models/x.yaml" and d.line >= 1 and d.message


@FAST
@given(st.one_of(BIBISH.map(str.encode), st.binary(max_size=400)))
def test_any_bib_bytes_give_diagnostics_or_entries(raw: bytes) -> None:
    bib, diags = load_bib_bytes(raw)
    for d in diags:
        assert d.path == "references.bib" and d.line >= 1 and d.message
    for entry in bib.entries.values():
        entry.decode_all()
        assert isinstance(entry.authors, tuple)


@FAST
@given(st.text(alphabet=st.sampled_from(list("\\{}'\"`^~=.uvcHk $-_&%#ioOlL ")) |
               CHARS, max_size=300))
def test_latex_decoding_never_raises(text: str) -> None:
    out = latex_to_unicode(text)
    assert isinstance(out, str)
    parse_names(text)


@FAST
@given(st.text(alphabet=st.sampled_from(list("[]@;,-_:. `abc\n")) | CHARS,
               max_size=400))
def test_citation_scanning_is_total_and_in_bounds(text: str) -> None:
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text)
        assert all(item.key for item in c.items)


@settings(max_examples=60, deadline=5000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(topic=st.binary(max_size=300), bib=st.binary(max_size=300))
def test_whole_project_check_never_crashes(topic: bytes, bib: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "topics/models").mkdir(parents=True)
        (root / "topics/models/x.yaml").write_bytes(topic)
        (root / "references.bib").write_bytes(bib)
        survey = load_survey(root)
        assert survey.has_errors or survey.topics
        build_survey(survey.project)
