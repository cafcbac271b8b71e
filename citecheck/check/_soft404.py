"""Soft-404 detection: does this 200 page look like what the site serves for a random URL?

Once per origin the checker fetches a path that cannot exist and keeps a small fingerprint of
the answer. A cited page that ends where the probe ended (same final URL after redirects) or
whose text is nearly the same as the probe's is the site's not-found page served with a 200.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from array import array
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from citecheck.check._outcome import Trace
from citecheck.check._urls import parse
from citecheck.shingles import jaccard, word_shingles

_KEEP_CHARS = 10_000
_SIMILAR = 0.9
# A page this short that matches the probe is an app shell filled in by script: no evidence.
_MIN_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What a page (or the probe) looked like: enough to compare, small enough to cache.

    ``shingles`` holds the hashes of the text's word 3-grams (8 bytes each), not the words:
    one probe per origin stays cached for the whole run, for thousands of origins.
    """

    status: int | None
    final_url: str | None
    redirected: bool
    title: str
    word_count: int
    shingles: array[int]


def fingerprint(trace: Trace) -> Fingerprint:
    page = trace.page
    text = page.text[:_KEEP_CHARS] if page is not None else ""
    paths = {parse(u).path for u in (trace.url, trace.final_url) if u}
    words = _words(text, paths)
    return Fingerprint(
        status=trace.response.status if trace.response is not None else None,
        final_url=trace.final_url,
        redirected=bool(trace.hops),
        title=page.title.strip().lower() if page is not None else "",
        word_count=len(words),
        shingles=shingle_hashes(words),
    )


def probe_url(url: str) -> str:
    """A URL on the same origin that no site has: stable per origin, so runs are repeatable."""
    origin = httpx.URL(url).copy_with(path="/", query=None, fragment=None)
    token = hashlib.sha256(str(origin).encode()).hexdigest()[:16]
    return str(origin.copy_with(path=f"/{token}-citecheck-no-such-page"))


def soft_404_reason(trace: Trace, probe: Fingerprint) -> str | None:
    """Why the traced page is the site's not-found page, or None if not (or if it cannot tell)."""
    if probe.status is None or not 200 <= probe.status < 300:
        return None  # the site answers missing pages honestly: a 200 page is real content
    page = fingerprint(trace)
    if page.redirected and probe.redirected and page.final_url == probe.final_url:
        return "soft 404: redirects to the same page as a random URL on this host"
    if page.word_count < _MIN_WORDS:
        return None
    if similarity(page.shingles, probe.shingles) >= _SIMILAR:
        return "soft 404: same page as a random URL on this host"
    return None


def similarity(a: array[int], b: array[int]) -> float:
    """Jaccard similarity of two shingle sets: linear time, insensitive to small edits."""
    return jaccard(set(a), set(b))


def shingle_hashes(words: tuple[str, ...]) -> array[int]:
    """The distinct hashes of the word shingles: 8 bytes each, however long the words."""
    return array("q", sorted({hash(gram) for gram in word_shingles(words)}))


def _words(text: str, paths: set[str]) -> tuple[str, ...]:
    # Not-found pages often echo the requested path: drop its words so only the template counts.
    echoed = {w for p in paths for w in _WORD.findall(p.lower())}
    return tuple(w for w in _WORD.findall(text.lower()) if w not in echoed)


class Probes:
    """One probe per origin, fetched on first need and shared by every link on that origin."""

    def __init__(self, trace: Callable[[str], Awaitable[Trace]]) -> None:
        self._trace = trace
        self._cache: dict[str, asyncio.Task[Fingerprint]] = {}

    async def fingerprint_for(self, url: str) -> Fingerprint:
        parsed = parse(url)  # already parsed (and cached) when it was fetched
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}".lower()
        task = self._cache.get(origin)
        if task is None:
            task = asyncio.ensure_future(self._probe(probe_url(url)))
            self._cache[origin] = task
        if task.done():
            return task.result()  # the common case: no shield (a future and callbacks) needed
        return await asyncio.shield(task)

    async def _probe(self, url: str) -> Fingerprint:
        return fingerprint(await self._trace(url))
