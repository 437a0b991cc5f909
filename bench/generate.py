"""Synthetic knowledge bases for the benchmark.

Deterministic (seeded), valid for `bmsurvey check --strict`, and shaped like the real survey so the
timings mean something: LaTeX accents and macros in references.bib, long author lists, dense
Pandoc citations in ~250-word sections, every reference cited at least once. The same data is
also written as plain Markdown pages for the mkdocs-bibtex peer.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmsurvey.core.schema.parts import PARTS

SEED = 20251127


@dataclass(frozen=True)
class Scale:
    name: str
    topics: int
    refs: int
    models: int = 0  # records of catalogue/models.yaml


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", 4, 60, 15),  # for the test suite
    "1x": Scale("1x", 16, 1_000, 150),
    "10x": Scale("10x", 160, 10_000, 1_500),
}

# (LaTeX, ASCII for the key) — accents the decoder must handle, von particles, plain names.
FAMILIES: tuple[tuple[str, str], ...] = (
    ('M{\\"u}ller', "muller"), ("Gonz{\\'a}lez", "gonzalez"), ('Schr{\\"o}der', "schroder"),
    ("Dvo{\\v{r}}{\\'a}k", "dvorak"), ("Ko{\\c{c}}", "koc"), ("Ba{\\~n}os", "banos"),
    ("{\\O}stergaard", "ostergaard"), ("Nov{\\'a}kov{\\'a}", "novakova"),
    ("Jim{\\'e}nez", "jimenez"), ("Mart{\\'\\i}nez", "martinez"), ("Garc{\\'\\i}a", "garcia"),
    ("Fran{\\c{c}}ois", "francois"), ("Ho{\\ss}feld", "hossfeld"), ("Erd{\\H{o}}s", "erdos"),
    ("{\\L}ukasiewicz", "lukasiewicz"), ("Andr\\'e", "andre"), ("N{\\o}rgaard", "norgaard"),
    ('Sch{\\"u}tze', "schutze"), ("W{\\'o}jcik", "wojcik"), ("{\\AA}str{\\\"o}m", "astrom"),
    ("van der Maaten", "maaten"), ("de Freitas", "freitas"), ("van den Oord", "oord"),
    ("Wang", "wang"), ("Li", "li"), ("Zhang", "zhang"), ("Chen", "chen"), ("Liu", "liu"),
    ("Smith", "smith"), ("Kaplan", "kaplan"), ("Vaswani", "vaswani"), ("Devlin", "devlin"),
    ("Brown", "brown"), ("Radford", "radford"), ("Touvron", "touvron"),
    ("Hoffmann", "hoffmann"), ("Bengio", "bengio"), ("Hinton", "hinton"),
    ("Sutskever", "sutskever"), ("Raffel", "raffel"), ("Lample", "lample"),
    ("Conneau", "conneau"), ("Mikolov", "mikolov"), ("Ng", "ng"), ("Kim", "kim"),
    ("Park", "park"), ("Lee", "lee"), ("Tanaka", "tanaka"), ("Suzuki", "suzuki"),
    ("Singh", "singh"), ("Gupta", "gupta"), ("Kumar", "kumar"), ("Ivanov", "ivanov"),
    ("Petrov", "petrov"), ("Kowalski", "kowalski"), ("Okafor", "okafor"), ("Mensah", "mensah"),
    ("Nguyen", "nguyen"), ("Tran", "tran"), ("Yilmaz", "yilmaz"), ("Cohen", "cohen"),
)
GIVEN: tuple[str, ...] = (
    "Jared", "Sam", "Ashish", "Noam", "Ilya", "Fran{\\c{c}}ois", 'J{\\"o}rg', 'Bj{\\"o}rn',
    "Andr{\\'e}", 'Zo{\\"e}', "{\\L}ukasz", "Ren{\\'e}", "Ji{\\v{r}}{\\'\\i}", "S{\\o}ren",
    "Hao", "Yi", "Wei", "Mei", "Aditya", "Priya", "Olga", "Anna", "J.", "M. A.", "Tom B.",
    "Christopher D.", "Hugo", "Laurens", "Nando", 'A{\\"i}sha', "Chinwe", "Kwame", "Mar{\\'\\i}a",
    "Jos{\\'e}", "Ana", "Yuki", "Hiroshi", "Ji-Hoon", "Seo-yeon", "Thanh", "Emre", "Noa",
)
NOUNS: tuple[str, ...] = (
    "model", "transformer", "corpus", "benchmark", "objective", "tokenizer", "encoder", "decoder",
    "representation", "gradient", "dataset", "pipeline", "policy", "reward model",
    "attention head", "context window", "scaling law", "mixture of experts", "retrieval index",
    "evaluation suite", "checkpoint", "accelerator", "optimizer", "curriculum", "embedding",
    "prompt", "adapter", "language model", "vision encoder", "protein language model",
    "translation system", "dialogue agent", "knowledge graph", "data filter", "training run",
)
ADJS: tuple[str, ...] = (
    "large", "sparse", "dense", "multilingual", "robust", "efficient", "compute-optimal",
    "instruction-tuned", "self-supervised", "autoregressive", "bidirectional", "aligned",
    "distilled", "quantized", "open", "general-purpose", "domain-specific", "long-context",
    "multimodal", "contrastive", "retrieval-augmented", "parameter-efficient", "calibrated",
)
VERBS: tuple[str, ...] = (
    "improves", "stabilises", "reduces", "explains", "predicts", "extends", "challenges",
    "revisits", "measures", "constrains", "accelerates", "simplifies", "generalises",
)
PAST: tuple[str, ...] = (
    "showed", "argued", "found", "reported", "demonstrated", "proposed", "observed", "measured",
)
ACRONYMS: tuple[str, ...] = (
    "BERT", "GPT", "T5", "LLaMA", "PaLM", "CLIP", "ViT", "MoE", "RLHF", "LoRA", "ESM", "BLOOM",
    "OPT", "UL2", "GLM", "DPO", "SAM", "MAE", "BEiT", "XLM",
)
SECTION_TITLES: tuple[str, ...] = (
    "Scaling laws", "Pre-training objectives", "Data curation", "Efficient inference",
    "Evaluation protocols", "Alignment", "Tokenization", "Architectures", "Optimization",
    "Retrieval augmentation", "Multilinguality", "Safety", "Compression and distillation",
    "Long context", "Instruction tuning", "Mixture of experts", "Parallelism",
    "Benchmarks and leaderboards", "Interpretability", "Fine-tuning", "Emergent abilities",
    "Reasoning", "Tool use", "Memory", "Calibration", "Robustness", "Privacy",
)
DIRECTION_TITLES: tuple[str, ...] = (
    "Data efficiency", "Open evaluation", "Energy use", "Verifiable reasoning",
    "Continual learning", "Small models", "Mechanistic understanding", "Shared infrastructure",
    "Low-resource languages", "Societal impact",
)
VENUE_MACROS: dict[str, str] = {
    "neurips": "Advances in Neural Information Processing Systems",
    "icml": "Proceedings of the International Conference on Machine Learning",
    "iclr": "International Conference on Learning Representations",
    "acl": "Annual Meeting of the Association for Computational Linguistics",
    "emnlp": "Conference on Empirical Methods in Natural Language Processing",
    "cvpr": "{IEEE/CVF} Conference on Computer Vision and Pattern Recognition",
    "aaai": "Proceedings of the {AAAI} Conference on Artificial Intelligence",
    "jmlr": "Journal of Machine Learning Research",
    "tacl": "Transactions of the Association for Computational Linguistics",
    "tmlr": "Transactions on Machine Learning Research",
    "pami": "{IEEE} Transactions on Pattern Analysis and Machine Intelligence",
}
CONFERENCES = ("neurips", "icml", "iclr", "acl", "emnlp", "cvpr", "aaai")
JOURNALS = ("jmlr", "tacl", "tmlr", "pami")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ORGS = ("Google DeepMind", "OpenAI", "Meta AI", "Microsoft Research", "Tsinghua University",
        "Allen Institute for AI", "EleutherAI", "Hugging Face", "BAAI", "Mila")
MODALITIES = ("text", "code", "vision", "multimodal", "speech", "protein", "graph", "systems")


@dataclass
class Ref:
    key: str
    year: int
    short: str  # a short system name for key works, e.g. "BERT-7"


@dataclass
class Unit:
    id: str
    title: str
    body: str
    key_works: list[dict[str, str]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TopicData:
    part: str
    id: str
    title: str
    summary: str
    last_reviewed: str
    related: list[str]
    sections: list[Unit]
    directions: list[Unit]


@dataclass
class Knowledge:
    """One generated knowledge base: the bib text and the topics, before they are written."""

    scale: Scale
    bib: str
    refs: list[Ref]
    topics: list[TopicData]
    models: list[dict[str, object]] = field(default_factory=list)


# -- references.bib ---------------------------------------------------------------------------

def _person(rng: random.Random) -> str:
    family, _ = rng.choice(FAMILIES)
    given = rng.choice(GIVEN)
    if rng.random() < 0.15 and " " not in family:  # "First Last" form
        return f"{given} {family}"
    return f"{family}, {given}"


def _authors(rng: random.Random) -> tuple[str, str]:
    """An author list (BibTeX) and the ASCII family of the first author for the key."""
    r = rng.random()
    n = (rng.randint(1, 4) if r < 0.5 else rng.randint(5, 12) if r < 0.85
         else rng.randint(13, 19) if r < 0.92 else rng.randint(20, 45))
    first_family, first_ascii = rng.choice(FAMILIES)
    people = [f"{first_family}, {rng.choice(GIVEN)}"] + [_person(rng) for _ in range(n - 1)]
    if rng.random() < 0.04:
        people = ["{BigScience Workshop}"] + people[1:]
        first_ascii = "bigscience"
    if (n >= 5 and rng.random() < 0.3) or (n >= 20 and rng.random() < 0.6):
        people.append("others")
    return " and ".join(people), first_ascii


def _title(rng: random.Random) -> tuple[str, str]:
    """A title with protective braces and some LaTeX, and its first content word for the key."""
    acro = rng.choice(ACRONYMS)
    adj, adj2 = rng.choice(ADJS), rng.choice(ADJS)
    noun, noun2 = rng.choice(NOUNS), rng.choice(NOUNS)
    pl, pl2 = _plural(noun), _plural(noun2)
    forms = [
        f"{{{acro}}}: {adj.capitalize()} {pl.title()} for {adj2.title()} {pl2.title()}",
        f"On the {adj.title()} {noun.title()} of {{{acro}}}-Style {pl2.title()}",
        f"{adj.capitalize()} {pl} {rng.choice(VERBS)} {adj2} {pl2}",
        f"Towards {adj.title()} {pl.title()} \\& {adj2.title()} {pl2.title()}",
        f"{{{acro}}}-{rng.randint(2, 9)}: Scaling {pl.title()} to {rng.randint(2, 900)}"
        f"{rng.choice('MBT')} Parameters",
        f"When Does a {noun.title()} Help? {adj.capitalize()} {pl2} -- A Study",
        f"\\emph{{{adj.capitalize()}}} {pl} and the $\\alpha$-{noun2} trade-off",
        f"Fran{{\\c{{c}}}}ais and M{{\\\"u}}nchen: {adj.capitalize()} {pl} in "
        f"{rng.randint(10, 200)} Languages",
    ]
    title = rng.choice(forms)
    word = re.sub(r"[^a-z]", "", adj.split("-")[0].lower()) or "model"
    return title, word


def _val(rng: random.Random, text: str) -> str:
    """Most values braced, some quoted (only when no quote or brace-level issue can arise)."""
    if rng.random() < 0.15 and '"' not in text:
        return f'"{text}"'
    return f"{{{text}}}"


def _entry(rng: random.Random, i: int, key: str, year: int, authors: str, title: str) -> str:
    kind = rng.random()
    month = rng.choice(MONTHS)
    mm = MONTHS.index(month) + 1
    arxiv = f"{year % 100:02d}{mm:02d}.{10000 + i:05d}"
    lines = [f"  author = {{{authors}}},", f"  title = {_val(rng, title)},"]
    year_v = str(year) if rng.random() < 0.3 else f"{{{year}}}"
    if kind < 0.35:
        etype = "inproceedings"
        venue = rng.choice(CONFERENCES)
        booktitle = (f'{venue} # " {year - 1986}"' if venue == "neurips" else
                     f'"Proceedings of the " # {venue}' if venue in ("acl", "emnlp") else venue)
        lines += [f"  booktitle = {booktitle},",
                  f"  pages = {{{(p := rng.randint(1, 9000))}--{p + rng.randint(8, 20)}}},",
                  f"  year = {year_v},",
                  f"  month = {month},",
                  "  publisher = {Curran Associates, Inc.},"]
        if rng.random() < 0.5:
            lines.append(f"  doi = {{10.{rng.randint(1000, 9999)}/conf.{year}.{i}}},")
        lines.append(f"  url = {{https://proceedings.example.org/{year}/paper/{i}}},")
    elif kind < 0.6:
        etype = "article"
        lines += [f"  journal = {rng.choice(JOURNALS)},",
                  f"  volume = {{{rng.randint(1, 48)}}},",
                  f"  number = {{{rng.randint(1, 300)}}},",
                  f"  pages = {{{(p := rng.randint(1, 90))}--{p + rng.randint(10, 60)}}},",
                  f"  year = {year_v},",
                  f"  doi = {{10.{rng.randint(1000, 9999)}/journal.{i}}},"]
        if rng.random() < 0.4:
            lines.append(f"  url = {{https://doi.org/10.5555/journal.{i}}},")
    elif kind < 0.95:
        etype = "misc"
        cls = rng.choice(("cs.CL", "cs.LG", "cs.CV", "cs.AI", "q-bio.BM"))
        lines += [f"  year = {year_v},",
                  f"  eprint = {{{arxiv}}},",
                  "  archivePrefix = {arXiv},",
                  f"  primaryClass = {{{cls}}},",
                  f"  url = {{https://arxiv.org/abs/{arxiv}}},"]
    else:
        etype = "techreport"
        lines += [f"  institution = {{{rng.choice(ORGS)}}},",
                  f"  number = {{TR-{year}-{i:05d}}},",
                  f"  year = {year_v},",
                  f"  url = {{https://reports.example.org/{key}}},"]
    return f"@{etype}{{{key},\n" + "\n".join(lines) + "\n}\n"


def make_bib(n: int, seed: int = SEED) -> tuple[str, list[Ref]]:
    """`n` entries with unique keys, titles, DOIs and arXiv ids (so no duplicate-work warning)."""
    rng = random.Random(seed)
    out = ["% Synthetic references for the bmsurvey benchmark; generated, do not edit.\n"]
    out += [f'@string{{{k} = "{v}"}}\n' for k, v in VENUE_MACROS.items()]
    out.append("\n")
    refs: list[Ref] = []
    keys: set[str] = set()
    titles: set[str] = set()
    for i in range(n):
        year = rng.randint(2013, 2025)
        authors, first = _authors(rng)
        while True:
            title, word = _title(rng)
            norm = re.sub(r"[^a-z0-9]", "", title.lower())
            if norm not in titles:
                titles.add(norm)
                break
        key = f"{first}{year}{word}"
        if key in keys:
            suffix = 2
            while f"{key}{suffix}" in keys:
                suffix += 1
            key = f"{key}{suffix}"
        keys.add(key)
        out.append(_entry(rng, i, key, year, authors, title))
        out.append("\n")
        refs.append(Ref(key, year, f"{rng.choice(ACRONYMS)}-{i}"))
    return "".join(out), refs


# -- topics -----------------------------------------------------------------------------------

def _topic_ids(n: int) -> list[tuple[str, str, str]]:
    """(part id, topic id, title): canonical topics round-robin over the parts, then synthetic."""
    queues = [list(p.topics) for p in PARTS]
    canon: list[tuple[str, str]] = []
    while any(queues):
        for part, q in zip(PARTS, queues, strict=True):
            if q:
                canon.append((part.id, q.pop(0)))
    out: list[tuple[str, str, str]] = []
    for i in range(n):
        if i < len(canon):
            part_id, tid = canon[i]
            out.append((part_id, tid, tid.replace("-", " ").title()))
        else:
            tid = f"synthetic-topic-{i + 1:03d}"
            out.append((PARTS[i % len(PARTS)].id, tid, f"Synthetic Topic {i + 1:03d}"))
    return out


def _cite(rng: random.Random, keys: list[str]) -> str:
    """A parenthetical citation of `keys` in one of the Pandoc forms."""
    if len(keys) == 1:
        r = rng.random()
        if r < 0.12:
            return f" [@{keys[0]}, p. {rng.randint(2, 40)}]"
        if r < 0.2:
            return f" [see @{keys[0]}, sec. {rng.randint(1, 8)}]"
        return f" [@{keys[0]}]"
    return " [" + "; ".join(f"@{k}" for k in keys) + "]"


def _plural(noun: str) -> str:
    if noun.endswith("corpus"):
        return noun[:-2] + "ora"
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    if noun.endswith(("x", "s")):
        return noun + "es"
    return noun + "s"


def _sentence(rng: random.Random, keys: list[str]) -> str:
    a, b = rng.choice(ADJS), rng.choice(ADJS)
    n1, n2, n3 = rng.choice(NOUNS), rng.choice(NOUNS), rng.choice(NOUNS)
    v = rng.choice(VERBS)
    p1, p2, p3 = _plural(n1), _plural(n2), _plural(n3)
    if keys and rng.random() < 0.25:  # narrative citation for the first key
        k, rest = keys[0], keys[1:]
        tail = _cite(rng, rest) if rest else ""
        return rng.choice((
            f"As @{k} {rng.choice(PAST)}, a {a} {n1} {v} the {n2} without extra {p3}{tail}.",
            f"@{k} {rng.choice(PAST)} that {b} {p1} {v} {a} {p2} in practice{tail}.",
        ))
    cite = _cite(rng, keys) if keys else ""
    return rng.choice((
        f"{a.capitalize()} {p1} {v} {b} {p2} when the {n3} grows{cite}.",
        f"Several studies report that the {n1} {v} {n2} quality{cite}, although the effect "
        f"depends on the {a} {n3}.",
        f"The trade-off between the {n1} and the {a} {n2} is discussed at length{cite}.",
        f"In practice a *{a}* {n1} {v} the **{n2}** more than any {b} {n3}{cite}.",
        f"Implementations differ mostly in the `{n1.split()[0]}_{n2.split()[0]}` step, which "
        f"{v} the {b} {n3}{cite}.",
        f"Whether a {a} {n1} {v} a {b} {n2} remains debated{cite}; the {n3} matters too.",
    ))


def _body(rng: random.Random, keys: list[str], pool: list[str], words: int) -> str:
    """Prose of about `words` words citing every key in `keys` (plus a few from `pool`), the
    citations spread evenly over the text."""
    queue = list(keys)
    sentences: list[str] = []
    count = 0
    while count < words or queue:
        left = max(1.0, (words - count) / 16)  # sentences still to come, roughly
        rate = len(queue) / left
        take = min(len(queue), int(rate) + (rng.random() < rate - int(rate)))
        take = min(take, 3) if count < words else min(len(queue), 3)
        cited, queue = queue[:take], queue[take:]
        if not cited and pool and rng.random() < 0.15:
            cited = [rng.choice(pool)]
        s = _sentence(rng, cited)
        sentences.append(s)
        count += len(s.split())
    paras: list[str] = []
    cut = max(1, len(sentences) // 2)
    for chunk in (sentences[:cut], sentences[cut:]):
        if chunk:
            paras.append(_wrap(" ".join(chunk)))
    return "\n\n".join(paras) + "\n"


_WORD = re.compile(r"(?:\[[^\]]*\]|\S)+")


def _wrap(text: str, width: int = 96) -> str:
    """Hard-wrap like a human editor, keeping each bracketed citation on one line (mkdocs-bibtex
    does not see citations that span lines)."""
    lines: list[str] = []
    line = ""
    for word in _WORD.findall(text):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def _chunks(items: list[str], n: int) -> list[list[str]]:
    size, rem = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < rem else 0)
        out.append(items[start:end])
        start = end
    return out


def make_knowledge(scale: Scale, seed: int = SEED) -> Knowledge:
    """The whole knowledge base of a scale: every reference is the home reference of one topic,
    and a popular few are cited across topics (a skewed "cited in" like a real survey)."""
    bib, refs = make_bib(scale.refs, seed)
    rng = random.Random(seed + 1)
    keys = [r.key for r in refs]
    by_key = {r.key: r for r in refs}
    popular = keys[: max(5, len(keys) // 20)]
    ids = _topic_ids(scale.topics)
    topic_ids = [t[1] for t in ids]
    n_sections, n_directions = 6, 2
    topics: list[TopicData] = []
    for t, home in enumerate(_chunks(keys, scale.topics)):
        part_id, tid, title = ids[t]
        summary_keys, rest = home[:1], home[1:]
        dir_keys = rest[: 2 * n_directions]
        sec_keys = _chunks(rest[2 * n_directions:], n_sections)
        titles = rng.sample(SECTION_TITLES, n_sections)
        sections: list[Unit] = []
        for stitle, skeys in zip(titles, sec_keys, strict=True):
            extra = rng.sample(popular, min(2, len(popular)))
            body_keys = skeys + [k for k in extra if k not in skeys]
            rng.shuffle(body_keys)
            body = _body(rng, body_keys, popular, 250)
            works: list[dict[str, str]] = []
            for k in skeys[:3]:
                ref = by_key[k]
                kw = {"key": k, "contribution": f"Showed that a {rng.choice(ADJS)} "
                      f"{rng.choice(NOUNS)} {rng.choice(VERBS)} the {rng.choice(NOUNS)}."}
                if rng.random() < 0.7:
                    kw |= {"name": ref.short, "date": f"{ref.year}-{rng.randint(1, 12):02d}",
                           "organisation": rng.choice(ORGS),
                           "parameters": f"{rng.randint(1, 540)}{rng.choice('MB')}",
                           "modality": rng.choice(MODALITIES)}
                works.append(kw)
            sid = re.sub(r"[^a-z0-9]+", "-", stitle.lower()).strip("-")
            tables = [_table(rng, f"{sid}-comparison", skeys)] if len(sections) in (0, 2) else []
            sections.append(Unit(sid, stitle, body, works, tables))
        directions: list[Unit] = []
        for dtitle, dkeys in zip(rng.sample(DIRECTION_TITLES, n_directions),
                                 _chunks(dir_keys, n_directions), strict=True):
            did = re.sub(r"[^a-z0-9]+", "-", dtitle.lower()).strip("-")
            directions.append(Unit(did, dtitle, _body(rng, dkeys, [], 80)))
        summary = _wrap(f"{title} is one of the {scale.topics} topics of this synthetic survey. "
                        + _sentence(rng, summary_keys) + " " + _sentence(rng, [])) + "\n"
        others = [x for x in topic_ids if x != tid]
        related = rng.sample(others, min(3, len(others)))
        # A cross-reference to another topic's page and one to a table of this page.
        sections[1].body += (f"\nSee [[{related[0]}]] and [[#table-{sections[0].id}-comparison]]"
                             " for the numbers.\n")
        topics.append(TopicData(part_id, tid, title, summary,
                                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                related, sections, directions))
    return Knowledge(scale, bib, refs, topics, make_models(rng, scale.models, keys))


def _table(rng: random.Random, tid: str, keys: list[str]) -> dict[str, Any]:
    """A comparison table of six rows with every column type; cells cite the section's keys."""
    rows = []
    for i in range(6):
        rows.append({"system": f"{rng.choice(NOUNS).title()}-{i} ({rng.choice(ADJS)})",
                     "params": round(rng.uniform(0.1, 900), 1),
                     "released": f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}",
                     "open": rng.random() < 0.5, "source": keys[i % len(keys)]})
    return {"id": tid, "caption": f"Systems compared by size and openness [@{keys[0]}].",
            "columns": [{"id": "system", "title": "System"},
                        {"id": "params", "title": "Parameters", "type": "number", "unit": "B"},
                        {"id": "released", "title": "Released", "type": "date"},
                        {"id": "open", "title": "Open weights", "type": "bool"},
                        {"id": "source", "title": "Source", "type": "cite"}],
            "rows": rows}


def make_models(rng: random.Random, n: int, keys: list[str]) -> list[dict[str, object]]:
    """`n` catalogue records: sizes, tokens and compute (reported or estimated) over 2017-2026."""
    out: list[dict[str, object]] = []
    for i in range(n):
        params = 10 ** rng.uniform(8, 12.5)
        tokens = 10 ** rng.uniform(10, 13.3)
        m: dict[str, object] = {
            "id": f"model-{i}", "name": f"Model {i}", "organisation": rng.choice(ORGS),
            "date": f"{rng.randint(2017, 2026)}-{rng.randint(1, 11):02d}",
            "domain": rng.choice(["language", "vision", "multimodal", "code", "protein"]),
            "parameters": float(f"{params:.3g}"),
            "architecture": rng.choice(["dense", "moe"]),
            "accessibility": rng.choice(["open-weights", "api", "closed"]),
            "reference": keys[i % len(keys)]}
        if m["architecture"] == "moe":
            m["active_parameters"] = float(f"{params / 8:.3g}")
        if rng.random() < 0.6:
            m["training_tokens"] = float(f"{tokens:.3g}")
            m["training_compute"] = {"value": float(f"{6 * params * tokens:.3g}"),
                                     "status": "estimated", "source": keys[(i + 1) % len(keys)],
                                     "note": "6 x parameters x tokens"}
        out.append(m)
    return out


