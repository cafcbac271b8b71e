"""Field values for BibTeX: LaTeX's special characters escaped, capitals protected, URLs whole.

pylatexenc's encoder and its tables do the escaping, with two choices of ours:

* non-ASCII text stays UTF-8 (biber and every LaTeX since 2018 read it, and reviewers read
  the diff), where pylatexenc's defaults would write ``\\'e`` and ``{\\textquoteright}``;
* braces become ``\\textbraceleft{}``/``\\textbraceright{}``: BibTeX counts every ``{`` and ``}``
  of a field, escaped or not, so pylatexenc's ``\\{`` would unbalance a field with one brace.
"""

from __future__ import annotations

from collections.abc import Iterable

from pylatexenc.latexencode import (
    RULE_CALLABLE,
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
)


def _keep_non_ascii(text: str, pos: int) -> tuple[int, str] | None:
    return (1, text[pos]) if ord(text[pos]) > 0x7F else None


_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[
        UnicodeToLatexConversionRule(RULE_CALLABLE, _keep_non_ascii),
        UnicodeToLatexConversionRule(
            RULE_DICT, {ord("{"): r"\textbraceleft{}", ord("}"): r"\textbraceright{}"}
        ),
        "defaults",
    ],
    replacement_latex_protection="braces-after-macro",
    unknown_char_policy="keep",
)
# Characters a URL may not hold raw (RFC 3986) and that would end or unbalance a BibTeX field;
# percent-encoded they name the same resource.
_URL_UNSAFE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})


def escape(text: str) -> str:
    """``text`` as a LaTeX string that prints as ``text``."""
    return str(_ENCODER.unicode_to_latex(text))


def protect(pieces: Iterable[tuple[str, bool]]) -> str:
    """Escaped text whose marked pieces are braced, so no style changes their case
    ("{SDSU}", "{Facebook}")."""
    return "".join("{" + escape(text) + "}" if keep else escape(text) for text, keep in pieces)


def verbatim_url(url: str) -> str:
    """A URL for biblatex's verbatim ``url`` field: as cited, except characters no URL may
    hold raw, percent-encoded."""
    return url.translate(_URL_UNSAFE)
