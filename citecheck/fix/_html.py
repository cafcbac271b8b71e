"""The next edition of an HTML document: the fixes spliced into its own markup.

The page is tokenized with the standard library's HTML parser, keeping every token's place in
the source; what a reader sees (text, entities resolved, whitespace collapsed; links as
anchors) is what ``locate`` reads. Each op then becomes a splice of the source: a link's
``href`` value, the characters of a date, a new ``<a href>`` after a locator. Every other byte
of the page — its markup, entities, whitespace, scripts — stays as it was.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from citecheck.fix._locate import Anchor, Op, cited_urls, locate
from citecheck.fix._plan import Plan
from citecheck.fix._text import Edit

_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
_BLOCKS = frozenset(
    ["p", "div", "li", "ol", "ul", "section", "aside", "article", "blockquote", "h1", "h2",
     "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dl", "dt", "dd", "pre", "figure",
     "figcaption", "header", "footer", "main", "nav", "body", "br", "hr"]
)  # fmt: skip
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class _Link:
    """An ``<a href>``: its visible characters, target, and where its href value and end tag
    are in the source."""

    anchor: Anchor
    href: tuple[int, int]  # the value, quotes included
    closed_at: int  # just after ``</a>``


class _Page(HTMLParser):
    """The visible text of a page, each character's place in the source, and its links."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.text: list[str] = []
        self.places: list[tuple[int, int] | None] = []  # None: a block break
        self.links: list[_Link] = []
        self._lines = [0, *(m.end() for m in re.finditer("\n", source))]
        self._hidden = 0
        self._open: tuple[int, str, tuple[int, int]] | None = None
        self.feed(source)
        self.close()

    @property
    def visible(self) -> str:
        return "".join(self.text)

    def _at(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._at()
        raw = self.get_starttag_text() or ""
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._break()
        if tag == "a" and self._open is None:
            href = _HREF.search(raw)
            if href is not None:
                group = next(g for g in (1, 2, 3) if href.group(g) is not None)
                quoted = 1 if group < 3 else 0  # the span takes the quotes in
                span = (at + href.start(group) - quoted, at + href.end(group) + quoted)
                self._open = (len(self.text), html.unescape(href.group(group)).strip(), span)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        at = self._at()
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._break()
        if tag == "a" and self._open is not None:
            start, target, span = self._open
            end = self.source.index(">", at) + 1
            self.links.append(_Link(Anchor(start, len(self.text), target), span, end))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        at = self._at()
        for offset, char in enumerate(data):
            self._char(char, (at + offset, at + offset + 1))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def _reference(self, written: str) -> None:
        if self._hidden:
            return
        at = self._at()
        end = at + len(written) + (self.source.startswith(";", at + len(written)))
        for char in html.unescape(self.source[at:end]):
            self._char(char, (at, end))

    def _char(self, char: str, place: tuple[int, int]) -> None:
        if char.isspace():
            if self.text and self.text[-1] == " ":
                last = self.places[-1]
                if last is not None:  # the collapsed space stands for the whole stretch
                    self.places[-1] = (last[0], place[1])
                return
            char = " "
        self.text.append(char)
        self.places.append(place)

    def _break(self) -> None:
        if self.text and self.text[-1] != "\n":
            self.text.append("\n")
            self.places.append(None)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._lines, offset)


def html_edition(source: str, plans: dict[str, Plan]) -> tuple[str, list[Edit], set[str]]:
    """``source`` with the fixes spliced in; the edits (by source line) and every URL cited."""
    page = _Page(source)
    text = page.visible
    anchors = [link.anchor for link in page.links]
    locators = locate(text, plans, anchors)
    splices: list[tuple[int, int, str]] = []
    edits = []
    for locator in locators:
        for op in locator.ops:
            splices += _splices(page, op)
        first = page.places[locator.start] or (0, 0)
        edits.append(
            Edit(page.line(first[0]), locator.url, locator.action,
                 text[locator.start : locator.end], locator.rewrite(text))
        )  # fmt: skip
    cited = cited_urls(text, anchors)
    return _spliced(source, splices), edits, cited


def _splices(page: _Page, op: Op) -> list[tuple[int, int, str]]:
    if op.anchor is not None:
        link = next(link for link in page.links if link.anchor == op.anchor)
        (piece,) = op.pieces
        new = [(link.href[0], link.href[1], f'"{html.escape(piece.target or "")}"')]
        if piece.text != page.visible[op.start : op.end]:
            new += _replace(page, op.start, op.end, html.escape(piece.text, quote=False))
        return new
    markup = "".join(_markup(p.text, p.target) for p in op.pieces)
    if op.start == op.end:
        return [(_after(page, op.start), _after(page, op.start), markup)]
    return _replace(page, op.start, op.end, markup)


def _markup(text: str, target: str | None) -> str:
    shown = html.escape(text, quote=False)
    return f'<a href="{html.escape(target)}">{shown}</a>' if target else shown


def _replace(page: _Page, start: int, end: int, markup: str) -> list[tuple[int, int, str]]:
    """Replace the visible ``[start, end)``: the new markup where its first character was,
    the source of each further stretch of text emptied (tags between them stay)."""
    places = [p for p in page.places[start:end] if p is not None]
    stretches: list[list[int]] = []
    for begin, finish in places:
        if stretches and begin <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], finish)
        else:
            stretches.append([begin, finish])
    return [(b, e, markup if i == 0 else "") for i, (b, e) in enumerate(stretches)]


def _after(page: _Page, index: int) -> int:
    """Where text inserted at visible ``index`` goes in the source: after the character
    before it, and after ``</a>`` when that character ends a link."""
    for link in page.links:
        if link.anchor.end == index and link.anchor.start < index:
            return link.closed_at
    place = next(p for p in reversed(page.places[:index]) if p is not None)
    return place[1]


def _spliced(source: str, splices: Sequence[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, new in sorted(splices):
        out += [source[cursor:start], new]
        cursor = end
    out.append(source[cursor:])
    return "".join(out)