# -- writing ----------------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "".join(f"{pad}{line}\n" if line else "\n"
                           for line in text.rstrip("\n").split("\n"))


def topic_yaml(t: TopicData) -> str:
    out = ["# Synthetic topic for the bmsurvey benchmark.\n",
           f"id: {t.id}\n", f"title: {_q(t.title)}\n", f"summary: {_block(t.summary, 2)}",
           f"last_reviewed: {t.last_reviewed}\n", f"related: [{', '.join(t.related)}]\n",
           "sections:\n"]
    for s in t.sections:
        out += [f"  - id: {s.id}\n", f"    title: {_q(s.title)}\n",
                f"    body: {_block(s.body, 6)}"]
        if s.key_works:
            out.append("    key_works:\n")
            for kw in s.key_works:
                first = True
                for k, v in kw.items():
                    out.append(f"      {'- ' if first else '  '}{k}: {_q(v)}\n")
                    first = False
        if s.tables:
            out.append("    tables:\n")
            for table in s.tables:
                out.append(f"      - id: {table['id']}\n"
                           f"        caption: {_q(table['caption'])}\n")
                out.append("        columns:\n" + "".join(
                    f"          - {json.dumps(c)}\n" for c in table["columns"]))
                out.append("        rows:\n" + "".join(
                    f"          - {json.dumps(r)}\n" for r in table["rows"]))
    if t.directions:
        out.append("future_directions:\n")
        for d in t.directions:
            out += [f"  - id: {d.id}\n", f"    title: {_q(d.title)}\n",
                    f"    body: {_block(d.body, 6)}"]
    return "".join(out)


