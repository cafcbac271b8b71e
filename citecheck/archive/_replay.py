"""Asking an archive: paced, size-capped requests, and replaying one capture's original bytes.

Every archive request (CDX, TimeMap, TimeGate, replay) goes through ``ask``: the archive's
``Pacer`` spaces it, a 429 pauses it, and no answer is read past ``max_bytes`` — an index or a
capture is untrusted input of any size.

Replay follows redirects only inside the archive. An archive redirecting to the capture
nearest the asked time (the Wayback Machine's 302) stays under the replay prefix; a
*redirect capture* replayed with ``id_`` carries the site's own ``Location`` (pywb sends it
as captured), which is mapped back into the archive at the same time — never followed to the
live web.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from citecheck.archive._capture import ArchiveUnreachable, NotACapture, Replay, timestamp_of
from citecheck.archive._pace import Pacer, Throttled

MAX_HOPS = 5
# A replay URL: <prefix><14-digit timestamp><flag>/<original URL>
WAYBACK_STYLE = re.compile(r"^(?P<prefix>.+?/)(?P<ts>\d{14})(?P<flag>[a-z]{2}_)?/(?P<url>.+)$")


class NotReplayed(ArchiveUnreachable):
    """The replay URL answered without ``Memento-Datetime``: no capture there (a missing
    capture, a wrong replay prefix, a flag the archive does not know)."""


@dataclass(frozen=True)
class Asker:
    """One archive's HTTP access: a client, its pacer and the size cap of an answer."""

    http: httpx.Client
    pacer: Pacer
    max_bytes: int

    def ask(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """GET ``url``; raises ArchiveUnreachable (network, throttled) naming the URL."""
        request = functools.partial(self._fetch, url, params, headers)
        try:
            return self.pacer.send(request)
        except (httpx.HTTPError, Throttled) as exc:
            asked = httpx.URL(url, params=params)
            raise ArchiveUnreachable(f"{asked}: {type(exc).__name__}: {exc}") from exc

    def _fetch(
        self, url: str, params: Mapping[str, str] | None, headers: Mapping[str, str] | None
    ) -> httpx.Response:
        with self.http.stream("GET", url, params=params, headers=headers) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= self.max_bytes:
                    del body[self.max_bytes :]
                    break
            return httpx.Response(
                response.status_code,
                headers=response.headers,
                content=bytes(body),
                request=response.request,
            )


def truncated(response: httpx.Response, asker: Asker) -> bool:
    return len(response.content) >= asker.max_bytes


def describe(response: httpx.Response) -> str:
    """``<url> answered 404 (text/html): '<html>…'`` — for messages that say what came back."""
    kind = response.headers.get("content-type", "no content type")
    start = response.content[:80].decode("utf-8", "replace")
    return f"{response.request.url} answered {response.status_code} ({kind}): {start!r}"


def replay(asker: Asker, url: str, prefix: str) -> Replay:
    """The capture at ``url`` (under the archive's replay ``prefix``), redirects followed."""
    for _hop in range(MAX_HOPS):
        response = asker.ask(url)
        location = response.headers.get("location")
        if response.is_redirect and location:
            url = _inside(url, location, prefix, response)
            continue
        return _replayed(response, url)
    raise NotACapture(f"{url}: more than {MAX_HOPS} redirects")


def _inside(url: str, location: str, prefix: str, response: httpx.Response) -> str:
    """The next replay URL: the archive's own redirect (to the nearest capture, to a replay
    server elsewhere — the address guard vets that one), or a redirect capture's target as
    archived at the same time. Never a URL of the live web."""
    target = str(httpx.URL(url).join(location))
    if target.startswith(prefix):
        return target
    match = WAYBACK_STYLE.match(url)
    stamp = timestamp_of(response.headers.get("memento-datetime", ""))
    if match is not None and stamp is not None:
        original = str(httpx.URL(match["url"]).join(location))
        return f"{prefix}{stamp}id_/{original}"
    if WAYBACK_STYLE.match(target):
        return target
    raise NotACapture(f"{url} redirects out of the archive, to {target}")


def _replayed(response: httpx.Response, url: str) -> Replay:
    # Memento-Datetime is the time of the capture served, whatever time the URL asked for
    # (pywb serves the nearest capture under the asked URL without redirecting).
    stamp = timestamp_of(response.headers.get("memento-datetime", ""))
    if stamp is None:
        raise NotReplayed(f"{url}: answered {response.status_code}, not a capture")
    if not response.is_success:
        raise NotACapture(f"{url}: the capture of {stamp} is an HTTP {response.status_code} page")
    return Replay(stamp, response.content, response.headers.get("content-type"))
