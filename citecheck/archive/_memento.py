"""Memento (RFC 7089): captures from any archive with a TimeMap or a TimeGate.

    loc = Endpoints.of("https://webarchive.loc.gov/all/")
    archive = MementoArchive.from_settings("Library of Congress", loc, settings)
    mementos = archive.captures("http://example.org/page", date(2018, 10, 5))

An archive is known by its TimeGate prefix (append the original URL). Its TimeMap — every
capture with its datetime, ``application/link-format`` — is where captures are listed: the
one nearest before the visit date can be chosen only from the whole list. The TimeGate
(``Accept-Datetime`` -> ``302`` to the nearest memento, or a ``200`` naming it in ``Link``, as
pywb's framed replay answers) is asked when the TimeMap is missing or was cut at the size
cap; the mementos its ``Link`` header names (``memento``, ``prev memento``...) are listed.
A TimeMap prefix that answers 404 while the TimeGate finds captures is not asked again.

Listings give no HTTP status: a memento's status is learned when it is replayed
(``MementoArchive.replay``), with ``id_`` when its address is Wayback-style so the bytes are
the page's own; an archive that does not know ``id_`` is then replayed as it links.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from citecheck.archive._capture import (
    ArchiveUnreachable,
    Memento,
    Replay,
    http_date,
    timestamp_of,
)
from citecheck.archive._linkformat import LinkFormatError, WebLink, parse_links
from citecheck.archive._names import archive_name
from citecheck.archive._pace import Pacer, Sleep, http_client
from citecheck.archive._replay import (
    WAYBACK_STYLE,
    Asker,
    NotReplayed,
    describe,
    replay,
    truncated,
)
from citecheck.config import Settings

ANSWER_MAX_BYTES = 4 * 1024 * 1024
_NOT_ARCHIVED = (404, 406)  # RFC 7089: no such URI-R; no memento for that datetime


@dataclass(frozen=True)
class Endpoints:
    """Where an archive answers Memento requests: prefixes to which the original URL is added."""

    timegate: str
    timemap: str

    @classmethod
    def of(cls, timegate: str, timemap: str | None = None) -> Endpoints:
        """The conventional TimeMap of a TimeGate prefix unless ``timemap`` is given: pywb,
        OpenWayback, the Wayback Machine, the Library of Congress, the UK Web Archive and
        Arquivo.pt use ``<timegate>timemap/link/``; a ``.../timegate/`` prefix (Perma.cc,
        MemGator) has ``.../timemap/link/`` beside it, archive.today ``.../timemap/``."""
        gate = timegate if timegate.endswith("/") else timegate + "/"
        if timemap is None and gate.endswith("/timegate/"):
            root = gate.removesuffix("timegate/")
            today = archive_name(gate) == "archive.today"
            timemap = root + ("timemap/" if today else "timemap/link/")
        return cls(gate, timemap or gate + "timemap/link/")


class MementoArchive:
    """One archive asked through Memento; learns which of its endpoints work."""

    def __init__(self, name: str, endpoints: Endpoints, asker: Asker) -> None:
        self.name = name
        self.endpoints = endpoints
        self.asker = asker
        self.timemap_works: bool | None = None  # None: not known yet
        self.id_works: bool | None = None
        # Some answer spoke Memento (a TimeMap, a link-format 404, a negotiating TimeGate):
        # the endpoints are right, and an empty answer means "not archived".
        self.answered = False

    @classmethod
    def from_settings(
        cls,
        name: str,
        endpoints: Endpoints,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
    ) -> MementoArchive:
        http = http_client(settings, transport)
        pacer = Pacer(settings.archive_interval, sleep=sleep)
        return cls(name, endpoints, Asker(http, pacer, ANSWER_MAX_BYTES))

    def __repr__(self) -> str:
        return f"MementoArchive({self.name!r}, {self.endpoints.timegate!r})"

    @property
    def cited_as(self) -> str:
        return self.name

    # ----------------------------------------------------------------- lookup

    def captures(self, url: str, visited: dt.date) -> list[Memento]:
        """The mementos of ``url`` this archive lists (TimeMap, else TimeGate)."""
        listed: list[Memento] | None = None
        cut = False
        if self.timemap_works is not False:
            listed, cut = self._timemap(url)
        if listed is not None and not cut:
            return listed
        near = self._timegate(url, visited)
        if listed is None and near and self.timemap_works is None:
            self.timemap_works = False  # the TimeGate knows captures its "TimeMap" denied
        return _distinct((listed or []) + near)

    def _timemap(self, url: str) -> tuple[list[Memento] | None, bool]:
        """(mementos, cut at the size cap); None when the archive has no TimeMap of ``url``."""
        response = self.asker.ask(self.endpoints.timemap + url)
        link_format = _is_link_format(response)
        if response.status_code in _NOT_ARCHIVED:
            # pywb's "no captures" is a link-format 404; a bare 404 may be a wrong address.
            self.answered = self.answered or link_format
            return ([], False) if link_format else (None, False)
        if response.status_code != 200:
            raise ArchiveUnreachable(describe(response))
        cut = truncated(response, self.asker)
        try:
            links = parse_links(response.text, partial=cut)
        except LinkFormatError as exc:
            raise ArchiveUnreachable(f"{describe(response)}: {exc}") from exc
        self.timemap_works = self.answered = True
        return mementos(links, str(response.request.url), url), cut

    def _timegate(self, url: str, visited: dt.date) -> list[Memento]:
        headers = {"Accept-Datetime": http_date(f"{visited:%Y%m%d}235959")}
        response = self.asker.ask(self.endpoints.timegate + url, headers=headers)
        negotiated = "accept-datetime" in response.headers.get("vary", "").lower()
        self.answered = self.answered or negotiated or "link" in response.headers
        if response.status_code in _NOT_ARCHIVED:
            return []
        if not (response.is_redirect or response.status_code == 200):
            raise ArchiveUnreachable(describe(response))
        try:
            links = parse_links(response.headers.get("link", ""))
        except LinkFormatError as exc:
            raise ArchiveUnreachable(f"{describe(response)}: Link header: {exc}") from exc
        found = mementos(links, str(response.request.url), url)
        location = str(response.request.url.join(response.headers.get("location", "")))
        match = WAYBACK_STYLE.match(location) if response.is_redirect else None
        if match and all(m.uri != location for m in found):  # a Link header without it
            found.append(Memento(match["ts"], match["url"], "", uri=location))
        return found

    # ----------------------------------------------------------------- replay

    def replay(self, memento: Memento) -> Replay:
        """The memento's bytes; raises NotACapture when it is not a 2xx page."""
        uri = memento.uri or ""
        match = WAYBACK_STYLE.match(uri)
        if match and self.id_works is not False:
            try:
                found = replay(self.asker, f"{match['prefix']}{match['ts']}id_/{match['url']}",
                               match["prefix"])  # fmt: skip
            except NotReplayed:
                if self.id_works:
                    raise
                self.id_works = False  # the archive does not know id_: use its own links
            else:
                self.id_works = True
                return found
        return replay(self.asker, uri, match["prefix"] if match else _origin(uri))

    def cite_url(self, url: str, memento: Memento, served: str) -> str:
        """The capture's page to cite: the archive's own view, at the time really served."""
        match = WAYBACK_STYLE.match(memento.uri or "")
        if match is None:
            return memento.uri or url
        return f"{match['prefix']}{served}/{match['url']}"


# --------------------------------------------------------------------------- parsing


def mementos(links: list[WebLink], base: str, asked: str) -> list[Memento]:
    """The dated mementos among ``links`` (relative URIs resolved against ``base``)."""
    original = next((link.uri for link in links if "original" in link.rels), asked)
    found = []
    for link in links:
        stamp = timestamp_of(link.param("datetime") or "")
        if stamp is None or "memento" not in link.rels:  # also "first memento", "prev memento"
            continue
        uri = str(httpx.URL(base).join(link.uri))
        found.append(Memento(stamp, original, "", uri=uri))
    return found


def _is_link_format(response: httpx.Response) -> bool:
    kind: str = response.headers.get("content-type", "")
    return kind.startswith("application/link-format")


def _distinct(found: list[Memento]) -> list[Memento]:
    seen: dict[tuple[str, str | None], Memento] = {}
    for memento in found:
        seen.setdefault((memento.timestamp, memento.uri), memento)
    return list(seen.values())


def _origin(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}/"
