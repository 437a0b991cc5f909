"""Every diagnostic code bmsurvey can emit, explained once.

The registry feeds the diagnostics reference page, whose headings carry the code as their id, so
a contributor who reads `[yaml-syntax]` can look it up at `/diagnostics/#yaml-syntax`. A test
fails when code emits a Diagnostic whose code is missing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Code:
    title: str
    meaning: str  # what the check found, in plain words
    example: str  # a small instance of the mistake
    fix: str  # how to make the diagnostic go away
    lang: Literal["yaml", "bibtex", "text"] = "yaml"  # how to highlight the example
    severity: Literal["error", "warning", "error or warning"] = "error"


CODES: dict[str, Code] = {
    # --- reading a topic file -------------------------------------------------------------------
    "encoding": Code(
        "File is not valid UTF-8 text",
        "The file holds a byte that is not valid UTF-8, or a NUL character. Topic files and "
        "references.bib are UTF-8 text; the byte is reported where it stands.",
        "title: Caf\\xe9 models   # saved as Latin-1, so the é is the single byte 0xE9",
        "Re-save the file as UTF-8 (most editors offer 'Save with encoding'). A byte order mark "
        "is accepted.",
        "text",
    ),
    "yaml-too-large": Code(
        "Topic file is too large",
        "A topic file may hold at most 2 MiB. Anything larger is almost certainly a mistake "
        "(pasted data, a runaway generator) and is not parsed.",
        "topics/models/language-model.yaml is 3,145,728 bytes",
        "Shorten the topic or split it into two topics.",
        "text",
    ),
    "yaml-empty": Code(
        "Topic file is empty",
        "The file has no content, or only comments and no YAML document.",
        "# yaml-language-server: $schema=../../schemas/topic.schema.json\n",
        "Fill in at least `id`, `title`, `summary`, `last_reviewed` and `sections`, or start "
        "from a skeleton with `bmsurvey new topic <part-id> <topic-id> --title \"...\"`.",
    ),
    "yaml-syntax": Code(
        "YAML syntax error",
        "The file is not valid YAML: usually wrong indentation, a missing colon, an unclosed "
        "bracket or quote, or a colon followed by a space inside an unquoted value. Nothing else "
        "in the file is checked until it parses.",
        "related: [vision-model\nsections:\n  - id: scaling-laws",
        "Look at the reported line and the one above it: close the bracket or quote, align the "
        "indentation with its siblings, or write long text as a block scalar (`body: |`).",
    ),
    "yaml-alias": Code(
        "YAML alias is not allowed",
        "The file uses an alias (`*name`). Topic files use no anchors or aliases: they hide where "
        "a value comes from and allow exponential 'alias bombs'.",
        "title: &t Scaling laws\nsections:\n  - id: scaling-laws\n    title: *t",
        "Write the value out in full where it is used.",
    ),
    "yaml-anchor": Code(
        "YAML anchor is not allowed",
        "The file defines an anchor (`&name`). Anchors exist only to be aliased, which topic "
        "files do not allow.",
        "summary: &intro |\n  Language models predict text.",
        "Remove the `&name` marker.",
    ),
    "yaml-tag": Code(
        "YAML tag is not allowed",
        "A value carries an explicit tag such as `!!str`, `!!binary` or `!custom`. Topic values "
        "are plain strings, numbers, dates, lists and mappings; tags can construct other types.",
        "last_reviewed: !!str 2025-11-20",
        "Remove the tag. Quote a value if you need it to stay text.",
    ),
    "yaml-merge": Code(
        "YAML merge key is not allowed",
        "A mapping uses the merge key `<<` to copy keys from another mapping.",
        "sections:\n  - <<: {title: Scaling laws}\n    id: scaling-laws",
        "Write the keys out in full.",
    ),
    "yaml-duplicate-key": Code(
        "Duplicate key in a mapping",
        "The same key appears twice in one mapping. Most YAML readers would silently keep the "
        "later value; bmsurvey reports it at the second key.",
        "id: language-model\ntitle: Language Model\ntitle: Language Models",
        "Delete one of the two keys, keeping the value you mean.",
    ),
    "yaml-multi-document": Code(
        "More than one YAML document",
        "The file holds several documents separated by `---`. A topic file is exactly one "
        "document.",
        "id: language-model\n---\nid: vision-model",
        "Remove the `---` separator and move the second topic to its own file.",
    ),
    "yaml-too-deep": Code(
        "YAML is nested too deeply",
        "Lists or mappings are nested so deeply that the file cannot be read safely. A topic is "
        "at most four levels deep (topic, sections, key works, fields); anything deeper is a "
        "mistake or a hostile file.",
        "related: [[[[[[[[[[[[[[[[[[[[ ... ]]]]]]]]]]]]]]]]]]]]",
        "Remove the extra nesting; the schema reference shows the shape of a topic.",
    ),
    "yaml-value": Code(
        "Value cannot be read",
        "A scalar looks like a typed value but is not a valid one, typically an impossible "
        "unquoted date.",
        "last_reviewed: 2025-13-45",
        "Fix the value (a real ISO date such as 2025-11-20), or quote it if it is meant as text.",
    ),
    # --- the topic schema -----------------------------------------------------------------------
    "schema-unknown-field": Code(
        "Unknown field",
        "A mapping has a key that the topic schema does not define, often a typo. The hint names "
        "the closest allowed field and lists all of them.",
        "sections:\n  - id: scaling-laws\n    titel: Scaling laws",
        "Fix the spelling or remove the key. The schema reference lists every field.",
    ),
    "schema-missing-field": Code(
        "Required field is missing",
        "A required field is absent: a topic needs `id`, `title`, `summary`, `last_reviewed` and "
        "`sections`; a section or direction needs `id`, `title` and `body`; a key work needs "
        "`key` and `contribution`.",
        "sections:\n  - id: scaling-laws\n    body: Loss falls as a power law.",
        "Add the field at the reported place.",
    ),
    "schema-type": Code(
        "Value has the wrong type",
        "A value is of the wrong kind: text where a list is expected, a number where text is "
        "expected, or a topic file that is not a mapping of fields at all.",
        "title: [Language, Model]",
        "Write the kind of value the message names: one line of text, a `- item` list, a "
        "mapping of `field: value` lines, or an unquoted ISO date.",
    ),
    "schema-value": Code(
        "Value is not allowed",
        "A value has the right type but breaks a rule: an id that is not lowercase words joined "
        "by hyphens, a title with a line break, a `date` that is not `YYYY` or `YYYY-MM`, a "
        "`parameters` count without K/M/B/T, a `modality` outside the list, an empty list of "
        "sections, or text that is too long.",
        "sections:\n  - id: Scaling Laws",
        "Follow the rule the message states; the hint gives a valid example.",
    ),
    "author-orcid": Code(
        "ORCID iD is malformed or fails its checksum",
        "An author's `orcid` is not an ORCID iD (four groups of four characters, digits only "
        "except a final X, alone or after `https://orcid.org/`), or its last character is not "
        "the ISO 7064 MOD 11-2 check character of the other fifteen digits: a typo that would "
        "link readers to someone else's record.",
        "authors:\n  - name: Josiah Carberry\n    orcid: 0000-0002-1825-0098",
        "Copy the iD from the author's ORCID record; the hint names the check character the "
        "digits call for.",
    ),
    # --- the project layout and cross-checks ----------------------------------------------------
    "unknown-part": Code(
        "Topic outside a known part",
        "A topic file is not directly inside one of the four part folders (`resource`, "
        "`models`, `key-technologies`, `application`), or `bmsurvey new topic` was given a part "
        "id that does not exist.",
        "topics/model/language-model.yaml   # the folder is `models`",
        "Move the file to `topics/<part-id>/<topic-id>.yaml` with one of the four part ids.",
        "text",
    ),
    "unknown-topic": Code(
        "No such topic",
        "`bmsurvey new section` was given a topic id for which no file "
        "`topics/<part-id>/<topic-id>.yaml` exists.",
        "bmsurvey new section languge-model tokenizers --title \"Tokenizers\"",
        "Use the id of an existing topic: the file name without `.yaml`.",
        "text",
    ),
    "bad-id": Code(
        "Not a valid id",
        "An id given to `bmsurvey new` is not lowercase words joined by single hyphens "
        "(letters a-z and digits only, at most 64 characters). Ids become file names and URL "
        "anchors that people cite, so they are kept simple.",
        "bmsurvey new topic models Zz_Test --title \"Zz Test\"",
        "Use an id such as `zz-test`.",
        "text",
    ),
    "bad-title": Code(
        "Not a valid title",
        "A title given to `bmsurvey new` is empty, longer than 300 characters or spans several "
        "lines.",
        "bmsurvey new topic models zz-test --title \"\"",
        "Give a short one-line title.",
        "text",
    ),
    "topic-id-mismatch": Code(
        "Topic id differs from the file name",
        "The `id` inside a topic file must equal its file name without `.yaml`, because the id "
        "is the page's URL.",
        "# topics/models/language-model.yaml\nid: language-models",
        "Set `id` to the file name, or rename the file (which changes the topic's URL).",
    ),
    "duplicate-id": Code(
        "Id used twice",
        "Two topics share an id (topic ids are unique across all parts), or two sections or "
        "directions of one topic share an id (they are anchors on the same page). `bmsurvey new` "
        "also refuses to create a topic or section whose id is taken.",
        "sections:\n  - id: scaling-laws\n    ...\n  - id: scaling-laws",
        "Give one of them another id. Do not rename an id that has been published: people cite "
        "it.",
    ),
    "reserved-id": Code(
        "Id is reserved",
        "A section or direction id is one the topic page uses itself: `future-directions`, "
        "`references` or `cite`.",
        "future_directions:\n  - id: references",
        "Choose another id.",
    ),
    "unknown-related": Code(
        "Related topic does not exist",
        "`related` names a topic id that no topic file has, or the topic itself.",
        "related: [vision-modle]",
        "Use the id of another existing topic; the hint suggests the closest one.",
    ),
    "unknown-citation": Code(
        "Citation key not in references.bib",
        "A body cites `@key`, or a key work names `key`, that has no entry in references.bib.",
        "body: |\n  Loss falls as a power law [@kaplan2020scalng].",
        "Fix the key (the hint suggests the closest existing one) or add a checked entry for the "
        "work to references.bib.",
    ),
    # --- references.bib -------------------------------------------------------------------------
    "unknown-xref": Code(
        "Cross-reference to an unknown topic, section, table or direction",
        "A `[[topic-id#anchor]]` cross-reference names a topic that does not exist, or an anchor "
        "that is not a section id, a direction id or `table-<id>` of that topic. The hint "
        "suggests the closest existing name.",
        "body: |\n  See [[language-model#scaling]] for the laws.",
        "Use an existing topic id and anchor, e.g. `[[language-model#scaling-laws]]`; "
        "`[[topic-id]]` links the whole topic and `[[#anchor]]` a place on the same page.",
    ),
    "duplicate-table": Code(
        "Two tables of a topic share an id",
        "Table ids become page anchors (`table-<id>`) and download names, so they are unique "
        "within a topic.",
        "tables:\n  - id: sizes\n    ...\n  - id: sizes",
        "Rename one of the tables.",
    ),
    "table-column": Code(
        "A table's columns are inconsistent",
        "Two columns share an id, or a column that is not of type `number` has a `unit`.",
        "columns:\n  - {id: open, title: Open weights, type: bool, unit: B}",
        "Give each column its own id; set `type: number` or remove `unit`.",
    ),
    "table-unknown-column": Code(
        "A row names a column the table does not have",
        "Rows are mappings from column id to value; this key is not among the table's columns "
        "(often a typo).",
        "rows:\n  - {model: GPT-3, parms: 175}",
        "Use one of the column ids (the hint lists them and suggests the closest).",
    ),
    "table-ragged-row": Code(
        "A row leaves out a column",
        "Every row gives a value for every column, so a forgotten cell never shifts the table.",
        "rows:\n  - {model: GPT-3}",
        "Add the missing column; write `column: null` for a cell that is deliberately empty.",
    ),
    "table-cell-type": Code(
        "A cell does not fit its column's type",
        "A `number` cell holds text, a `date` cell is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a "
        "`bool` cell is not true or false, or a `cite` cell is not a key or a list of keys.",
        "rows:\n  - {model: GPT-3, parameters: about 175}",
        "Write a value of the column's type, or null; put caveats in the table's `note`.",
    ),
    "duplicate-model": Code(
        "The catalogue lists a model twice",
        "Two records share an id (the model's anchor on /catalogue/), or two records have the "
        "same name and organisation.",
        "models:\n  - id: gpt-3\n    ...\n  - id: gpt-3",
        "Keep one record per model; name a variant by its size or version.",
    ),
    "catalogue-value": Code(
        "A catalogue value is impossible",
        "A model's date lies in the future, its active parameters exceed its total parameters, "
        "its training compute lies outside 1e15 to 1e28 FLOP, or a count is not positive.",
        "  - id: moe-model\n    parameters: 4.7e+10\n    active_parameters: 1.3e+11",
        "Check the number against the model's report; compute is in FLOP, not PF-days.",
    ),
    "catalogue-unsourced": Code(
        "An estimate does not say whose it is",
        "Every number in the catalogue has a source: a reported value comes from the model's "
        "`reference`; an estimate must name the reference it comes from (`source`) and how it "
        "was made (`note`).",
        "    training_compute: {value: 3.1e+23, status: estimated}",
        "Add `source: <bib key>` and `note: 6 x parameters x tokens, from the reported "
        "figures` (or whatever the method was), or remove the number.",
    ),
    "review-date": Code(
        "A topic claims a review its literature does not show",
        "`last_reviewed` is more than 12 months after the newest work the topic cites. A "
        "review of the whole topic in a field that moves monthly brings in recent work, so the "
        "date probably records an edit, not a review. The topic page states how far its "
        "literature reaches (\"covers work up to ...\") from the same data.",
        "last_reviewed: 2026-11-27   # newest cited work: 2024",
        "Bring the topic's literature up to date, or set `last_reviewed` to the date of the "
        "last real review.",
        severity="warning",
    ),
    "invisible-character": Code(
        "Invisible or bidirectional control character",
        "The text holds a bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, "
        "U+061C) or another invisible format character (zero-width space, word joiner, byte "
        "order mark inside the text, soft hyphen). Such characters can make text display in a "
        "different order or form than it is read by the checker and by reviewers (Trojan "
        "Source). A zero-width joiner or non-joiner between two letters of a script that needs "
        "it (Persian, Indic scripts, emoji sequences) is allowed. An error under `--strict`.",
        "title: \"Scaling laws\u202e\"   # RIGHT-TO-LEFT OVERRIDE hidden at the end",
        "Delete the character (most editors show it when you move the cursor across it).",
        severity="warning",
    ),
    "pdf-glyph": Code(
        "Character the PDF cannot set",
        "Contributed text holds a character that the PDF's fonts (DejaVu Serif and DejaVu Sans "
        "Mono, with DejaVu Sans as fallback) have no glyph for, such as a CJK ideograph or a rare "
        "symbol. The site shows it; `bmsurvey pdf` prints it as `[U+XXXX]` so no text goes "
        "missing. The build never fails for it.",
        "title: \"Scaling in \u4e2d\u6587\"   # CJK ideographs",
        "Write a character the fonts have (Latin with diacritics, Greek, Cyrillic, typographic "
        "punctuation, common mathematical symbols), or spell it out.",
        severity="warning",
    ),
    "markup-in-plain-text": Code(
        "Plain-text field holds something like an HTML tag",
        "Titles, names and other one-line fields are plain text: the site escapes them and "
        "shows a tag literally, so `<b>` neither bolds nor runs. This is a warning, not an "
        "error; `&` and a lone `<` (as in `a < b`) are fine.",
        "title: Language <b>Models</b>",
        "Remove the tag, or write the words you mean.",
        severity="warning",
    ),
    "bib-missing": Code(
        "references.bib not found",
        "The project root has no references.bib, so no citation can be resolved.",
        "topics/  mkdocs.yml   # and no references.bib",
        "Create references.bib at the project root.",
        "text",
    ),
    "bib-syntax": Code(
        "Malformed BibTeX entry",
        "A block of references.bib cannot be parsed: an unbalanced brace, a missing comma "
        "between fields, a missing `=` or a missing key. The entries after it are still read.",
        "@article{vaswani2017attention,\n  title = {Attention Is All You Need,\n  year = 2017,\n}",
        "Check the braces, commas and `=` of the reported entry.",
        "bibtex",
    ),
    "bib-stray-text": Code(
        "Entry text outside any entry",
        "Text between entries is a comment to BibTeX, and here it looks like entry content: an "
        "entry that lost its `@`, or a field outside the braces of its entry. BibTeX would "
        "silently ignore it, so the work would be missing.",
        "article{vaswani2017attention,\n  title = {Attention Is All You Need},\n  year = {2017},"
        "\n}",
        "Start the entry with `@` (`@article{key, ...}`), or move the field inside its entry.",
        "bibtex",
    ),
    "bib-duplicate-key": Code(
        "Duplicate BibTeX key",
        "Two entries share a key, so a citation of it would be ambiguous.",
        "@misc{kaplan2020scaling, ...}\n@article{kaplan2020scaling, ...}",
        "Remove the duplicate entry, or rename one key (`kaplan2020scalingb`) and update its "
        "citations.",
        "bibtex",
    ),
    "bib-duplicate-field": Code(
        "Field given twice in an entry",
        "One entry sets the same field twice; only one value could be used.",
        "@misc{kaplan2020scaling,\n  year = {2020},\n  year = {2021},\n}",
        "Keep one value, the one the publisher's record confirms.",
        "bibtex",
    ),
    "bib-value": Code(
        "Field value cannot be read",
        "A field's or @string's value is malformed: unbalanced braces or quotes, or stray text "
        "after the value.",
        "@misc{kaplan2020scaling,\n  title = {Scaling Laws} for Neural Language Models},\n}",
        "Wrap the whole value in one pair of braces and balance any inner braces.",
        "bibtex",
    ),
    "bib-undefined-string": Code(
        "Undefined @string macro",
        "A value uses a bare word that is neither a defined `@string` nor a month "
        "abbreviation (jan ... dec). BibTeX would silently drop it.",
        "@inproceedings{muller2019when,\n  booktitle = neurpis,\n}",
        "Fix the macro name, define it with `@string{name = {...}}` before its first use, or "
        "write the value in braces.",
        "bibtex",
    ),
    "bib-key-charset": Code(
        "Key has characters outside the allowed set",
        "A BibTeX key uses characters that break citation syntax or URLs. Keys use letters, "
        "digits and `_ : . + - /`, starting with a letter or digit.",
        "@misc{müller 2019 when, ...}",
        "Follow the key convention `<firstauthorfamily><year><firstword>` in ASCII lower case, "
        "e.g. `muller2019when`.",
        "bibtex",
    ),
    "bib-missing-field": Code(
        "Entry lacks a required field",
        "An entry has no `title` or `year` (an error: neither a citation nor the reference list "
        "can be written without them) or no `author`/`editor` (a warning).",
        "@misc{kaplan2020scaling,\n  author = {Kaplan, Jared and others},\n  title = {Scaling "
        "Laws for Neural Language Models},\n}",
        "Add the field with the value from the work's arXiv, DOI or publisher record.",
        "bibtex",
        "error or warning",
    ),
    "bib-no-link": Code(
        "Entry has no DOI, arXiv id or URL",
        "Readers cannot find the work from the reference list, and reviewers cannot verify it.",
        "@inproceedings{muller2019when,\n  author = {M{\\\"u}ller, Rafael and others},\n  "
        "title = {When Does Label Smoothing Help?},\n  year = {2019},\n}",
        "Add `doi`, or `eprint` with `archivePrefix = {arXiv}`, or an https `url`.",
        "bibtex",
        "warning",
    ),
    "unsafe-url": Code(
        "URL is not an http(s) address",
        "An entry's `url` uses another scheme (`javascript:`, `file:`, `ftp:`) or holds spaces. "
        "Such URLs are never turned into links.",
        "@misc{kaplan2020scaling,\n  url = {javascript:alert(1)},\n}",
        "Use the work's https:// address, e.g. its arXiv abstract page or https://doi.org/ link.",
        "bibtex",
    ),
    "uncited-reference": Code(
        "Reference is never cited",
        "An entry of references.bib is cited by no topic (neither in a body nor as a key work). "
        "Reported only when every topic loaded, since otherwise it would be a guess.",
        "@misc{unused2020work, ...}   % no [@unused2020work] anywhere",
        "Cite the work where it supports a claim, or remove the entry.",
        "bibtex",
        "warning",
    ),
    "duplicate-work": Code(
        "Same work under two keys",
        "Two entries share a DOI, an arXiv id or a title (ignoring case and punctuation), so the "
        "same work would be listed twice with different keys.",
        "@misc{kaplan2020scaling, eprint = {2001.08361}, ...}\n"
        "@misc{kaplan2020laws, eprint = {2001.08361}, ...}",
        "Keep one entry, cite that key everywhere, and delete the other.",
        "bibtex",
        "warning",
    ),
    # --- editions.yml ---------------------------------------------------------------------------
    "edition-duplicate": Code(
        "Edition listed twice",
        "Two items of editions.yml have the same version. Each edition is published at "
        "/editions/<version>/, so a version names one edition only.",
        "- version: 0.2.0\n  date: 2026-12-06\n  ...\n- version: 0.2.0\n  date: 2026-12-20",
        "Keep one item per version; a new edition needs a new version (and survey.yml says it).",
    ),
    "edition-commit-unknown": Code(
        "Edition commit not in the history",
        "The `commit` of an edition is not a commit of this repository's history, so the "
        "edition cannot be built from it.",
        "- version: 0.1.0\n  commit: 0123456789abcdef0123456789abcdef01234567",
        "Write the full hash of the commit the edition was released from (`git rev-parse "
        "<rev>`); if it is on another branch, fetch that branch.",
    ),
    "edition-history-missing": Code(
        "The history the editions need is missing",
        "Editions are built from their commits, but this checkout has no git history for them: "
        "a shallow clone (the default of actions/checkout), or a copy without `.git`.",
        "editions.yml:1:12: error: edition 0.1.0: commit 76f8450722aa is not in this shallow "
        "clone [edition-history-missing]",
        "Fetch the whole history: `git fetch --unshallow`, or `fetch-depth: 0` on "
        "actions/checkout in a workflow.",
        "text",
    ),
    "edition-unlisted": Code(
        "Current version is not an edition yet",
        "survey.yml's `version` is not listed in editions.yml. That is normal between two "
        "releases; until it is listed, Cite this cites the living site instead of an edition. "
        "An error under `--strict`.",
        "# survey.yml\nversion: 0.3.0   # editions.yml lists 0.1.0 and 0.2.0",
        "When releasing the version, add it to editions.yml with its date, commit and summary.",
        severity="warning",
    ),
    "edition-build": Code(
        "An edition cannot be built",
        "Building an edition from its commit failed: the commit cannot be read, today's checks "
        "reject its content (each error is located as `<commit>:<file>`, readable with `git show "
        "<commit>:<file>`), or its site build failed. The whole build stops: a listed edition is "
        "a promise that its pages exist.",
        "76f8450722aa:topics/models/language-model.yaml:12:5: error: in edition 0.1.0: ...",
        "An edition's content cannot change: relax the check that rejects it (a schema change "
        "that breaks an old edition is a breaking change), or list another commit.",
        "text",
    ),
    # --- bmsurvey fmt ---------------------------------------------------------------------------
    "fmt-path": Code(
        "Nothing to format at this path",
        "`bmsurvey fmt` was given a path that does not exist, or a file that is neither a topic "
        "(`.yaml`/`.yml`) nor a BibTeX file (`.bib`).",
        "bmsurvey fmt topics/models/language-model.yml.bak",
        "Pass topic files, references.bib, or folders holding them; with no paths it formats "
        "every topic and references.bib.",
        "text",
    ),
    "fmt-unsafe": Code(
        "Rewriting would change the data",
        "`bmsurvey fmt` (or `bmsurvey new section`) re-reads what it would write and found that "
        "a value, a comment, an entry or an @string would differ from the original, or that a "
        "second run would change the layout again, so it left the file unchanged. This is a "
        "limitation of the formatter, not a mistake in the file.",
        "topics/models/language-model.yaml:12:5: error: formatting would change the value of "
        "sections[0].body; the file was left unchanged [fmt-unsafe]",
        "Write the value the message points at differently (for example as a `|` block or "
        "quoted), or edit that part by hand, and report the case as a bmsurvey issue.",
        "text",
    ),
}

