"""Where each fix goes in a stretch of text, whatever the format holding it.

Every format hands over text: Markdown and plain text as written (URLs in their Markdown
forms, ``markup``), DOCX and HTML as the text a reader sees, with its hyperlinks as
``Anchor`` spans. At every cited URL with a plan, ``locate`` finds the locator — the URL and
its "(last visited …)" clause — and returns the ``Op``s that rewrite it: a new URL (a new link
target, and new visible text where the text was the URL), a new visit date, an archived copy
appended. Each format then writes the ops its own way (text, tracked changes, HTML markup).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.fix._plan import Archived, Plan
from citecheck.net import redact_userinfo
from citecheck.parse import LAST_VISITED, find_urls
from citecheck.report import FixAction
from citecheck.style import archived_clause, archived_words, bracket_url

_SPACES = " \t\xa0"
_HOST_PATH = re.compile(r"^[\w-]+(?:\.[\w-]+)+/")  # "example.org/…", a shortened link


@dataclass(frozen=True)
class Anchor:
    """A hyperlink: the characters ``[start, end)`` a reader sees, and its exact target."""

    start: int
    end: int
    target: str


@dataclass(frozen=True)
class Piece:
    """New text, a hyperlink to ``target`` when given, formatted like the character at
    ``like`` (an index in the original text)."""

    text: str
    like: int
    target: str | None = None


@dataclass(frozen=True)
class Op:
    """Replace ``[start, end)`` with ``pieces`` (an insertion when start == end); ``anchor`` is
    the hyperlink the op replaces whole, if any."""

    start: int
    end: int
    pieces: tuple[Piece, ...]
    anchor: Anchor | None = None

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


@dataclass(frozen=True)
class Locator:
    """One rewritten locator: the URL cited at ``[start, end)`` and the ops that mend it."""

    url: str
    action: FixAction
    start: int
    end: int
    ops: tuple[Op, ...]

    def rewrite(self, text: str) -> str:
        """The locator's new text (``text`` is the whole original text)."""
        return apply_ops(text, self.ops, self.start, self.end)


@dataclass(frozen=True)
class _Cited:
    """A URL as cited: where, how it was written, and the hyperlink carrying it (if any)."""

    url: str
    start: int
    end: int
    anchor: Anchor | None


def locate(
    text: str, plans: dict[str, Plan], anchors: Sequence[Anchor] = (), *, markup: bool = False
) -> list[Locator]:
    """Every locator in ``text`` whose URL has a plan and would change, in text order."""
    found = []
    for cited in _cited(text, anchors, markup):
        plan = plans.get(cited.url)
        if plan is None:
            continue
        locator = _locator(text, cited, plan, markup)
        if locator.ops:
            found.append(locator)
    return found


def cited_urls(text: str, anchors: Sequence[Anchor] = (), *, markup: bool = False) -> set[str]:
    """Every URL ``text`` cites, as ``locate`` finds them."""
    return {cited.url for cited in _cited(text, anchors, markup)}


def apply_ops(text: str, ops: Sequence[Op], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with ``ops`` (sorted, inside it) applied."""
    pieces, cursor = [], start
    for op in ops:
        pieces += [text[cursor : op.start], op.text]
        cursor = op.end
    pieces.append(text[cursor : len(text) if end is None else end])
    return "".join(pieces)


def _cited(text: str, anchors: Sequence[Anchor], markup: bool) -> list[_Cited]:
    """Hyperlinks, then URLs written out in the text (outside any hyperlink), in order."""
    # A link's target as the parse saw it: with any credentials masked.
    found = [_Cited(redact_userinfo(a.target), a.start, a.end, a) for a in anchors]
    for span in find_urls(text):
        if markup or not any(a.start < span.end and span.start < a.end for a in anchors):
            found.append(_Cited(span.url, span.start, span.end, None))
    return sorted(found, key=lambda cited: cited.start)


def _locator(text: str, cited: _Cited, plan: Plan, markup: bool) -> Locator:
    ops: list[Op] = []
    if plan.new_url:
        ops.append(_new_url(text, cited, plan.new_url, markup))
    end = cited.end
    if not markup and text[cited.start - 1 : cited.start] == "<" and text[end : end + 1] == ">":
        end += 1  # a hyperlink printed in angle brackets: the bracket ends the locator
    visited = LAST_VISITED.match(text, _skip_spaces(text, end))
    if visited is not None:
        if plan.visited and plan.visited != visited.group(1):
            piece = Piece(plan.visited, visited.start(1))
            ops.append(Op(visited.start(1), visited.end(1), (piece,)))
        end = visited.end()
    if plan.archived is not None:
        clause = _clause(text, cited, plan.archived, end, markup)
        if not text.startswith("".join(p.text for p in clause), end):
            ops.append(Op(end, end, clause))
    return Locator(cited.url, plan.action, cited.start, end, tuple(ops))


def _new_url(text: str, cited: _Cited, new_url: str, markup: bool) -> Op:
    """The op writing ``new_url`` where the old one was, in the form it was written."""
    written = text[cited.start : cited.end]
    anchor = cited.anchor
    if anchor is None:
        return Op(cited.start, cited.end, (Piece(rewrite_url(written, new_url), cited.start),))
    shown = new_url if _shows_url(written, cited.url) else written
    return Op(anchor.start, anchor.end, (Piece(shown, anchor.start, new_url),), anchor)


def _shows_url(shown: str, url: str) -> bool:
    """The hyperlink's visible text is its URL, perhaps shortened ("example.org/…/report"),
    not words like "here" or a title."""
    shown = shown.strip()
    if shown == url or shown.lower().startswith(("http://", "https://", "www.")):
        return True
    return " " not in shown and bool(_HOST_PATH.match(shown))


def _clause(
    text: str, cited: _Cited, archived: Archived, end: int, markup: bool
) -> tuple[Piece, ...]:
    """``, archived at <url> (archived Oct. 5, 2018)`` in the document's own form: text where
    URLs are text, a hyperlink where the cited URL is one."""
    like = max(end - 1, cited.start)
    if markup or cited.anchor is None:
        written = archived_clause(archived.url, archived.day, archived.archive)
        if not markup and text[cited.start : cited.start + 1] != "<":
            written = written.replace(bracket_url(archived.url), archived.url)
        return (Piece(", " + written, like),)
    before, after = archived_words(archived.day, archived.archive)
    open_, close = ("<", ">") if text[cited.start - 1 : cited.start] == "<" else ("", "")
    return (
        Piece(", " + before + open_, like),
        Piece(archived.url, cited.anchor.start, archived.url),
        Piece(close + after, like),
    )


def rewrite_url(written: str, new_url: str) -> str:
    """``new_url`` in the form the old one was written: Markdown link, angle-bracketed, bare."""
    if written.startswith("["):
        label = new_url.replace("(", r"\(").replace(")", r"\)")
        target = new_url if _balanced(new_url) else label
        return f"[{label}]({target})"
    if written.startswith("<"):
        return f"<{new_url}>"
    # A bare URL ending in punctuation would lose it to the sentence: bracket it instead.
    return new_url if new_url[-1].isalnum() or new_url[-1] == "/" else f"<{new_url}>"


def _balanced(url: str) -> bool:
    """At most one level of balanced parentheses: what a Markdown link target may hold bare."""
    depth = 0
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth not in (0, 1):
            return False
    return depth == 0


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos
