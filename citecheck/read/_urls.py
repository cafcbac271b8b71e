"""URLs written out in text, and where a line break may have cut one.

The read stage needs its own reading of written URLs for two jobs the parser never sees:
gluing a URL back together across a line or page break, and listing the body's URLs for
``--body-links``. Angle brackets delimit a URL exactly; a bare one ends at whitespace, less
the sentence punctuation and unopened brackets glued to it.
"""

from __future__ import annotations

import re

from citecheck.model import Hyperlink, LinkOrigin

_ANGLE = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>", re.IGNORECASE)
_BARE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?*'\"’”"
# A link's visible text that is itself a URL, perhaps shortened ("example.org/…/report.pdf").
_URL_LIKE = re.compile(
    r"^(?:(?:https?|ftp)://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+\.?(?::\d+)?(?:[/…]\S*)?$",
    re.IGNORECASE,
)
_WEB = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
# The end of a line that is certainly inside a URL: the URL ends in a connector. A slash or a
# dot may end a whole URL ("…/open-source/"), so after those the next word must look like one.
_CUT_TAIL = re.compile(r"(?:https?://|www\.)\S*[-_%=&?#~+]$", re.IGNORECASE)
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
# The start of a line that goes on with a URL: no space before a path-ish character.
_URL_REST = re.compile(
    r"^[\w\-.~%/?#=&+:;@!$'()*,\[\]]*[/_.=&?%#~\d][\w\-.~%/?#=&+:;@!$'()*,\[\]]*"
)


def written_urls(text: str) -> list[str]:
    """Each URL written out in ``text``, in order (angle-bracketed or bare)."""
    found: list[tuple[int, str]] = [(m.start(), m.group(1)) for m in _ANGLE.finditer(text)]
    taken = [(m.start(), m.end()) for m in _ANGLE.finditer(text)]
    for match in _BARE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        url = trim(match.group(0))
        if url.lower().startswith("www."):
            url = "http://" + url
        found.append((match.start(), url))
    return [url for _, url in sorted(found)]


def trim(url: str) -> str:
    """Drop sentence punctuation and a closing bracket the URL did not open."""
    while url and (url[-1] in _TRAILING or _unopened(url, "(", ")") or _unopened(url, "[", "]")):
        url = url[:-1]
    return url


def _unopened(url: str, opening: str, closing: str) -> bool:
    return url.endswith(closing) and url.count(closing) > url.count(opening)


def looks_like_url(text: str) -> bool:
    """Whether a link's visible text is a URL (perhaps shortened) rather than words."""
    return _URL_LIKE.match(text.strip()) is not None


def is_web(target: str) -> bool:
    """Whether a link target is a web address worth checking (not ``#note``, ``mailto:``)."""
    return _WEB.match(target.strip()) is not None


def ends_in_url(line: str) -> bool:
    return _URL_TAIL.search(line) is not None


def continues_url(line: str, following: str) -> bool:
    """Whether ``following`` (the next line) goes on with the URL that ends ``line``.

    Certain when the URL ends in a connector ("…/Human-", "…?id="); otherwise only when the
    next line's first word is itself URL-like (has a slash, dot, underscore, digit, …) — a
    plain word ("visited", "Accessed") after a complete URL starts the next sentence.
    """
    if not ends_in_url(line) or not following or following[0].isspace():
        return False
    if following.startswith(("http://", "https://", "(", "<")):
        return False
    if _CUT_TAIL.search(line):
        return True
    rest = _URL_REST.match(following)
    return rest is not None and not following[: rest.end()].rstrip(".,;:)").isalpha()


_MD_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\(((?:\\.|[^()\s\\]|\([^()\s]*\))+)\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")


def text_links(text: str) -> tuple[Hyperlink, ...]:
    """The links of light-Markdown text: ``[words](target)`` links, then written-out URLs."""
    links: list[Hyperlink] = []
    for match in _MD_LINK.finditer(text):
        target = _MD_ESCAPE.sub(r"\1", match.group(1))
        if is_web(target):
            links.append(Hyperlink(target, match.group(0), LinkOrigin.HREF))
    written = written_urls(_MD_LINK.sub(" ", text))
    links += [Hyperlink(url, url, LinkOrigin.TEXT) for url in written]
    return tuple(sorted(links, key=lambda link: _position(text, link)))


def _position(text: str, link: Hyperlink) -> int:
    at = text.find(link.target)
    return at if at >= 0 else text.find(link.text)
