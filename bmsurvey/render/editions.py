"""The editions' pages: `/editions/` (the list), `/changes/` (what changed, edition by edition)
and the banner on every page of an edition. Pure: data in, HTML blocks out."""

from __future__ import annotations

import html

from bmsurvey.core.changes import Change, Changes, Fingerprint, compare
from bmsurvey.core.schema.editions import Edition
from bmsurvey.render.source import PageSource

esc = html.escape
EDITIONS_SRC = "editions/index.md"
CHANGES_SRC = "changes.md"


def anchor(version: str) -> str:
    """The id of an edition's heading on /editions/ and /changes/ (no dots in ids)."""
    return "edition-" + "".join(c if c.isalnum() else "-" for c in version)


def banner_html(edition: Edition, living_href: str) -> str:
    """The note above every page of an edition: which edition, and the way to the living page."""
    return (f'<div class="bms-edition-banner" role="note" aria-label="Edition notice" '
            f'data-search-exclude><p><strong>Edition {esc(edition.version)} of '
            f"{edition.date.isoformat()}</strong>: this page is frozen as it stood then. "
            f'<a href="{esc(living_href)}">Read the living version of this page</a></p></div>')


def history(editions: list[Edition], prints: dict[str, Fingerprint]) -> list[tuple[str, Changes]]:
    """Each edition against the one before (oldest first), from the cached fingerprints."""
    out, before = [], None
    for e in editions:
        fp = prints[e.version]
        out.append((e.version, compare(before, fp)))
        before = fp
    return out


def _count(changes: Changes) -> str:
    topics = sum(1 for c in changes.changes if not c.section_id)
    sections = sum(1 for c in changes.changes if c.section_id)
    return (f"{topics} topic{'s' * (topics != 1)} and {sections} section{'s' * (sections != 1)} "
            f"added, changed or removed; {len(changes.refs_added)} references added, "
            f"{len(changes.refs_removed)} removed")


def editions_page(editions: list[Edition], prints: dict[str, Fingerprint]) -> PageSource:
    """Newest first: version, date, summary, a link into the edition and to its changes."""
    page = PageSource().md("# Editions")
    page.html("<p>Each edition is a frozen copy of the whole survey, built from the commit it "
              "was released from: cite an edition to cite text that stays where you cited it. "
              'The <a href="../">living survey</a> keeps changing.</p>')
    changes = dict(history(editions, prints))
    first = editions[0].version if editions else ""
    for e in reversed(editions):
        page.md(f"## Edition {esc(e.version)} {{#{anchor(e.version)}}}")
        what = ("the first edition" if e.version == first else _count(changes[e.version]))
        # One block per paragraph: search engines join adjacent blocks differently.
        page.html(f'<p class="bms-meta">Released {e.date.isoformat()} from commit '
                  f"<code>{esc(e.commit[:12])}</code></p>")
        page.html(f"<p>{esc(e.summary)}</p>")
        page.html(f'<p><a href="{esc(e.version)}/">Read edition {esc(e.version)}</a> · '
                  f'<a href="../changes/#{anchor(e.version)}">What changed</a> ({esc(what)})</p>')
    return page


def _link(root: str, version: str, part: str, c: Change) -> str:
    return (f'<a href="{root}editions/{esc(version)}/{esc(c.path(part))}">'
            f"in {esc(version)}</a>")


def _item(c: Change, root: str, new: str, old: str) -> str:
    where = (f"{esc(c.topic_title)} › {esc(c.title)}" if c.section_id else
             f"{esc(c.title)} (topic)")
    links = []
    if c.new_part:
        links.append(_link(root, new, c.new_part, c))
    if c.old_part:
        links.append(_link(root, old, c.old_part, c))
    return f"<li>{where}: {' · '.join(links)}</li>"


def changes_page(editions: list[Edition], prints: dict[str, Fingerprint]) -> PageSource:
    """For each edition, newest first, what changed against the one before, linked to both."""
    root = "../"
    page = PageSource().md("# What changed")
    page.html("<p>For each edition, the topics and sections added, changed or removed since the "
              "edition before, and the references added or removed: computed from the data of "
              "the two editions. Links lead into both editions; see also the "
              '<a href="../editions/">list of editions</a>.</p>')
    steps = history(editions, prints)
    for i in range(len(steps) - 1, -1, -1):
        version, changes = steps[i]
        if i == 0:
            fp = prints[version]
            n = sum(len(t.sections) for t in fp.topics.values())
            page.md(f"## Edition {esc(version)} {{#{anchor(version)}}}")
            page.html(f"<p>The first edition: {len(fp.topics)} topics, {n} sections and "
                      f"{len(fp.refs)} references.</p>")
            continue
        old = steps[i - 1][0]
        page.md(f"## Edition {esc(version)} against {esc(old)} {{#{anchor(version)}}}")
        if changes.empty:
            page.html("<p>Nothing changed in the topics or references.</p>")
            continue
        for kind in ("added", "changed", "removed"):
            items = [_item(c, root, version, old) for c in changes.changes if c.kind == kind]
            if items:
                page.html(f'<p class="bms-changes-title">{kind.capitalize()} ({len(items)})</p>')
                page.html(f'<ul class="bms-changes">{"".join(items)}</ul>')
        for label, refs in (("References added", changes.refs_added),
                            ("References removed", changes.refs_removed)):
            if refs:
                # Long lists of titles: left out of search (the references page indexes them).
                items = [f"<li><code>{esc(k)}</code>: {esc(t)}</li>" for k, t in refs]
                page.html(f'<div class="bms-changes-refs" data-search-exclude>'
                          f'<p class="bms-changes-title">{label} ({len(refs)})</p>'
                          f'<ul class="bms-changes">{"".join(items)}</ul></div>', search=False)
    return page