MKDOCS_YML = """\
site_name: bmsurvey benchmark ({name})
site_url: https://example.org/bench/
repo_url: https://github.com/example/bench
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  features: [content.tooltips, navigation.indexes, content.action.edit]
plugins:
  - search
  - bmsurvey
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
validation:
  anchors: warn
"""


def write_project(k: Knowledge, root: Path) -> Path:
    """A full project (mkdocs.yml, docs/index.md, topics/, references.bib) at `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(name=k.scale.name), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(
        f"# Synthetic survey ({k.scale.name})\n\nA generated benchmark project with "
        f"{len(k.topics)} topics and {len(k.refs)} references, starting from "
        f"@{k.refs[0].key}.\n", encoding="utf-8")
    for t in k.topics:
        folder = root / "topics" / t.part
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{t.id}.yaml").write_text(topic_yaml(t), encoding="utf-8")
    (root / "references.bib").write_text(k.bib, encoding="utf-8")
    if k.models:
        (root / "catalogue").mkdir(exist_ok=True)
        (root / "catalogue" / "models.yaml").write_text(
            "models:\n" + "".join(f"  - {json.dumps(m)}\n" for m in k.models), encoding="utf-8")
    return root


PEER_YML = """\
site_name: mkdocs-bibtex peer ({name})
site_url: https://example.org/peer/
theme:
  name: material
  font: false
  features: [content.tooltips, navigation.indexes]
