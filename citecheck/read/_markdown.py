"""Markdown footnotes, read by a real Markdown parser (markdown-it-py and its footnote plugin).

Pandoc and MultiMarkdown write a note as a definition ``[^label]: text`` (its later paragraphs
indented) referred to by ``[^label]``, or inline as ``^[text]``. Notes are numbered as pandoc
prints them, in order of first reference; when every label is a number and no note is inline,
the labels are the numbers (an editor writing ``[^12]`` means note 12). Definitions nothing
refers to are kept too (numbered after the rest), so the parser can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from citecheck.model import DocumentNote, Hyperlink, LinkOrigin, Location
from citecheck.read._parts import SOURCE_BOX, Parts, box, unique
from citecheck.read._render import Run, render

_UNRESOLVED_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_DEFINITIONS = "citecheck_definitions"


@dataclass
class _Definition:
    label: str
    line: int
    tokens: list[Token] = field(default_factory=list)


def parser() -> MarkdownIt:
    """CommonMark with footnotes, keeping every definition (the plugin drops unreferenced ones)."""
    md = MarkdownIt("commonmark").use(footnote_plugin)
    # Pandoc's fenced divs (``::: {custom-style="Source"}``) hold boxes and asides.
    md.use(container_plugin, name="div", validate=lambda params, *rest: True)
    # Keep link targets as the author wrote them (less Markdown escapes): the checker must
    # request what was cited, not markdown-it's percent-encoded form of it.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    md.core.ruler.before("footnote_tail", "citecheck_definitions", _keep_definitions)
    return md


def _as_written(url: str) -> str:
    return url


def _keep_definitions(state: StateCore) -> None:
    kept: list[_Definition] = []
    current: _Definition | None = None
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            current = _Definition(token.meta["label"], (token.map or [0])[0] + 1)
        elif token.type == "footnote_reference_close":
            if current is not None:
                kept.append(current)
            current = None
        elif current is not None:
            current.tokens.append(token)
    state.env[_DEFINITIONS] = kept


def read_markdown_footnotes(text: str) -> Parts | None:
    """The ``[^n]`` and ``^[…]`` notes of ``text``, or None when it has neither."""
    env: dict[str, Any] = {}
    tokens = parser().parse(text, env)
    definitions: list[_Definition] = env.get(_DEFINITIONS, [])
    listed = env.get("footnotes", {}).get("list", {})
    inline = {ident: entry for ident, entry in listed.items() if "tokens" in entry}
    if not definitions and not inline:
        return None
    numbering = _Numbering.of(definitions, env, bool(inline))
    body = _Body.walk(tokens, numbering)
    notes = [_definition_note(d, numbering, body) for d in definitions]
    notes += [_inline_note(ident, entry["tokens"], body) for ident, entry in sorted(inline.items())]
    notes.sort(key=lambda note: note.number)
    return Parts(tuple(notes), tuple(body.boxes), tuple(body.markers), unique(body.links))


@dataclass(frozen=True)
class _Numbering:
    """Note numbers by label, and for inline notes by the plugin's id."""

    by_label: dict[str, int]
    numeric: bool

    @classmethod
    def of(cls, definitions: list[_Definition], env: dict[str, Any], inline: bool) -> _Numbering:
        labels = [d.label for d in definitions]
        if not inline and labels and all(label.isdigit() for label in labels):
            return cls({label: int(label) for label in labels}, True)
        refs: dict[str, int] = env.get("footnotes", {}).get("refs", {})
        referenced = {key[1:]: ident + 1 for key, ident in refs.items() if ident >= 0}
        last = max(
            [*referenced.values(), *(i + 1 for i in env.get("footnotes", {}).get("list", {}))],
            default=0,
        )
        for label in labels:
            if label not in referenced:
                last += 1
                referenced[label] = last
        return cls(referenced, False)

    def of_reference(self, token: Token) -> int:
        label = token.meta.get("label")
        if label is not None and label in self.by_label:
            return self.by_label[label]
        return int(token.meta["id"]) + 1

    def of_unresolved(self, label: str) -> int | None:
        """A ``[^4]`` the parser left as text (no definition): a marker without a note."""
        return int(label) if self.numeric and label.isdigit() else None


