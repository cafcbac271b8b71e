"""A simulated web for the bundled report: its own host names, a realistic mix of outcomes.

Every distinct URL the report cites is served by SimWeb under its real host name (HTTPS where
the report says https) and, unless a scenario says otherwise, archived in the local Wayback
server on its "last visited" day with the same article text, so it comes out alive and
unchanged. ``SCENARIOS`` picks real URLs of the report for everything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import trustme

from citecheck.model import Link
from citecheck.parse import links, parse_document
from citecheck.read import read_document
from tests.support.simweb import Reply, SimWeb, html, redirect
from tests.support.wayback import WaybackServer

DOCUMENT = (
    Path(__file__).parents[2]
    / "references"
    / "technology-facilitated-child-sex-trafficking-2018.md"
)
NOW = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC)
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

GONE_404 = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
MOVED = "https://www.iom.int/news/family-members-linked-nearly-half-child-trafficking-new-iom-polaris-data"
MOVED_TO = "https://www.iom.int/news/2017/family-members-child-trafficking-iom-polaris"
SOFT_404 = "https://tifwe.org/the-economics-of-human-trafficking/"
PARKED_HOST = "humantraffickingsearch.org"
BLOCKED = (
    "https://www.reuters.com/article/us-europe-slavery-interview/"
    "technology-a-double-edged-sword-for-human-traffickers-europolhead-idUSKBN1HX2MB"
)
CHANGED = (
    "https://searchcio.techtarget.com/definition/"
    "ICT-information-and-communications-technology-or-technologies"
)
NO_ARCHIVE = (
    "https://www.americanbar.org/publications/judges_journal/2013/winter/"
    "human_trafficking_and_internet_and_other_technologies_too.html"
)
NO_HOST = "https://www.bjs.gov/content/pub/pdf/aus9010.pdf"


def report_links() -> tuple[Link, ...]:
    return links(parse_document(read_document(DOCUMENT)))


def article(url: str, *, era: str, extra: str = "") -> str:
    """Several paragraphs of prose unique to ``url`` (and to ``era`` when it is rewritten)."""
    seed = hashlib.sha256(f"{url} {era}".encode()).hexdigest()
    words = [seed[i : i + 6] for i in range(0, 60, 6)]
    paragraphs = [
        f"<p>Paragraph {n} on {urlsplit(url).path or '/'} discusses {' '.join(words[n:])} "
        f"and the trafficking of children online, as reported in {era}.</p>"
        for n in range(6)
    ]
    return f"<article><h1>Article {seed[:8]}</h1>{''.join(paragraphs)}{extra}</article>"


def page(url: str, *, era: str = "2018", extra: str = "") -> Reply:
    body = f"<nav>Home | About</nav>{article(url, era=era, extra=extra)}<footer>© 2018</footer>"
    return html(body, title=f"Page for {urlsplit(url).path}")


PARKED = html(
    '<p>This domain is for sale! Buy this domain.</p><script src="https://sedoparking.com/x.js">'
    "</script>",
    title="humantraffickingsearch.org",
)
CHALLENGE = Reply(
    403,
    (("Content-Type", "text/html"), ("cf-mitigated", "challenge")),
    b"<html><title>Just a moment...</title><body>Checking your browser</body></html>",
)


@dataclass
class World:
    web: SimWeb
    archive: WaybackServer
    ca_pem: Path
    links: tuple[Link, ...]


def _serve(web: SimWeb, link: Link) -> None:
    parts = urlsplit(link.url)
    host = parts.hostname or ""
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if host == PARKED_HOST:
        web.fallback(host, PARKED)
    elif link.url == GONE_404:
        web.route(host, target, Reply(404, (("Content-Type", "text/html"),), b"Not Found"))
    elif link.url == MOVED:
        web.route(host, target, redirect(MOVED_TO, 301))
        web.route(host, urlsplit(MOVED_TO).path, page(link.url))
    elif link.url == SOFT_404:
        web.route(
            host, target, html("<p>Sorry, we could not find that.</p>", title="Page not found")
        )
    elif link.url == BLOCKED:
        web.route(host, target, CHALLENGE)
    elif link.url == CHANGED:
        web.route(host, target, page(link.url, era="2026", extra=f"<p>{_escaped(HOSTILE)}</p>"))
    elif link.url != NO_HOST:
        web.route(host, target, page(link.url))


def _escaped(text: str) -> str:
    # The page *shows* the markup as text (as a page about XSS would): it reaches the extracted
    # text, the drift summary and the diff as literal "<script>" that the report must escape.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _archive(archive: WaybackServer, link: Link) -> None:
    if link.url in (NO_ARCHIVE, NO_HOST):
        return
    # In 2018 every source was a real page, the parked and soft-404 ones included; one cited
    # without a visit date was archived on the day inferred for it (publication, document).
    day = link.baseline.day if link.baseline else dt.date(2018, 10, 5)
    archive.add_capture(link.url, f"{day:%Y%m%d}120000", page(link.url).body)


@contextmanager
def world(tmp: Path, found: Sequence[Link] | None = None) -> Iterator[World]:
    found = tuple(found or report_links())
    tls = sorted({urlsplit(x.url).hostname or "" for x in found if x.url.startswith("https")})
    tls.append(urlsplit(MOVED_TO).hostname or "")
    ca = trustme.CA()
    pem = tmp / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    archive = WaybackServer(clock=lambda: NOW)
    # The test archive writes headers and body separately; with Nagle's algorithm each
    # keep-alive answer waits ~40 ms for a delayed ACK, 16 s over the report's 400 lookups.
    archive._server.RequestHandlerClass.disable_nagle_algorithm = True  # type: ignore[attr-defined]
    with SimWeb(tls_hosts=sorted(set(tls) - {urlsplit(NO_HOST).hostname}), ca=ca) as web, archive:
        for link in found:
            _serve(web, link)
            _archive(archive, link)
        yield World(web, archive, pem, found)
