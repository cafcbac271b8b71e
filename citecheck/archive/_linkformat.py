"""Web links as Memento speaks them: ``Link`` headers (RFC 8288) and TimeMaps (RFC 6690).

Both are comma-separated ``<uri>; param=value; param="quoted"`` lists. Splitting on commas or
``, <`` (as httpx's private helper and the unmaintained PyPI parsers do) breaks on quoted
values that hold them — every Memento ``datetime="Tue, 20 Jun 2000 18:02:59 GMT"`` does — so
this is a small tokenizer of the RFC 8288 §3 grammar instead:

    link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
    link-param = token BWS [ "=" BWS ( token / quoted-string ) ]

Parameter names are case-insensitive; only the first occurrence of a name counts (§3.3 for
``rel``); ``rel`` holds space-separated relation types (``first memento``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

_WS = " \t\r\n"
_TOKEN_END = _WS + ";,="


class LinkFormatError(ValueError):
    """The text is not a list of web links; the message says where and what was found."""


@dataclass(frozen=True)
class WebLink:
    """One ``<uri>; params`` entry; ``uri`` as written (resolve it against the answer's URL)."""

    uri: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str | None:
        return next((value for key, value in self.params if key == name), None)

    @property
    def rels(self) -> tuple[str, ...]:
        return tuple((self.param("rel") or "").lower().split())


def parse_links(text: str, *, partial: bool = False) -> list[WebLink]:
    """Every link in ``text``; with ``partial`` a last entry cut short (a capped read) is dropped.

    Raises ``LinkFormatError`` naming the position and the text found there.
    """
    parser = _Parser(text)
    links: list[WebLink] = []
    while parser.skip(_WS + ","):
        start = parser.at
        try:
            links.append(parser.link())
        except LinkFormatError:
            if partial and parser.at >= len(text):
                break  # the answer was cut inside its last entry
            raise
        if parser.skip(_WS) and parser.peek() != ",":
            parser.fail(f"expected ',' after the link at {start}")
    return links


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def skip(self, chars: str) -> bool:
        """Skip ``chars``; True while text remains."""
        while self.at < len(self.text) and self.text[self.at] in chars:
            self.at += 1
        return self.at < len(self.text)

    def fail(self, what: str) -> NoReturn:
        found = self.text[self.at : self.at + 40]
        raise LinkFormatError(f"not link-format at character {self.at}: {what}, found {found!r}")

    def link(self) -> WebLink:
        if self.peek() != "<":
            self.fail("expected '<'")
        end = self.text.find(">", self.at)
        if end < 0:
            self.at = len(self.text)
            self.fail("unclosed '<'")
        uri = self.text[self.at + 1 : end].strip()
        self.at = end + 1
        params: list[tuple[str, str]] = []
        while self.skip(_WS) and self.peek() == ";":
            self.at += 1
            self.skip(_WS)
            name, value = self.param()
            if name and all(name != known for known, _ in params):
                params.append((name, value))
        return WebLink(uri, tuple(params))

    def param(self) -> tuple[str, str]:
        name = self.token().lower()
        self.skip(_WS)
        if self.peek() != "=":
            return name, ""
        self.at += 1
        self.skip(_WS)
        return name, self.quoted() if self.peek() == '"' else self.token()

    def token(self) -> str:
        start = self.at
        while self.at < len(self.text) and self.text[self.at] not in _TOKEN_END:
            self.at += 1
        return self.text[start : self.at]

    def quoted(self) -> str:
        out: list[str] = []
        self.at += 1  # the opening quote
        while self.at < len(self.text):
            char = self.text[self.at]
            self.at += 1
            if char == '"':
                return "".join(out)
            if char == "\\" and self.at < len(self.text):
                char = self.text[self.at]
                self.at += 1
            out.append(char)
        self.fail("unclosed quoted string")
