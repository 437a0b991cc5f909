"""Contributed Markdown -> LaTeX by walking markdown-it-py's syntax tree (CommonMark plus GFM
tables and strikethrough, typographic quotes). Every text node is escaped; citations and
cross-references are found by `core.citations`/`core.xrefs` (as for the web page), stand in the
text as placeholder tokens while it is parsed, and come back as trusted LaTeX.

Raw HTML prints as its text without the tags (the site's sanitiser keeps the same words), an
image as its description, a link to anything but http(s)/mailto as its text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from bmsurvey.core.citations import Citation, find_citations
from bmsurvey.core.xrefs import XRef, find_xrefs
from bmsurvey.render.latex.escape import breakable, escape, url_arg

_MD = MarkdownIt("commonmark", {"typographer": True}).enable(
    ["table", "strikethrough", "replacements", "smartquotes"])
_TOKEN = re.compile(r"zqbmsspan(\d+)zq")
MAX_DEPTH = 3  # LaTeX nests lists and quotes at most 4 (6 in all) deep: flatten below this
_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


@dataclass
class Inline:
    """How citations and cross-references become LaTeX (see `document`)."""

    cite: Callable[[Citation], str]
    xref: Callable[[XRef], str]


@dataclass
class _Walk:
    spans: list[Citation | XRef]
    hooks: Inline
    flat: bool  # a table cell or caption: no block structure
    depth: int = 0
    out: list[str] = field(default_factory=list)

    def text(self, s: str) -> str:
        parts = _TOKEN.split(s)
        out = []
        for i, p in enumerate(parts):
            if i % 2 == 0:
                out.append(escape(p, narrow=self.flat))
            else:
                n = int(p)
                item = self.spans[n] if n < len(self.spans) else None
                if isinstance(item, Citation):
                    out.append(self.hooks.cite(item))
                elif isinstance(item, XRef):
                    out.append(self.hooks.xref(item))
                else:
                    out.append(escape(f"zqbmsspan{p}zq"))
        return "".join(out)

    def inline(self, node: SyntaxTreeNode) -> str:
        return "".join(self.span(c) for c in node.children)

    def span(self, node: SyntaxTreeNode) -> str:
        t = node.type
        if t == "text":
            return self.text(node.content)
        if t == "softbreak":
            return " "
        if t == "hardbreak":
            return " " if self.flat else r"\hfil\break{}"
        if t == "em":
            return r"\emph{" + self.inline(node) + "}"
        if t == "strong":
            return r"\textbf{" + self.inline(node) + "}"
        if t == "s":
            return r"\bmsstrike{" + self.inline(node) + "}"
        if t == "code_inline":
            code = escape(node.content, narrow=True) if self.flat else breakable(node.content)
            return r"\texttt{" + code + "}"
        if t == "link":
            href = str(node.attrs.get("href", ""))
            inner = self.inline(node)
            if _LINK.match(href) and not href.lower().startswith("mailto:"):
                return r"\href{" + url_arg(href) + "}{" + inner + "}"
            return inner
        if t == "image":
            alt = "".join(c.content for c in node.children if c.type == "text")
            return "[image: " + self.text(alt) + "]"
        if t == "html_inline":
            return " " if node.content.lower().startswith("<br") else ""
        return self.inline(node)  # anything else: its text

    def block(self, node: SyntaxTreeNode) -> str:
        t = node.type
        if t == "inline":
            return self.inline(node)
        if t == "paragraph":
            body = "".join(self.block(c) for c in node.children)
            return body + ("\n\n" if not self.flat else " ")
        if t == "heading":
            body = "".join(self.block(c) for c in node.children)
            if self.flat:
                return r"\textbf{" + body + "} "
            return r"\par\medskip\noindent\textbf{" + body + "}\\par\\nopagebreak\n"
        if t in ("bullet_list", "ordered_list"):
            return self.listing(node, t == "ordered_list")
        if t == "blockquote":
            inner = self.blocks(node)
            if self.flat or self.depth >= MAX_DEPTH:
                return inner
            return "\\begin{quote}\n" + inner + "\\end{quote}\n"
        if t in ("code_block", "fence"):
            return self.code(node.content)
        if t == "hr":
            return " " if self.flat else "\\par\\noindent\\rule{\\linewidth}{0.4pt}\\par\n"
        if t == "html_block":
            words = html.unescape(nh3.clean(node.content, tags=set()))
            return self.text(words) + ("\n\n" if not self.flat else " ")
        if t == "table":
            return self.table(node)
        return self.blocks(node)

    def blocks(self, node: SyntaxTreeNode) -> str:
        return "".join(self.block(c) for c in node.children)

    def listing(self, node: SyntaxTreeNode, ordered: bool) -> str:
        items = []
        self.depth += 1
        for i, item in enumerate(node.children):
            mark = f"{i + int(node.attrs.get('start', 1) or 1)}." if ordered else "•"
            body = self.blocks(item).strip()
            if self.flat or self.depth > MAX_DEPTH:
                items.append(f"{mark} {body}")
            else:
                items.append(r"\item " + body + "\n")
        self.depth -= 1
        if self.flat or self.depth >= MAX_DEPTH:
            return " ".join(items) + ("\n\n" if not self.flat else " ")
        env = "enumerate" if ordered else "itemize"
        return f"\\begin{{{env}}}\n" + "".join(items) + f"\\end{{{env}}}\n"

    def code(self, content: str) -> str:
        lines = content.rstrip("\n").split("\n")
        if self.flat:
            return r"\texttt{" + breakable(" ".join(lines)) + "} "
        body = "\\\\\n".join(r"\mbox{}" + breakable(line).replace("  ", r"\ \ ")
                             for line in lines)
        return "\\begin{bmscode}\n" + body + "\n\\end{bmscode}\n"

    def table(self, node: SyntaxTreeNode) -> str:
        rows: list[list[str]] = []
        for part in node.children:
            for tr in part.children:
                rows.append([self.inline_cell(td) for td in tr.children])
        if self.flat or not rows:
            return " ".join(" · ".join(r) for r in rows) + " "
        n = max(len(r) for r in rows)
        width = f"\\dimexpr{1 / n:.4f}\\linewidth-2\\tabcolsep\\relax"
        spec = "@{}" + ("".join(">{\\raggedright\\arraybackslash\\hspace{0pt}}p{" + width + "}"
                                for _ in range(n))) + "@{}"
        body = []
        for i, r in enumerate(rows):
            cells = r + [""] * (n - len(r))
            line = " & ".join(r"\textbf{" + c + "}" if i == 0 else c for c in cells)
            body.append(line + " \\\\" + ("\\midrule\\endhead" if i == 0 else ""))
        return ("{\\small\\begin{longtable}{" + spec + "}\\toprule\n" + "\n".join(body)
                + "\n\\bottomrule\\end{longtable}}\n")

    def inline_cell(self, node: SyntaxTreeNode) -> str:
        saved, self.flat = self.flat, True
        try:
            return self.blocks(node).strip()
        finally:
            self.flat = saved


def _tokenise(text: str, xrefs: bool) -> tuple[str, list[Citation | XRef]]:
    spans: list[tuple[int, int, Citation | XRef]] = [(c.start, c.end, c)
                                                      for c in find_citations(text)]
    if xrefs:
        spans += [(x.start, x.end, x) for x in find_xrefs(text)]
        spans.sort(key=lambda s: s[0])
    pieces: list[str] = []
    kept: list[Citation | XRef] = []
    last = 0
    for start, end, item in spans:
        if start < last:
            continue
        pieces += [text[last:start], f"zqbmsspan{len(kept)}zq"]
        kept.append(item)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), kept


def markdown_to_latex(text: str, hooks: Inline, flat: bool = False) -> str:
    """Contributed Markdown as LaTeX; `flat` for a caption or table cell (one paragraph)."""
    source, spans = _tokenise(text, xrefs=True)
    tree = SyntaxTreeNode(_MD.parse(source))
    walk = _Walk(spans, hooks, flat)
    return walk.blocks(tree).strip() if flat else walk.blocks(tree)