@dataclass
class _Body:
    """What the body holds: markers, "Source:" boxes, links, and each note's first section."""

    markers: list[int] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    links: list[Hyperlink] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)

    @classmethod
    def walk(cls, tokens: Sequence[Token], numbering: _Numbering) -> _Body:
        body = cls()
        section: str | None = None
        for index, token in enumerate(_outside_notes(tokens)):
            if token.type != "inline":
                continue
            if index and tokens[0] is not token and _heading_content(tokens, token):
                section = token.content.strip()
                continue
            body._inline(token, numbering, section)
        return body

    def _inline(self, token: Token, numbering: _Numbering, section: str | None) -> None:
        text, links = render(runs(token.children or []))
        if SOURCE_BOX.match(text):
            line = (token.map or [0])[0] + 1
            self.boxes.append(box(len(self.boxes) + 1, text, links, Location(line=line)))
            return
        self.links += links
        for child in token.children or []:
            if child.type == "footnote_ref":
                number = numbering.of_reference(child)
                self.markers.append(number)
                if section is not None:
                    self.sections.setdefault(number, section)
            elif child.type == "text":
                for match in _UNRESOLVED_REFERENCE.finditer(child.content):
                    number_or_none = numbering.of_unresolved(match.group(1))
                    if number_or_none is not None:
                        self.markers.append(number_or_none)


def _outside_notes(tokens: Sequence[Token]) -> Iterator[Token]:
    inside = 0
    for token in tokens:
        if token.type in ("footnote_block_open", "footnote_reference_open"):
            inside += 1
        elif token.type in ("footnote_block_close", "footnote_reference_close"):
            inside -= 1
        elif not inside:
            yield token


def _heading_content(tokens: Sequence[Token], inline: Token) -> bool:
    position = tokens.index(inline)
    return position > 0 and tokens[position - 1].type == "heading_open"


def _definition_note(definition: _Definition, numbering: _Numbering, body: _Body) -> DocumentNote:
    number = numbering.by_label[definition.label]
    text, links = _blocks(definition.tokens)
    location = Location(line=definition.line, section=body.sections.get(number))
    return DocumentNote(number, text, links, location)


def _inline_note(ident: int, tokens: list[Token], body: _Body) -> DocumentNote:
    text, links = render(runs(tokens))
    return DocumentNote(ident + 1, text, links, Location(section=body.sections.get(ident + 1)))


def _blocks(tokens: list[Token]) -> tuple[str, tuple[Hyperlink, ...]]:
    """A multi-paragraph note as one line of text: its paragraphs joined by a space."""
    texts: list[str] = []
    links: list[Hyperlink] = []
    for token in tokens:
        if token.type == "inline":
            text, found = render(runs(token.children or []))
            texts.append(text)
            links += found
    return " ".join(text for text in texts if text), unique(links)


def runs(children: Sequence[Token]) -> list[Run]:
    """Inline tokens as styled runs: emphasis, links (autolinks are written-out URLs)."""
    out: list[Run] = []
    italic = 0
    target: str | None = None
    origin = LinkOrigin.HREF
    for child in children:
        kind = child.type
        if kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            origin = LinkOrigin.TEXT if child.markup == "autolink" else LinkOrigin.HREF
        elif kind == "link_close":
            target = None
        elif kind in ("softbreak", "hardbreak"):
            out.append(Run(" ", bool(italic), target, origin))
        elif kind in ("text", "html_inline"):
            out.append(Run(child.content, bool(italic), target, origin))
        elif kind == "code_inline":
            out.append(Run(f"`{child.content}`", bool(italic), target, origin))
        elif kind == "image":
            out.append(Run(child.content, bool(italic), target, origin))
    return out


def to_html(text: str) -> bytes:
    """The document rendered as HTML (raw HTML kept): for notes written as HTML in Markdown.

    Indented code blocks are off: HTML indented by a tab (a notes list nested in a page's
    markup) is markup here, as site generators read it, not code to show.
    """
    html: str = parser().disable("code").render(text)
    return html.encode("utf-8")
