"""What a fetched page says about itself: title, heading, text, meta refresh, parking, bot walls.

Pages are untrusted and may be huge or broken: only the capped body is looked at, with
forgiving regular expressions, and only the few facts the verdict needs are kept.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

_MAX_TEXT = 200_000
_MAX_MARKUP = 1_000_000
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_REFRESH = re.compile(r"^\s*\d*(\.\d+)?\s*[;,]?\s*(url\s*=\s*)?['\"]?(?P<url>[^'\"]*)", re.I)
_NOT_FOUND_TITLE = re.compile(
    r"^\W*(404|410)\b|\b(404|410)\W{0,3}(error|not found|page|gone)|"
    r"\b(error|fehler|erreur)\W{0,3}(404|410)\b|"
    r"\b(page|file|document|resource|content|article|site)s?\b.{0,30}"
    r"\b(not|no longer|cannot|can't|could not|couldn't)\b.{0,12}\b(found|exists?|available|"
    r"be found|located)\b|^\s*not found\s*$|\bseite nicht gefunden\b|\bpage introuvable\b|"
    r"\bp[aá]gina no encontrada\b",
    re.I,
)
_FOR_SALE = re.compile(
    r"\b(this domain|the domain|domain name)\b.{0,40}\b(is|may be|might be)\b.{0,10}\bfor sale\b|"
    r"\bbuy this domain\b|\bdomain is parked\b|\bparked (free|domain)\b",
    re.I,
)
# Every "for sale" notice has one of these words; the text only joins words and expands
# entities, so a page whose markup has none of them (and no entity) has none in its text.
_SALE_WORDS = ("sale", "buy", "parked")
# Parking services: their scripts, frames and links show up in the HTML of parked domains.
_SERVICE_HINTS = (
    "sedo",
    "dan.com",
    "bodis",
    "parkingcrew",
    "above.com",
    "hugedomains",
    "afternic",
    "undeveloped",
    "domainmarket",
    "parklogic",
)
_SERVICE_HTML = re.compile(
    r"(sedoparking\.com|sedo\.com|[/.]dan\.com|bodis\.com|parkingcrew\.net|above\.com|"
    r"hugedomains\.com|afternic\.com|undeveloped\.com|domainmarket\.com|parklogic\.com)",
    re.I,
)
_CHALLENGE = (
    (
        "Cloudflare challenge",
        re.compile(
            r"just a moment\.\.\.|cf-chl|challenge-platform|"
            r"attention required! \| cloudflare",
            re.I,
        ),
    ),
    ("captcha", re.compile(r"captcha|are you a robot|verify you are (a )?human", re.I)),
    ("Akamai", re.compile(r"access denied.{0,200}reference #", re.I | re.S)),
    ("Imperva/Incapsula", re.compile(r"incapsula incident|_incapsula_resource", re.I)),
    ("DDoS-Guard", re.compile(r"ddos-guard", re.I)),
    ("DataDome", re.compile(r"datadome", re.I)),
    ("PerimeterX", re.compile(r"perimeterx|px-captcha", re.I)),
)


@dataclass(frozen=True)
class Page:
    """The facts of one HTML page that the verdict needs."""

    title: str
    heading: str
    visible: str  # the markup without scripts, styles and comments
    refresh_url: str | None
    raw: str

    @functools.cached_property
    def text(self) -> str:
        """The visible text, whitespace collapsed (computed on demand: most pages never need
        it, and it is a good part of the CPU spent per page)."""
        return _plain(self.visible)[:_MAX_TEXT]

    @functools.cached_property
    def not_found_heading(self) -> str | None:
        """The title or main heading when it announces a not-found page."""
        for line in (self.title, self.heading):
            if line and len(line) < 150 and _NOT_FOUND_TITLE.search(line):
                return line.strip()
        return None

    @functools.cached_property
    def parking_service(self) -> str | None:
        """The parking service (or "for sale" notice) if this is a parked or for-sale domain."""
        # Cheap substring tests first: the regular expressions run on few pages.
        raw = self.raw.lower()
        if any(hint in raw for hint in _SERVICE_HINTS) and len(self.text) < 5_000:
            match = _SERVICE_HTML.search(raw)
            if match:
                return match.group(1).removesuffix(".com").removesuffix(".net").strip("/.")
        parts = [self.title, self.heading]
        if "&" in self.visible or _sale_word(self.visible):
            parts.append(self.text[:3_000])  # else no hint can be in the text: skip making it
        for part in parts:
            if _sale_word(part) and _FOR_SALE.search(part):
                return "for sale"
        return None


def _sale_word(text: str) -> bool:
    # Substring tests, not a regular expression: an alternation is tried at every position.
    lowered = text.lower()
    return any(word in lowered for word in _SALE_WORDS)


def parse_page(body: bytes, charset: str | None) -> Page:
    markup = _decode(body, charset)[:_MAX_MARKUP]
    # Regular expressions, not a tree: only a few facts are needed, for thousands of pages.
    visible = _HIDDEN.sub(" ", markup)
    return Page(
        title=_inner(_TITLE, visible),
        heading=_inner(_H1, visible),
        visible=visible,
        refresh_url=_refresh_url(markup),
        raw=markup[:_MAX_TEXT],
    )


def _inner(pattern: re.Pattern[str], markup: str) -> str:
    match = pattern.search(markup)
    return _plain(match.group(1)) if match else ""


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _refresh_url(markup: str) -> str | None:
    for tag in _META.findall(markup):
        attrs = {m[0].lower(): html.unescape(m[1] or m[2] or m[3]) for m in _ATTR.findall(tag)}
        if attrs.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.match(attrs.get("content", ""))
            url = match.group("url").strip() if match else ""
            return url or None
    return None


def bot_wall(headers: dict[str, str], body: bytes) -> str | None:
    """The kind of bot wall (anti-automation challenge) an answer shows, if any."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare challenge"
    snippet = body[:100_000].decode("utf-8", errors="replace")
    for name, pattern in _CHALLENGE:
        if pattern.search(snippet):
            return name
    if "cloudflare" in headers.get("server", "").lower() and "cf-ray" in headers:
        return "Cloudflare"
    return None


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:  # a charset name Python does not know: fall back to guessing
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")
