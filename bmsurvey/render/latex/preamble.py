"""The fixed LaTeX preamble: fonts (DejaVu, see `core.glyphs`), layout, natbib, hyperref and the
few macros the document uses. No contributed text here."""

from __future__ import annotations

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

PREAMBLE = r"""\pdfvariable suppressoptionalinfo 399
\pdfvariable trailerid {[<@ID@><@ID@>]}
\documentclass[10pt,a4paper,oneside,openany]{book}
\usepackage[margin=2.2cm,headheight=14pt]{geometry}
\usepackage{fontspec}
\directlua{luaotfload.add_fallback("bmsfallback", {"[@FONTS@DejaVuSans.ttf]:mode=node;"})}
\setmainfont{DejaVuSerif.ttf}[Path=@FONTS@, BoldFont=DejaVuSerif-Bold.ttf,
  ItalicFont=DejaVuSerif-Italic.ttf, BoldItalicFont=DejaVuSerif-BoldItalic.ttf,
  Ligatures=TeXOff, RawFeature={fallback=bmsfallback}]
\setsansfont{DejaVuSerif.ttf}[Path=@FONTS@, BoldFont=DejaVuSerif-Bold.ttf,
  ItalicFont=DejaVuSerif-Italic.ttf, BoldItalicFont=DejaVuSerif-BoldItalic.ttf,
  Ligatures=TeXOff, RawFeature={fallback=bmsfallback}]
\setmonofont{DejaVuSansMono.ttf}[Path=@FONTS@, BoldFont=DejaVuSansMono-Bold.ttf,
  ItalicFont=DejaVuSansMono-Oblique.ttf, BoldItalicFont=DejaVuSansMono-BoldOblique.ttf,
  Scale=0.9, RawFeature={fallback=bmsfallback}]
\usepackage{array,longtable,booktabs,pdflscape,xcolor}
\usepackage[authoryear,round]{natbib}
\usepackage[hidelinks,bookmarksnumbered,pdfusetitle=false]{hyperref}
\usepackage{bookmark}
\bibliographystyle{plainnat}
\setcounter{tocdepth}{1}
\setcounter{secnumdepth}{2}
\emergencystretch=3em
\tolerance=2000
\hbadness=10000
\vbadness=10000
\raggedbottom
\setlength{\LTpre}{4pt}
\setlength{\LTpost}{6pt}
\renewcommand{\bibname}{References}
\pagestyle{plain}
\DeclareRobustCommand{\bmsmissing}[1]{\texttt{[U+#1]}}
\newcommand{\bmsbreak}{\penalty5000\relax}
\DeclareRobustCommand{\bmsstrike}[1]{#1}
\pdfstringdefDisableCommands{\def\bmsmissing#1{[U+#1]}\def\bmsstrike#1{#1}\def\bmsbreak{}\def\allowbreak{}}
\newenvironment{bmscode}{\par\smallskip\noindent\begin{minipage}{\linewidth}\raggedright
  \ttfamily\small}{\end{minipage}\par\smallskip}
\newcommand{\bmssetlinks}[2]{\expandafter\def\csname bmslinks@#1\endcsname{#2}}
\newcommand{\bmslinks}[1]{\csname bmslinks@#1\endcsname}
\newcommand{\bmsdest}[1]{\hypertarget{#1}{}}
\newcommand{\bmsnote}[1]{\par\smallskip\noindent{\small\itshape #1}\par\smallskip}
\newcommand{\bmstablecaption}[2]{\par\medskip\noindent\bmsdest{#1}\textbf{#2} }
\makeatletter
\renewcommand*\l@section{\@dottedtocline{1}{1.5em}{3.1em}}
\renewcommand\@pnumwidth{2.2em}
% Citation labels from the .bbl before the first citation, so the first run already sets them
% (one run fewer): the .bbl's \bibitem lines are read in a box that is thrown away, each
% defining its label as natbib's \bibcite would on the next run.
\def\bms@bibitem[#1]#2{\def\NAT@tmp{#1}\expandafter\NAT@ifcmd\NAT@tmp(@)(@)\@nil{#2}}
\def\bms@wrout#1#2#3#4#5{\@ifundefined{b@#5}{\global\@namedef{b@#5}{{#1}{#2}{{#3}}{{#4}}}}{}}
\def\bms@preload{\begingroup\renewenvironment{thebibliography}[1]{}{}\def\newblock{}%
  \def\bmslinks{\@gobble}\let\bibitem\bms@bibitem\let\NAT@wrout\bms@wrout
  \setbox0=\vbox{\input{\jobname.bbl}}\endgroup}
\newcommand{\bmspreloadlabels}{\IfFileExists{\jobname.bbl}{\bms@preload}{}}
\makeatother
"""


def preamble(doc_id: str, font_dir: str = FONT_DIR) -> str:
    return PREAMBLE.replace("@ID@", doc_id).replace("@FONTS@", font_dir)