plugins:
  - search
  - bibtex:
      bib_file: {bib}
markdown_extensions:
  - footnotes
  - attr_list
  - toc:
      permalink: true
"""


def write_peer(k: Knowledge, root: Path, bib: Path) -> Path:
    """The same pages as plain Markdown with Pandoc citations kept, for mkdocs-bibtex: one page
    per topic, a page per part with the summaries, and a full bibliography page."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(PEER_YML.format(name=k.scale.name, bib=_q(str(bib))),
                                     encoding="utf-8")
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(f"# Synthetic survey ({k.scale.name})\n\nStarting from "
                                   f"@{k.refs[0].key}.\n", encoding="utf-8")
    (docs / "references.md").write_text("# References\n\n\\full_bibliography\n", encoding="utf-8")
    for part in PARTS:
        mine = [t for t in k.topics if t.part == part.id]
        text = [f"# {part.title}\n", f"{part.blurb}\n"]
        for t in mine:
            text += [f"## [{t.title}]({t.id}.md)\n", t.summary]
        (docs / part.id).mkdir(exist_ok=True)
        (docs / part.id / "index.md").write_text("\n".join(text), encoding="utf-8")
    if k.models:  # the model catalogue as one Markdown table, as the site has it
        cols = ("name", "organisation", "date", "domain", "parameters", "architecture",
                "accessibility")
        lines = ["# Model catalogue\n", "| " + " | ".join(cols) + " | source |",
                 "|" + "---|" * (len(cols) + 1)]
        lines += ["| " + " | ".join(str(m.get(c, "")) for c in cols) + f" | @{m['reference']} |"
                  for m in k.models]
        (docs / "catalogue.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for t in k.topics:
        out = [f"# {t.title}\n", f"Last reviewed {t.last_reviewed}\n", t.summary]
        for s in t.sections:
            out += [f"## {s.title} {{#{s.id}}}\n", s.body]
            if s.key_works:
                out.append("**Key works**\n")
                out.append("".join(f"- @{kw['key']}: {kw['contribution']}\n"
                                   for kw in s.key_works))
            for table in s.tables:  # the same tables, as Markdown tables
                cols = table["columns"]
                out.append(f"{table['caption']}\n")
                out.append("| " + " | ".join(str(c["title"]) for c in cols) + " |\n"
                           + "|" + "---|" * len(cols) + "\n"
                           + "".join("| " + " | ".join(
                               f"@{r[c['id']]}" if c.get("type") == "cite" else str(r[c["id"]])
                               for c in cols) + " |\n" for r in table["rows"]))
        if t.directions:
            out.append("## Future directions\n")
            for d in t.directions:
                out += [f"### {d.title} {{#{d.id}}}\n", d.body]
        (docs / t.part / f"{t.id}.md").write_text("\n".join(out), encoding="utf-8")
    return root
