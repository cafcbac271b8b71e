"""What a fetched page says about itself: title, heading, text, meta refresh, parking, bot walls.

Pages are untrusted and may be huge or broken: the parser is the forgiving stdlib one, fed at
most the capped body, and only the few facts the verdict needs are kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

_MAX_TEXT = 200_000
_REFRESH = re.compile(r"^\s*\d*(\.\d+)?\s*[;,]?\s*(url\s*=\s*)?['\"]?(?P<url>[^'\"]*)", re.I)
_NOT_FOUND_TITLE = re.compile(
    r"^\W*(404|410)\W*$|\b(404|410)\b\W{0,3}(-|:|\||error|not found|page|gone)|"
    r"\b(error|fehler|erreur)\W{0,3}(404|410)\b|\b(page|file|document|resource|content|article|site)s?\b.{0,30}"
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
_FOR_SALE_HINTS = ("sale", "buy this domain", "parked")
# Parking services: their scripts, frames and links show up in the HTML of parked domains.
_SERVICE_HINTS = ("sedo", "dan.com", "bodis", "parkingcrew", "above.com", "hugedomains",
                  "afternic", "undeveloped", "domainmarket", "parklogic")
_SERVICE_HTML = re.compile(
    r"(sedoparking\.com|sedo\.com|[/.]dan\.com|bodis\.com|parkingcrew\.net|above\.com|"
    r"hugedomains\.com|afternic\.com|undeveloped\.com|domainmarket\.com|parklogic\.com)",
    re.I,
)
_CHALLENGE = (
    ("Cloudflare challenge", re.compile(r"just a moment\.\.\.|cf-chl|challenge-platform|"
                                        r"attention required! \| cloudflare", re.I)),
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
    text: str
    refresh_url: str | None
    raw: str

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
        if len(self.text) < 5_000 and any(hint in raw for hint in _SERVICE_HINTS):
            match = _SERVICE_HTML.search(raw)
            if match:
                return match.group(1).removesuffix(".com").removesuffix(".net").strip("/.")
        for part in (self.title, self.heading, self.text[:3_000]):
            lowered = part.lower()
            if any(hint in lowered for hint in _FOR_SALE_HINTS) and _FOR_SALE.search(part):
                return "for sale"
        return None


def parse_page(body: bytes, charset: str | None) -> Page:
    text = body.decode(charset or "utf-8", errors="replace") if charset else _decode(body)
    parser = _Extractor()
    parser.feed(text)
    parser.close()
    return Page(
        title=" ".join(parser.title).strip(),
        heading=" ".join(parser.heading).strip(),
        text=" ".join(" ".join(parser.text).split())[:_MAX_TEXT],
        refresh_url=parser.refresh,
        raw=text[:_MAX_TEXT],
    )


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


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.heading: list[str] = []
        self.text: list[str] = []
        self.refresh: str | None = None
        self._stack: list[str] = []
        self._size = 0
        self._h1_seen = 0  # only the first <h1> is the page's main heading

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "h1", "script", "style", "noscript", "template"):
            self._stack.append(tag)
        self._h1_seen += tag == "h1"
        if tag == "meta" and self.refresh is None:
            self._meta(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        where = self._stack[-1] if self._stack else ""
        if where in ("script", "style", "noscript", "template") or self._size > _MAX_TEXT:
            return
        if where == "title":
            self.title.append(data)
        elif where == "h1" and self._h1_seen == 1:
            self.heading.append(data)
        self.text.append(data)
        self._size += len(data)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        if (attrs.get("http-equiv") or "").lower() != "refresh":
            return
        match = _REFRESH.match(attrs.get("content") or "")
        url = match.group("url").strip() if match else ""
        self.refresh = url or None
