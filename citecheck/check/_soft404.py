"""Soft-404 detection: does this 200 page look like what the site serves for a random URL?

Once per origin the checker fetches a path that cannot exist and keeps a small fingerprint of
the answer. A cited page that ends where the probe ended (same final URL after redirects) or
whose text is nearly the same as the probe's is the site's not-found page served with a 200.

The probe goes out alongside the first request to a host, not after its answer, so it adds no
round trip to the run; a ``ProbeRecord`` of earlier runs spares it where the site answers as
it did (see ``_record``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
import zlib
from array import array
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from citecheck.check._outcome import Trace
from citecheck.check._urls import parse
from citecheck.shingles import jaccard, word_shingles

if TYPE_CHECKING:
    from citecheck.check._record import ProbeRecord

_KEEP_CHARS = 10_000
_SIMILAR = 0.9
# A page this short that matches the probe is an app shell filled in by script: no evidence.
_MIN_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What a page (or the probe) looked like: enough to compare, small enough to cache.

    ``shingles`` holds the hashes of the text's word 3-grams (8 bytes each), not the words:
    one probe per origin stays cached for the whole run, for thousands of origins. The hashes
    are CRC-32s, the same in every process, so that a probe can be kept for the next run.
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
    """The distinct hashes of the word shingles: 8 bytes each, however long the words.

    Not ``hash()``: strings hash differently in every process (PYTHONHASHSEED)."""
    grams = word_shingles(words)
    return array("q", sorted({zlib.crc32(" ".join(gram).encode()) for gram in grams}))


def _words(text: str, paths: set[str]) -> tuple[str, ...]:
    # Not-found pages often echo the requested path: drop its words so only the template counts.
    echoed = {w for p in paths for w in _WORD.findall(p.lower())}
    return tuple(w for w in _WORD.findall(text.lower()) if w not in echoed)


def origin_of(url: str) -> str:
    parsed = parse(url)  # already parsed (and cached) when it was fetched
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii')}".lower()


class Probes:
    """One probe per origin, shared by every link on that origin.

    ``start`` sends an origin's probe ahead, alongside the first request to its host;
    ``fingerprint_for`` gives a link the probe of the origin it ended on (sending it then if it
    was not sent ahead). With a ``record``, a link that answers as it did in the last run
    reuses its origin's recorded probe, and probes sent are added to the record.
    """

    def __init__(
        self,
        trace: Callable[[str], Awaitable[Trace]],
        record: ProbeRecord | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._trace = trace
        self._record = record
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._cache: dict[str, asyncio.Task[Fingerprint]] = {}

    def start(self, url: str) -> None:
        """Send the probe of ``url``'s origin now, unless sent already or recorded fresh."""
        origin = origin_of(url)
        if origin in self._cache:
            return
        if self._record is not None and self._record.fresh(origin, self._clock()):
            return  # most likely reused: decided when the link answers
        self._cache[origin] = asyncio.ensure_future(self._probe(origin, url))

    async def fingerprint_for(self, url: str, trace: Trace) -> Fingerprint:
        """The probe for the link ``url`` traced to ``trace`` (which ends in an answer)."""
        assert trace.response is not None and trace.final_url is not None
        origin = origin_of(trace.final_url)
        task = self._cache.get(origin)
        if task is None:
            recorded = self._recorded(origin, url, trace)
            if recorded is not None:
                return recorded
            task = self._cache[origin] = asyncio.ensure_future(self._probe(origin, trace.final_url))
        if task.done():
            return task.result()  # the common case: no shield (a future and callbacks) needed
        return await asyncio.shield(task)

    def answered(self, url: str, trace: Trace) -> None:
        """Keep how ``url`` answered, for the next run to compare with."""
        if self._record is not None and trace.response is not None and trace.final_url:
            answer = (trace.response.status, trace.final_url)
            self._record.keep_answer(url, answer, self._clock())

    async def aclose(self) -> None:
        """Stop the probes no link waited for (every link of their host failed or moved)."""
        pending = [task for task in self._cache.values() if not task.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def _recorded(self, origin: str, url: str, trace: Trace) -> Fingerprint | None:
        if self._record is None:
            return None
        assert trace.response is not None and trace.final_url is not None
        answer = (trace.response.status, trace.final_url)
        return self._record.reusable(origin, url, answer, self._clock())

    async def _probe(self, origin: str, url: str) -> Fingerprint:
        found = fingerprint(await self._trace(probe_url(url)))
        if self._record is not None and found.status is not None:
            self._record.keep_probe(origin, found, self._clock())
        return found
