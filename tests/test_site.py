"""Build the `basic` fixture with mkdocs and assert on the HTML a reader gets."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import broken_links, parse_page


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_public_urls_exist(basic_site: Path) -> None:
    for rel in ["index.html", "models/index.html", "models/language-model/index.html",
                "models/vision-model/index.html", "references/index.html",
                "resource/index.html", "key-technologies/index.html", "application/index.html"]:
        assert (basic_site / rel).is_file(), rel


def test_sections_are_h2_with_ids_and_directions_h3(basic_site: Path) -> None:
    page = read(basic_site, "models/language-model/index.html")
    assert re.search(r'<h2 id="scaling-laws">Scaling laws', page)
    fd = page.index('<h2 id="future-directions">')
    assert page.index('<h3 id="data-limits">') > fd
    assert page.index('<h2 id="references">') > fd


def test_citations_render_author_year_and_link_to_reference(basic_site: Path) -> None:
    page = read(basic_site, "models/language-model/index.html")
    assert '<a class="bms-cite" href="../../references/#kaplan2020scaling" title="Kaplan, J., ' \
        'McCandlish, S., Henighan, T., et al. (2020). Scaling Laws for Neural Language Models.' \
        in page
    assert ">Kaplan et al., 2020</a>; <a" in page
    assert ">Hoffmann et al., 2022, p. 3</a>)" in page
    # Narrative citation, and LaTeX in the name decoded to Unicode.
    assert ">Müller et al. (2019)</a> argued" in page


def test_reference_entries_have_key_ids_and_cited_in_backlinks(basic_site: Path) -> None:
    refs = read(basic_site, "references/index.html")
    ids = parse_page(basic_site / "references/index.html").ids
    assert {"kaplan2020scaling", "hoffmann2022training", "muller2019when"} <= ids
    entry = refs[refs.index('id="kaplan2020scaling"'):]
    assert refs[:refs.index('id="kaplan2020scaling"')].endswith('<h2 class="bms-ref" ')
    entry = entry[:entry.index('<h2 class="bms-ref"')]
    assert 'href="../models/language-model/#scaling-laws"' in entry
    assert 'href="../models/vision-model/#backbones"' in entry
    assert 'href="../models/language-model/"' in entry  # the summary cites it too


def test_reference_links_and_string_macros(basic_site: Path) -> None:
    refs = read(basic_site, "references/index.html")
    assert 'href="https://arxiv.org/abs/2001.08361"' in refs
    assert "Advances in Neural Information Processing Systems 35" in refs
    assert "Müller, R., Kornblith, S., &amp; Hinton, G. E." in refs


def test_navigation_order(basic_site: Path) -> None:
    home = read(basic_site, "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    positions = [nav.index(label) for label in
                 ("Resource", "Models", "Key Technologies", "Application", "References")]
    assert positions == sorted(positions)
    assert nav.index("Language Model") < nav.index("Vision Model")


def test_edit_link_opens_the_topic_yaml(basic_site: Path) -> None:
    page = read(basic_site, "models/language-model/index.html")
    assert 'href="https://github.com/example/basic/edit/main/topics/models/language-model.yaml"' \
        in page


def test_hand_written_page_citations_resolve(basic_site: Path) -> None:
    home = read(basic_site, "index.html")
    assert 'href="references/#kaplan2020scaling"' in home
    assert "nobody@example.org" in home


def test_no_external_requests(basic_site: Path) -> None:
    for page in basic_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not re.search(r'<script[^>]+src="https?://', html), page
        for tag in re.findall(r"<link[^>]+>", html):
            if 'rel="canonical"' not in tag:
                assert not re.search(r'href="https?://', tag), (page, tag)
        assert not re.search(r'<img[^>]+src="https?://', html), page


def test_every_internal_link_resolves(basic_site: Path) -> None:
    assert broken_links(basic_site) == []
