"""Finding URLs in citation text, and spotting the ones that look damaged.

The bundled document writes URLs three ways: ``<https://…>``, bare ``https://…``, and Markdown links
``[text](target)`` whose targets escape parentheses (``ENG\\(1\\).pdf``). ``[Heading](#)`` is a
section heading the PDF converter produced, never a citation. Percent-escapes, query strings and
fragments are kept exactly as written: the checker must request what the authors cited.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import dataclass

from citecheck.net import redact_userinfo

# A Markdown link target may hold escaped parentheses or one level of balanced ones.
_MD_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\(((?:\\.|[^()\s\\]|\([^()\s]*\))+)\)")
# Angle brackets delimit unambiguously, so whitespace inside is kept (and reported).
_ANGLE = re.compile(r"<(https?://[^<>]*)>", re.IGNORECASE)
_BARE = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")
# Sentence punctuation (and closing emphasis or quotes) glued to a bare URL is not part of it.
_TRAILING = ".,;:!?*'\"’”"
_CONTROL = re.compile(r"%(?:[01][0-9a-f]|7f)", re.IGNORECASE)
_PROXY_LABEL = re.compile(r"^(?:ez)?proxy|ezproxy")


@dataclass(frozen=True)
class UrlSpan:
    """A URL and the characters ``[start, end)`` of the text it was written in."""

    url: str
    start: int
    end: int


def find_urls(text: str) -> list[UrlSpan]:
    """Every URL in ``text`` in order; Markdown links first, then angle-bracketed, then bare."""
    spans: list[UrlSpan] = []
    for match in _MD_LINK.finditer(text):
        target = _MD_ESCAPE.sub(r"\1", match.group(1))
        if target.lower().startswith(("http://", "https://")):
            spans.append(UrlSpan(target, match.start(), match.end()))
    for match in _ANGLE.finditer(text):
        if not _overlaps(spans, match.start(), match.end()):
            spans.append(UrlSpan(match.group(1), match.start(), match.end()))
    for match in _BARE.finditer(text):
        if not _overlaps(spans, match.start(), match.end()):
            url = _trim_bare(match.group(0))
            spans.append(UrlSpan(url, match.start(), match.start() + len(url)))
    # Masked here too, for readers of a document's own text (fix, report places) that match
    # its URLs with the parse's.
    masked = [UrlSpan(redact_userinfo(s.url), s.start, s.end) for s in spans]
    return sorted(masked, key=lambda span: span.start)


def _overlaps(spans: list[UrlSpan], start: int, end: int) -> bool:
    return any(span.start < end and start < span.end for span in spans)


def _trim_bare(url: str) -> str:
    """Drop trailing punctuation and a closing parenthesis the URL did not open."""
    while url and (url[-1] in _TRAILING or _unopened(url, "(", ")") or _unopened(url, "[", "]")):
        url = url[:-1]
    return url


def _unopened(url: str, opening: str, closing: str) -> bool:
    return url.endswith(closing) and url.count(closing) > url.count(opening)


def mask_urls(text: str, spans: list[UrlSpan]) -> str:
    """``text`` with every URL span blanked out, so structure scans ignore its punctuation."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = "U" * (span.end - span.start)
    return "".join(chars)


@functools.lru_cache(maxsize=4096)  # asked of each URL by several passes (~15 µs each)
def host(url: str) -> str | None:
    """The lower-cased host of ``url`` without ``www.``; None when the URL cannot be parsed
    (a stray bracket or a non-numeric port, as damaged text produces)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 -- evaluated only to reject a non-numeric port
    except ValueError:
        return None
    return (parts.hostname or "").lower().removeprefix("www.")


@functools.lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """A normalized form under which slightly different spellings of one URL coincide.

    Scheme, ``www.``, host case, path case, a trailing slash and the fragment are ignored; the
    query is kept (it usually selects the document). An unparseable URL is its own key.
    """
    name = host(url)
    if name is None:
        return url.strip()
    parts = urllib.parse.urlsplit(url.strip())
    path = parts.path.rstrip("/").lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{name}{path}{query}"


def _userinfo(url: str) -> bool:
    try:
        return urllib.parse.urlsplit(url.strip()).username is not None
    except ValueError:
        return False


def url_problems(url: str) -> list[tuple[str, str]]:
    """(code, message) for each way ``url`` looks damaged or unusable outside one institution."""
    problems: list[tuple[str, str]] = []
    if _userinfo(url):
        problems.append(
            (
                "url-credentials",
                "URL carries a user name or password before its host: masked (****) in every "
                f"output, never sent, not even to the host: {url}",
            )
        )
    if re.search(r"\s", url):
        problems.append(("url-whitespace", f"URL contains whitespace: {url!r}"))
    control = _CONTROL.search(url)
    if control:
        problems.append(
            (
                "url-control-char",
                f"URL contains percent-encoded control character {control.group(0)}: {url}",
            )
        )
    name = host(url)
    if name is None:
        problems.append(("url-invalid", f"URL cannot be parsed (bad host or port): {url}"))
    elif any(_PROXY_LABEL.search(label) for label in name.split(".")) or name.endswith(
        ".idm.oclc.org"
    ):
        problems.append(
            (
                "url-proxy-host",
                f"URL goes through a library proxy ({name}), which only works "
                f"inside one institution: {url}",
            )
        )
    return problems
